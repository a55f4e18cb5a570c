import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matchesFilter } from '../shared/descriptions';
import { requestJson } from '../shared/request/request';
import { chatThing } from './platform';

/**
 * A list search over one of the channel's lists (POST, `limit` 100 and `cursor` in the body; the
 * answer's `pagination.last` is the next cursor): what the user types filters on `searched`, and
 * `name` is what the list shows.
 */
function searchList(
	path: string,
	listField: string,
	searched: (record: IDataObject) => unknown[],
	name: (record: IDataObject) => string,
) {
	return async function searchChannelList(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const body = await requestJson<IDataObject>(this, chatThing, {
			method: 'POST',
			url: path,
			body: { limit: 100, ...(paginationToken ? { cursor: paginationToken } : {}) },
		});
		const records = (Array.isArray(body?.[listField]) ? body[listField] : []) as IDataObject[];
		const last = (body?.pagination as IDataObject | undefined)?.last;
		return {
			results: records
				.filter((record) => matchesFilter(filter, ...searched(record)))
				.map((record) => ({ name: name(record), value: String(record.id) })),
			paginationToken: records.length === 100 && last ? String(last) : undefined,
		};
	};
}

/** Conversations, named by their first message. */
export const searchConversations = searchList(
	'/conversations',
	'conversations',
	(record) => [record.initialMessage, record.id],
	(record) =>
		`${String(record.initialMessage || '(no message yet)').slice(0, 60)} · ${String(record.createdAt ?? '')}`,
);

/** Manual data sources have no name: they are shown by ID, state and creation time. */
export const searchDataSources = searchList(
	'/data-sources/list',
	'dataSources',
	(record) => [record.id, record.state],
	(record) =>
		`${String(record.id).slice(0, 8)}… · ${String(record.state ?? '')} · created ${String(record.createdAt ?? '').slice(0, 10)}`,
);
