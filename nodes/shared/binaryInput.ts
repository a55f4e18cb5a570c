import type {
	IBinaryData,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { MultipartFile } from './multipart';
import { inputError, itemScope, type ItemScope } from './parameters';

export interface FileLimits {
	/** The largest file the platform takes, in bytes. */
	maxBytes?: number;
	/** Accepted file name extensions, lower case without the dot (e.g. ['pdf', 'docx', 'txt']). */
	extensions?: string[];
}

/** The file an item carries, checked for presence and type; its bytes are not read yet. */
export interface BinaryFile {
	/** The binary field that holds it. */
	fieldName: string;
	fileName: string;
	contentType: string;
}

function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The file in the binary field the user named ('Input Binary Field'), after checking that it is
 * there and of an accepted type — without reading its bytes, and before any request.
 */
export function binaryFileOf(
	scope: ItemScope,
	item: INodeExecutionData,
	binaryFieldParameter: string,
	limits: FileLimits = {},
): BinaryFile {
	const fieldName = String(scope.value(binaryFieldParameter, 'data') ?? '').trim();
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
	return { fieldName, fileName, contentType: binary.mimeType || 'application/octet-stream' };
}

/** Refuses, before any request, a file larger than the platform takes. */
export function checkFileSize(
	scope: ItemScope,
	fileName: string,
	bytes: number,
	limits: FileLimits = {},
): void {
	if (limits.maxBytes === undefined || bytes <= limits.maxBytes) return;
	// Just over the limit, both sizes read the same in MB: then they are told in bytes.
	const inBytes = megabytes(bytes) === megabytes(limits.maxBytes);
	const size = (count: number) => (inBytes ? `${count} bytes` : megabytes(count));
	throw inputError(
		scope,
		`The file '${fileName}' is ${size(bytes)}; the most the service takes is ${size(limits.maxBytes)}`,
	);
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
	const file = binaryFileOf(scope, context.getInputData(), binaryFieldParameter, limits);
	const data = await context.helpers.getBinaryDataBuffer(file.fieldName);
	checkFileSize(scope, file.fileName, data.length, limits);
	return { name: partName, fileName: file.fileName, contentType: file.contentType, data };
}

/** `readBinaryFile` for an operation that runs as code: the file of input item `itemIndex`. */
export async function readBinaryFileAt(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryFieldParameter: string,
	partName: string,
	limits: FileLimits = {},
): Promise<MultipartFile> {
	const scope = itemScope(context, itemIndex);
	const item = context.getInputData()[itemIndex];
	const file = binaryFileOf(scope, item, binaryFieldParameter, limits);
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, file.fieldName);
	checkFileSize(scope, file.fileName, data.length, limits);
	return { name: partName, fileName: file.fileName, contentType: file.contentType, data };
}
