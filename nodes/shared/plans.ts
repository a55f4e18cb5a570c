import type { DeclarativeRestApiSettings, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { SendRequest } from './request/declarative';

/**
 * Sends a request whose JSON body holds a long list (`uuids`) as several requests of at most
 * `size` entries each, through the same request limits, and returns the items of every chunk in
 * order. The list sizes the platforms accept in one request are undocumented; 100 is safe.
 */
export async function sendInChunks(
	send: SendRequest,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	listField: string,
	size: number,
): Promise<INodeExecutionData[][]> {
	const body = (requestData.options.body ?? {}) as IDataObject;
	const list = Array.isArray(body[listField]) ? (body[listField] as unknown[]) : [];
	const chunks: unknown[][] = [];
	for (let start = 0; start < list.length; start += size)
		chunks.push(list.slice(start, start + size));
	return await Promise.all(
		chunks.map(
			async (chunk) =>
				await send({
					...requestData,
					options: { ...requestData.options, body: { ...body, [listField]: chunk } },
				}),
		),
	);
}
