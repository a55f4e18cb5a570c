import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestLimitsProperty } from '../shared/requestLimits';
import { searchAgents } from './listSearch';
import { agentDescription } from './resources/agent';
import { documentDescription } from './resources/document';
import { CREDENTIAL_NAME, sendSendKitRequests } from './transport';

export class SendKit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SendKit',
		name: 'sendKit',
		icon: { light: 'file:sendKit.svg', dark: 'file:sendKit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage SendKit AI agents, their training documents and retraining, and draft replies',
		defaults: { name: 'SendKit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every request goes through the request limits (see nodes/shared/requestLimits.ts).
		requestOperations: { pagination: sendSendKitRequests },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent', description: 'An AI agent that writes e-mail replies' },
					{ name: 'Document', value: 'document', description: 'A training document of an agent' },
				],
				default: 'agent',
			},
			...agentDescription,
			...documentDescription,
			requestLimitsProperty,
		],
	};

	methods = { listSearch: { searchAgents } };
}
