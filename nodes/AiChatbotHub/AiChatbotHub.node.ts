import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { customOperationsOf } from '../shared/descriptions';
import { declarativeRequests, requestLimitsProperty } from '../shared/request/declarative';
import {
	searchAgents,
	searchChatbots,
	searchDataSources,
	searchSessions,
	searchSourceTags,
} from './listSearch';
import { aiChatbotHub } from './platform';
import { agentOperations, agentProperties } from './resources/agent';
import { chatbotOperations, chatbotProperties } from './resources/chatbot';
import { dataSourceOperations, dataSourceProperties } from './resources/dataSource';
import { messageOperations, messageProperties } from './resources/message';
import { sessionOperations, sessionProperties } from './resources/session';
import { sourceTagOperations, sourceTagProperties } from './resources/sourceTag';

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
		credentials: [{ name: aiChatbotHub.credentialName, required: true }],
		requestDefaults: {
			baseURL: aiChatbotHub.baseUrlExpression,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every request goes through the one request function (nodes/shared/request/).
		requestOperations: { pagination: declarativeRequests(aiChatbotHub) },
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
			...agentProperties,
			...chatbotProperties,
			...dataSourceProperties,
			...messageProperties,
			...sessionProperties,
			...sourceTagProperties,
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

	// Operations that are code, not one request per item (each operation's file says so).
	customOperations = customOperationsOf({
		agent: agentOperations,
		chatbot: chatbotOperations,
		dataSource: dataSourceOperations,
		message: messageOperations,
		session: sessionOperations,
		sourceTag: sourceTagOperations,
	});
}
