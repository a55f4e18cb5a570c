import type { IBinaryData, IExecuteSingleFunctions } from 'n8n-workflow';

import type { MultipartFile } from './multipart';
import { inputError, itemScope } from './parameters';

export interface FileLimits {
	/** The largest file the platform takes, in bytes. */
	maxBytes?: number;
	/** Accepted file name extensions, lower case without the dot (e.g. ['pdf', 'docx', 'txt']). */
	extensions?: string[];
}

function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Reads the file an item carries in the binary field the user named, after checking that it is
 * there, of an accepted type and not too large — all before any request.
 */
export async function readBinaryFile(
	context: IExecuteSingleFunctions,
	binaryFieldParameter: string,
	partName: string,
	limits: FileLimits = {},
): Promise<MultipartFile> {
	const scope = itemScope(context);
	const fieldName = String(scope.value(binaryFieldParameter, 'data') ?? '').trim();
	const item = context.getInputData();
	const binary: IBinaryData | undefined = item.binary?.[fieldName];
	if (!binary) {
		const available = Object.keys(item.binary ?? {});
		throw inputError(
			scope,
			`The item has no binary field '${fieldName}'`,
			available.length
				? `Its binary fields are: ${available.join(', ')}. Enter one of them in 'Input Binary Field'.`
				: "The item carries no file. Read or download the file in an earlier node, then name its binary field in 'Input Binary Field'.",
		);
	}
	const fileName = binary.fileName || `${fieldName}.${binary.fileExtension ?? 'bin'}`;
	const extension = extensionOf(fileName) || String(binary.fileExtension ?? '').toLowerCase();
	if (limits.extensions && !limits.extensions.includes(extension)) {
		throw inputError(
			scope,
			`The file '${fileName}' is of a type the service does not take`,
			`Accepted types: ${limits.extensions.map((type) => type.toUpperCase()).join(', ')}.`,
		);
	}
	const data = await context.helpers.getBinaryDataBuffer(fieldName);
	if (limits.maxBytes !== undefined && data.length > limits.maxBytes) {
		// Just over the limit, both sizes read the same in MB: then they are told in bytes.
		const inBytes = megabytes(data.length) === megabytes(limits.maxBytes);
		const size = (bytes: number) => (inBytes ? `${bytes} bytes` : megabytes(bytes));
		throw inputError(
			scope,
			`The file '${fileName}' is ${size(data.length)}; the most the service takes is ${size(limits.maxBytes)}`,
		);
	}
	return {
		name: partName,
		fileName,
		contentType: binary.mimeType || 'application/octet-stream',
		data,
	};
}
