import type {
	DeclarativeRestApiSettings,
	IDataObject,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { responseError } from './errors';
import type { RequestPlan } from './request/declarative';

export interface CursorPages {
	/** Where the page size and the cursor are sent. */
	in: 'body' | 'query';
	/** The page size parameter, e.g. 'limit' or 'page_size'. */
	limitField: string;
	/** The cursor parameter, e.g. 'cursor'. */
	cursorField: string;
	/** The largest page the API serves: Return All uses it, so the fewest requests are made. */
	pageSize: number;
	/**
	 * Reads one page's answer (the whole JSON body): its records (undefined when the answer has no
	 * list), and the cursor of the next page (undefined when this was the last page).
	 * `recordsBefore` counts the records of earlier pages.
	 */
	readPage(
		body: IDataObject,
		requestedPageSize: number,
		recordsBefore: number,
	): { records: unknown[] | undefined; nextCursor?: string };
}

const isRecord = (value: unknown) =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A request plan for cursor-paginated lists. With Return All it walks every page at the largest
 * page size; with a Limit it asks for no more than it needs and stops as soon as it has them.
 * A cursor the service sends twice stops the walk with an error instead of looping for ever.
 * The operation must have no post-receive steps of its own: the records come from `readPage`.
 */
export function walkCursorPages(pages: CursorPages): RequestPlan {
	return async function walkPages(send, requestData) {
		const limit = Number(requestData.maxResults) || undefined;
		const records: INodeExecutionData[] = [];
		const seenCursors = new Set<string>();
		let cursor: string | undefined;
		for (;;) {
			const pageSize = limit ? Math.min(pages.pageSize, limit - records.length) : pages.pageSize;
			const [envelope] = await send(withPage(requestData, pages, pageSize, cursor));
			const page = pages.readPage(envelope?.json ?? {}, pageSize, records.length);
			if (page.records === undefined || !page.records.every(isRecord)) {
				// Not silently an empty or a broken list: n8n cannot output such entries as items.
				throw notAListError(this.getNode(), this.getItemIndex(), records.length, envelope?.json);
			}
			records.push(...page.records.map((json) => ({ json: json as IDataObject })));
			const done =
				page.nextCursor === undefined ||
				page.nextCursor === '' ||
				page.records.length === 0 ||
				(limit !== undefined && records.length >= limit);
			if (done) break;
			if (seenCursors.has(page.nextCursor as string)) {
				throw repeatedCursorError(
					this.getNode(),
					this.getItemIndex(),
					String(page.nextCursor),
					records.length,
				);
			}
			seenCursors.add(page.nextCursor as string);
			cursor = page.nextCursor;
		}
		return limit ? records.slice(0, limit) : records;
	};
}

function notAListError(node: INode, itemIndex: number, recordsBefore: number, answer: unknown) {
	const text = JSON.stringify(answer ?? null) ?? '';
	return responseError(
		node,
		itemIndex,
		'The service answered a page of the list that is not a list of records',
		`After ${recordsBefore} records, the answer was: ${text.slice(0, 200)}${text.length > 200 ? '…' : ''}`,
	);
}

function repeatedCursorError(
	node: INode,
	itemIndex: number,
	cursor: string,
	recordsBefore: number,
) {
	return responseError(
		node,
		itemIndex,
		'The service sent the same page cursor twice',
		`Cursor "${cursor.slice(0, 80)}" came back after ${recordsBefore} records; the list was not read further, to avoid looping for ever.`,
	);
}

/**
 * Every record of a cursor-paginated list, for an operation that runs as code (a sync): pages of
 * the largest size, each fetched by `fetchPage` with the paging parameters to send (in the body
 * or the query, as `pages.in` says); the same checks as `walkCursorPages` (a page that is not a
 * list of records, a cursor sent twice).
 */
export async function readAllPages(
	node: INode,
	itemIndex: number,
	pages: CursorPages,
	fetchPage: (paging: IDataObject) => Promise<IDataObject>,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	for (;;) {
		const paging: IDataObject = { [pages.limitField]: pages.pageSize };
		if (cursor !== undefined) paging[pages.cursorField] = cursor;
		const answer = await fetchPage(paging);
		const page = pages.readPage(answer ?? {}, pages.pageSize, records.length);
		if (page.records === undefined || !page.records.every(isRecord))
			throw notAListError(node, itemIndex, records.length, answer);
		records.push(...(page.records as IDataObject[]));
		if (!page.nextCursor || page.records.length === 0) return records;
		if (seenCursors.has(page.nextCursor))
			throw repeatedCursorError(node, itemIndex, page.nextCursor, records.length);
		seenCursors.add(page.nextCursor);
		cursor = page.nextCursor;
	}
}

function withPage(
	requestData: DeclarativeRestApiSettings.ResultOptions,
	pages: CursorPages,
	pageSize: number,
	cursor: string | undefined,
): DeclarativeRestApiSettings.ResultOptions {
	const paging: IDataObject = { [pages.limitField]: pageSize };
	if (cursor !== undefined) paging[pages.cursorField] = cursor;
	const options = { ...requestData.options };
	if (pages.in === 'body') options.body = { ...(options.body as IDataObject), ...paging };
	else options.qs = { ...options.qs, ...paging };
	return { ...requestData, options };
}
