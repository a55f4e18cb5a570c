import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { customOperationsOf } from '../shared/descriptions';
import { declarativeRequests, requestLimitsProperty } from '../shared/request/declarative';
import { searchAgents, searchSources } from './listSearch';
import { chatsby } from './platform';
import { agentOperations, agentProperties } from './resources/agent';
import { conversationOperations, conversationProperties } from './resources/conversation';
import { sourceOperations, sourceProperties } from './resources/source';

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
		credentials: [{ name: chatsby.credentialName, required: true }],
		requestDefaults: {
			baseURL: chatsby.baseUrlExpression,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every request goes through the one request function (nodes/shared/request/).
		requestOperations: { pagination: declarativeRequests(chatsby) },
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
			...agentProperties,
			...conversationProperties,
			...sourceProperties,
			requestLimitsProperty,
		],
	};

	methods = { listSearch: { searchAgents, searchSources } };

	// Operations that are code, not one request per item (a streamed reply).
	customOperations = customOperationsOf({
		agent: agentOperations,
		conversation: conversationOperations,
		source: sourceOperations,
	});
}
