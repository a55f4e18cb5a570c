import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestLimitsProperty } from '../shared/requestLimits';
import { searchAgents, searchSources } from './listSearch';
import { agentDescription } from './resources/agent';
import { conversationDescription } from './resources/conversation';
import { sendToAgent } from './resources/conversation/send';
import { sourceDescription } from './resources/source';
import { CREDENTIAL_NAME, sendChatsbyRequests } from './transport';

export class Chatsby implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatsby',
		name: 'chatsby',
		icon: { light: 'file:chatsby.svg', dark: 'file:chatsby.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Chat with Chatsby agents and manage their knowledge sources',
		defaults: { name: 'Chatsby' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every request goes through the request limits (see nodes/shared/requestLimits.ts).
		requestOperations: { pagination: sendChatsbyRequests },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent', description: 'A Chatsby AI agent' },
					{
						name: 'Conversation',
						value: 'conversation',
						description: 'A conversation with an agent',
					},
					{ name: 'Source', value: 'source', description: 'A knowledge source of an agent' },
				],
				default: 'source',
			},
			...agentDescription,
			...conversationDescription,
			...sourceDescription,
			requestLimitsProperty,
		],
	};

	methods = { listSearch: { searchAgents, searchSources } };

	// A streamed reply needs code: Conversation → Send Message.
	customOperations = { conversation: { send: sendToAgent } };
}
