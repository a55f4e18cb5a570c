import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestLimitsProperty } from '../shared/requestLimits';
import {
	searchAgents,
	searchChatbots,
	searchDataSources,
	searchSessions,
	searchSourceTags,
} from './listSearch';
import { agentDescription } from './resources/agent';
import { chatbotDescription } from './resources/chatbot';
import { dataSourceDescription } from './resources/dataSource';
import { messageDescription } from './resources/message';
import { sessionDescription } from './resources/session';
import { sourceTagDescription } from './resources/sourceTag';
import { CREDENTIAL_NAME, sendAiChatbotHubRequests } from './transport';

export class AiChatbotHub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AI Chatbot Hub',
		name: 'aiChatbotHub',
		icon: { light: 'file:aiChatbotHub.svg', dark: 'file:aiChatbotHub.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage AI Chatbot Hub (GPT-trainer) chatbots, agents and data sources, and chat with them',
		defaults: { name: 'AI Chatbot Hub' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every request goes through the request limits (see nodes/shared/requestLimits.ts).
		requestOperations: { pagination: sendAiChatbotHubRequests },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Agent',
						value: 'agent',
						description: 'An agent of a chatbot: its prompt and model',
					},
					{ name: 'Chatbot', value: 'chatbot', description: 'A chatbot and its settings' },
					{
						name: 'Data Source',
						value: 'dataSource',
						description: 'What a chatbot knows: Q&A, web pages and files',
					},
					{
						name: 'Message',
						value: 'message',
						description: 'A message in a session, and its reply',
					},
					{ name: 'Session', value: 'session', description: 'A chat session with a chatbot' },
					{
						name: 'Source Tag',
						value: 'sourceTag',
						description: 'A tag that groups the data sources of a chatbot',
					},
				],
				default: 'chatbot',
			},
			...agentDescription,
			...chatbotDescription,
			...dataSourceDescription,
			...messageDescription,
			...sessionDescription,
			...sourceTagDescription,
			requestLimitsProperty,
		],
	};

	methods = {
		listSearch: {
			searchAgents,
			searchChatbots,
			searchDataSources,
			searchSessions,
			searchSourceTags,
		},
	};
}
