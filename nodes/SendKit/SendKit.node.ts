import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { customOperationsOf } from '../shared/descriptions';
import { declarativeRequests, requestLimitsProperty } from '../shared/request/declarative';
import { searchAgents, searchWebhooks } from './listSearch';
import { sendKit } from './platform';
import { agentOperations, agentProperties } from './resources/agent';
import { documentOperations, documentProperties } from './resources/document';
import { webhookOperations, webhookProperties } from './resources/webhook';

export class SendKit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SendKit',
		name: 'sendKit',
		icon: { light: 'file:sendKit.svg', dark: 'file:sendKit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage SendKit AI agents, their training documents and retraining, draft replies, and webhooks',
		defaults: { name: 'SendKit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: sendKit.credentialName, required: true }],
		requestDefaults: {
			baseURL: sendKit.baseUrlExpression,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every request goes through the one request function (nodes/shared/request/).
		requestOperations: { pagination: declarativeRequests(sendKit) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent', description: 'An AI agent that writes e-mail replies' },
					{ name: 'Document', value: 'document', description: 'A training document of an agent' },
					{
						name: 'Webhook',
						value: 'webhook',
						description: 'A URL that SendKit delivers e-mail and lead events to',
					},
				],
				default: 'agent',
			},
			...agentProperties,
			...documentProperties,
			...webhookProperties,
			requestLimitsProperty,
		],
	};

	methods = { listSearch: { searchAgents, searchWebhooks } };

	// Operations that are code, not one request per item (each operation's file says so).
	customOperations = customOperationsOf({
		agent: agentOperations,
		document: documentOperations,
		webhook: webhookOperations,
	});
}
