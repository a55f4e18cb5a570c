import {
	NodeApiError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type JsonObject,
} from 'n8n-workflow';

import { matchesFilter } from '../shared/descriptions';
import { CREDENTIAL_NAME } from './transport';

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	let agents: IDataObject[];
	try {
		const body = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
			method: 'GET',
			url: `${baseUrl}/v1/agents`,
			json: true,
		})) as IDataObject;
		agents = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	return {
		results: agents
			.filter((agent) => matchesFilter(filter, agent.name, agent._id))
			.map((agent) => ({ name: String(agent.name ?? agent._id), value: String(agent._id) }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}
