import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matchesFilter } from '../shared/descriptions';
import { requestJson } from '../shared/request/request';
import { sendKit } from './platform';
import { listAllWebhooks } from './webhooks';

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await requestJson<IDataObject>(this, sendKit, { method: 'GET', url: '/v1/agents' });
	const agents = (Array.isArray(body?.data) ? body.data : []) as IDataObject[];
	return {
		results: agents
			.filter((agent) => matchesFilter(filter, agent.name, agent._id))
			.map((agent) => ({ name: String(agent.name ?? agent._id), value: String(agent._id) }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** The workspace's webhooks (all pages), found by name, URL or ID. */
export async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const webhooks = await listAllWebhooks(this);
	return {
		results: webhooks
			.filter((webhook) => matchesFilter(filter, webhook.name, webhook.url, webhook._id))
			.map((webhook) => ({
				name: `${String(webhook.name ?? webhook._id)} (${String(webhook.url ?? '')})`,
				value: String(webhook._id),
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}
