import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matchesFilter } from '../shared/descriptions';
import { itemScope } from '../shared/parameters';
import { requestJson } from '../shared/request/request';
import { chatsby } from './platform';

async function listPage(
	this: ILoadOptionsFunctions,
	path: string,
	paginationToken?: string,
): Promise<{ records: IDataObject[]; next?: string }> {
	const body = await requestJson<IDataObject>(this, chatsby, {
		method: 'GET',
		url: path,
		qs: { page_size: 100, ...(paginationToken ? { cursor: paginationToken } : {}) },
	});
	const records = (Array.isArray(body?.data) ? body.data : []) as IDataObject[];
	return {
		records,
		next: body?.has_more === true && body.next_cursor ? String(body.next_cursor) : undefined,
	};
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
	const agentId = String(itemScope(this).value('agentId', '') ?? '').trim();
	// Sources are listed per agent: without an agent (or with an expression) there is no list.
	if (agentId === '') return { results: [] };
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
