import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matchesFilter } from '../shared/descriptions';
import { requestJson } from '../shared/request/request';
import { chatThing } from './platform';

async function listPage(
	this: ILoadOptionsFunctions,
	path: string,
	listField: string,
	paginationToken?: string,
): Promise<{ records: IDataObject[]; last?: string }> {
	const body = await requestJson<IDataObject>(this, chatThing, {
		method: 'POST',
		url: path,
		body: { limit: 100, ...(paginationToken ? { cursor: paginationToken } : {}) },
	});
	const records = (Array.isArray(body?.[listField]) ? body[listField] : []) as IDataObject[];
	const last = (body?.pagination as IDataObject | undefined)?.last;
	return { records, last: records.length === 100 && last ? String(last) : undefined };
}

/** Conversations, named by their first message. */
export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { records, last } = await listPage.call(
		this,
		'/conversations',
		'conversations',
		paginationToken,
	);
	return {
		results: records
			.filter((record) => matchesFilter(filter, record.initialMessage, record.id))
			.map((record) => ({
				name: `${String(record.initialMessage || '(no message yet)').slice(0, 60)} · ${String(record.createdAt ?? '')}`,
				value: String(record.id),
			})),
		paginationToken: last,
	};
}

/** Manual data sources have no name: they are shown by ID, state and creation time. */
export async function searchDataSources(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { records, last } = await listPage.call(
		this,
		'/data-sources/list',
		'dataSources',
		paginationToken,
	);
	return {
		results: records
			.filter((record) => matchesFilter(filter, record.id, record.state))
			.map((record) => ({
				name: `${String(record.id).slice(0, 8)}… · ${String(record.state ?? '')} · created ${String(record.createdAt ?? '').slice(0, 10)}`,
				value: String(record.id),
			})),
		paginationToken: last,
	};
}
