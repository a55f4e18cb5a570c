import {
	NodeApiError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type JsonObject,
} from 'n8n-workflow';

import { matchesFilter } from '../shared/descriptions';
import { channelBaseUrl, CREDENTIAL_NAME } from './transport';

async function listPage(
	this: ILoadOptionsFunctions,
	path: string,
	listField: string,
	paginationToken?: string,
): Promise<{ records: IDataObject[]; last?: string }> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	try {
		const body = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
			method: 'POST',
			url: `${channelBaseUrl(credentials)}${path}`,
			body: { limit: 100, ...(paginationToken ? { cursor: paginationToken } : {}) },
			json: true,
		})) as IDataObject;
		const records = (Array.isArray(body[listField]) ? body[listField] : []) as IDataObject[];
		const last = (body.pagination as IDataObject | undefined)?.last;
		return { records, last: records.length === 100 && last ? String(last) : undefined };
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
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
