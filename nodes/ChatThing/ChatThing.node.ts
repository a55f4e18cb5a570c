import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { customOperationsOf } from '../shared/descriptions';
import { declarativeRequests, requestLimitsProperty } from '../shared/request/declarative';
import { searchConversations, searchDataSources } from './listSearch';
import { chatThing } from './platform';
import { conversationOperations, conversationProperties } from './resources/conversation';
import { dataSourceOperations, dataSourceProperties } from './resources/dataSource';
import { dataSourceRowOperations, dataSourceRowProperties } from './resources/dataSourceRow';
import { messageOperations, messageProperties } from './resources/message';

export class ChatThing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chat Thing',
		name: 'chatThing',
		icon: { light: 'file:chatThing.svg', dark: 'file:chatThing.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Chat with a Chat Thing bot through its API channel and keep its manual data sources up to date',
		defaults: { name: 'Chat Thing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: chatThing.credentialName, required: true }],
		requestDefaults: {
			baseURL: chatThing.baseUrlExpression,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every request goes through the one request function (nodes/shared/request/).
		requestOperations: { pagination: declarativeRequests(chatThing) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Conversation',
						value: 'conversation',
						description: 'A conversation with the bot on its API channel',
					},
					{
						name: 'Data Source',
						value: 'dataSource',
						description: 'A manual data source: Markdown rows the bot is trained on after a sync',
					},
					{
						name: 'Data Source Row',
						value: 'dataSourceRow',
						description: 'A Markdown row of a manual data source',
					},
					{ name: 'Message', value: 'message', description: 'A message to the bot, and its reply' },
				],
				default: 'message',
			},
			...conversationProperties,
			...dataSourceProperties,
			...dataSourceRowProperties,
			...messageProperties,
			requestLimitsProperty,
		],
	};

	methods = { listSearch: { searchConversations, searchDataSources } };

	// Operations that are code, not one request per item: a streamed reply, batched row writes.
	customOperations = customOperationsOf({
		conversation: conversationOperations,
		dataSource: dataSourceOperations,
		dataSourceRow: dataSourceRowOperations,
		message: messageOperations,
	});
}
