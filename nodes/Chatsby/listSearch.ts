import {
	NodeApiError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type JsonObject,
} from 'n8n-workflow';

import { matchesFilter } from '../shared/descriptions';
import { CREDENTIAL_NAME } from './transport';

async function listPage(
	this: ILoadOptionsFunctions,
	path: string,
	paginationToken?: string,
): Promise<{ records: IDataObject[]; next?: string }> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	try {
		const body = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
			method: 'GET',
			url: `${baseUrl}${path}`,
			qs: { page_size: 100, ...(paginationToken ? { cursor: paginationToken } : {}) },
			json: true,
		})) as IDataObject;
		const records = (Array.isArray(body.data) ? body.data : []) as IDataObject[];
		return {
			records,
			next: body.has_more === true && body.next_cursor ? String(body.next_cursor) : undefined,
		};
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { records, next } = await listPage.call(this, '/agents', paginationToken);
	return {
		results: records
			.filter((agent) => matchesFilter(filter, agent.name, agent.id))
			.map((agent) => ({
				name: `${String(agent.name)} · ${String(agent.status ?? '')}`,
				value: String(agent.id),
			})),
		paginationToken: next,
	};
}

export async function searchSources(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const agent = this.getCurrentNodeParameter('agentId') as { value?: unknown } | string | undefined;
	const agentId = String(typeof agent === 'object' ? (agent?.value ?? '') : (agent ?? '')).trim();
	// Sources are listed per agent: without an agent (or with an expression) there is no list.
	if (agentId === '' || agentId.startsWith('=')) return { results: [] };
	const { records, next } = await listPage.call(
		this,
		`/agents/${encodeURIComponent(agentId)}/sources`,
		paginationToken,
	);
	return {
		results: records
			.filter((source) => matchesFilter(filter, source.content, source.id, source.type))
			.map((source) => ({
				name: `${String(source.type)} · ${String(source.content ?? '').slice(0, 60)} · ${String(source.status ?? '')}`,
				value: String(source.id),
			})),
		paginationToken: next,
	};
}
