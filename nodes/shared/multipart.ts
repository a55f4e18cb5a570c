import { randomBytes } from 'crypto';

export interface MultipartFile {
	name: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

/** Quotes a value for a Content-Disposition parameter (RFC 7578: escape quotes and line breaks). */
function quoted(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '%22').replace(/\r?\n/g, ' ')}"`;
}

/**
 * Builds a multipart/form-data body by hand, so that the node needs no form-data dependency
 * (a verified community package may have none) and the exact bytes are known and testable.
 */
export function buildMultipart(
	fields: Record<string, string | undefined>,
	files: MultipartFile[],
): { body: Buffer; contentType: string } {
	const boundary = `----n8nChatbotPlatforms${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`,
			),
		);
	}
	for (const file of files) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.fileName)}\r\nContent-Type: ${file.contentType}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
