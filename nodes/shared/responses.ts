import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { messageFromBody, responseError, shortened } from './errors';
import { itemScope } from './parameters';

function contentTypeOf(response: IN8nHttpFullResponse): string {
	const value = response.headers?.['content-type'];
	return (Array.isArray(value) ? value[0] : String(value ?? '')).toLowerCase();
}

/**
 * The first post-receive step of every request (added by the declarative adapter): turns the body into
 * items — an array into one item per element, an object into one item — and refuses a body that
 * cannot be what the operation asked for, instead of passing it on as if it were data.
 * Operations that ask for text (`encoding: 'text'`) get one item `{ text }`.
 */
export function bodyToItems(expectText: boolean) {
	return async function bodyToItemsStep(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (expectText) return [{ json: { text: textOf(response.body) } }];
		return jsonBodyToItems.call(this, response);
	};
}

function textOf(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return body === undefined || body === null ? '' : JSON.stringify(body);
}

async function jsonBodyToItems(
	this: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return toItems(readJsonBody(this.getNode(), this.getItemIndex(), response));
}

/**
 * The parsed JSON body of a response that arrived with a success status. An HTML page, a body
 * that is not valid JSON, or `"success": false` is an error (never retried: it says something
 * final about the answer), not data.
 */
export function readJsonBody(
	node: INode,
	itemIndex: number,
	response: IN8nHttpFullResponse,
): unknown {
	const { body, statusCode } = response;
	const contentType = contentTypeOf(response);

	if (typeof body === 'string') {
		if (body.trim() === '') return undefined;
		if (contentType.includes('html') || /^\s*<(!doctype|html)/i.test(body)) {
			throw webPageError(node, itemIndex, statusCode, body);
		}
		try {
			return JSON.parse(body) as unknown;
		} catch {
			throw responseError(
				node,
				itemIndex,
				'The service answered with a body that is not valid JSON',
				`Status ${statusCode}, body starts with: ${shortened(body)}`,
				statusCode,
			);
		}
	}

	const failed =
		body !== null &&
		typeof body === 'object' &&
		!Array.isArray(body) &&
		(body as IDataObject).success === false;
	if (failed) {
		throw responseError(
			node,
			itemIndex,
			messageFromBody(body) ?? 'The service reported that the request did not succeed',
			'The service answered "success": false.',
			statusCode,
		);
	}
	return body;
}

/** A web page where the API's data belongs: the Base URL points at a website, not at the API. */
export function webPageError(node: INode, itemIndex: number, statusCode: number, page: string) {
	return responseError(
		node,
		itemIndex,
		'The service answered with a web page instead of data',
		`Status ${statusCode}, page starts with: ${shortened(page)}. Check the Base URL of the credential: it must point at the API, not at the website.`,
		statusCode,
	);
}

function toItems(body: unknown): INodeExecutionData[] {
	if (body === undefined || body === null) return [{ json: {} }];
	if (Array.isArray(body)) {
		// An entry that is not an object (a list inside the list too) is kept as `{ value }`.
		return body.map((element) => ({
			json: (element !== null && typeof element === 'object' && !Array.isArray(element)
				? element
				: { value: element }) as IDataObject,
		}));
	}
	if (typeof body === 'object') return [{ json: body as IDataObject }];
	return [{ json: { value: body as string | number | boolean } }];
}

/**
 * What a Delete returns: `{ deleted: true, <idField>: id }` for every ID the item deleted, in
 * place of the platform's bare `{ success: true }` (which bodyToItems has already checked).
 */
export function deletedResult(idField: string, parameterName: string) {
	return async function deletedItem(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
		const value = itemScope(this).value(parameterName, '');
		return [{ json: { deleted: true, [idField]: String(value ?? '').trim() } }];
	};
}

/**
 * Outputs the record (or the list of records) an answer holds under `property`, one item each:
 * SendKit's `data`, Chat Thing's `dataSource`. An answer without it, or with something that is
 * not a record there, is an error: n8n cannot output it as an item.
 */
export function recordsAt(property: string) {
	return async function recordsAtProperty(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		return items.flatMap((item) => {
			const value = item.json[property];
			const records: unknown[] = Array.isArray(value) ? value : [value];
			const fit = records.every(
				(record) => record !== null && typeof record === 'object' && !Array.isArray(record),
			);
			if (!fit) {
				throw responseError(
					this.getNode(),
					this.getItemIndex(),
					`The service answered without the record in '${property}'`,
					`The answer was: ${shortened(JSON.stringify(item.json) ?? '')}`,
					response.statusCode,
				);
			}
			return records.map((record) => ({ json: record as IDataObject }));
		});
	};
}
