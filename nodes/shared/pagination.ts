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

/** A list paginated by page number: page 1, 2, … of a fixed size, with the page count in each answer. */
export interface NumberedPages {
	/** The page number parameter (from 1), e.g. 'page'. */
	pageField: string;
	/** The page size parameter, e.g. 'limit'. */
	limitField: string;
	/** The largest page the API serves: Return All uses it, so the fewest requests are made. */
	pageSize: number;
	/** One page's answer: its records (undefined when it has no list) and the number of pages. */
	readPage(body: IDataObject): { records: unknown[] | undefined; pages: number | undefined };
}

/**
 * Reads a list page by page until the answer says the last page was reached (`page >= pages`),
 * the page is empty, or `limit` records are in. The page size stays the same on every page (a
 * smaller last page would shift the offsets): the largest, or the limit when it is smaller. A
 * page the same as the one before (a service that ignores the page number) stops the walk with
 * `fail` instead of looping for ever; so does an answer that is not a list of records.
 */
export async function readNumberedPages(
	pages: NumberedPages,
	fetchPage: (query: IDataObject) => Promise<IDataObject>,
	options: { limit?: number; fail: (message: string, description: string) => Error },
): Promise<IDataObject[]> {
	const { limit, fail } = options;
	const pageSize = limit ? Math.min(pages.pageSize, limit) : pages.pageSize;
	const records: IDataObject[] = [];
	let previous: string | undefined;
	for (let page = 1; ; page++) {
		const body = await fetchPage({ [pages.pageField]: page, [pages.limitField]: pageSize });
		const answer = pages.readPage(isRecord(body) ? body : {});
		if (answer.records === undefined || !answer.records.every(isRecord)) {
			const text = JSON.stringify(body ?? null) ?? '';
			throw fail(
				'The service answered a page of the list that is not a list of records',
				`After ${records.length} records, the answer to page ${page} was: ${text.slice(0, 200)}${text.length > 200 ? '…' : ''}`,
			);
		}
		const serialized = JSON.stringify(answer.records);
		if (answer.records.length > 0 && serialized === previous) {
			throw fail(
				'The service sent the same page twice',
				`Page ${page} held the same records as page ${page - 1} after ${records.length} records; the list was not read further, to avoid looping for ever.`,
			);
		}
		previous = serialized;
		records.push(...(answer.records as IDataObject[]));
		const done =
			answer.records.length === 0 ||
			answer.pages === undefined ||
			page >= answer.pages ||
			(limit !== undefined && records.length >= limit);
		if (done) break;
	}
	return limit ? records.slice(0, limit) : records;
}

/**
 * The request plan of a list paginated by page number (see `readNumberedPages`): Return All walks
 * every page at the largest page size, a Limit stops as soon as it has enough. The operation must
 * have no post-receive steps of its own: the records come from `readPage`.
 */
export function walkNumberedPages(pages: NumberedPages): RequestPlan {
	return async function walkPages(send, requestData) {
		const limit = Number(requestData.maxResults) || undefined;
		const records = await readNumberedPages(
			pages,
			async (query) => {
				const options = { ...requestData.options, qs: { ...requestData.options.qs, ...query } };
				const [envelope] = await send({ ...requestData, options });
				return (envelope?.json ?? {}) as IDataObject;
			},
			{
				limit,
				fail: (message, description) =>
					responseError(this.getNode(), this.getItemIndex(), message, description),
			},
		);
		return records.map((json) => ({ json }));
	};
}
