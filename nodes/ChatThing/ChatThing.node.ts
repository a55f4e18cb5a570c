import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestLimitsProperty } from '../shared/requestLimits';
import { searchConversations, searchDataSources } from './listSearch';
import { conversationDescription } from './resources/conversation';
import { dataSourceDescription } from './resources/dataSource';
import { dataSourceRowDescription } from './resources/dataSourceRow';
import { createRows, deleteRows, updateRows } from './resources/dataSourceRow/write';
import { messageDescription } from './resources/message';
import { sendMessages } from './resources/message/send';
import { CHANNEL_BASE_URL_EXPRESSION, CREDENTIAL_NAME, sendChatThingRequests } from './transport';

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
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		requestDefaults: {
			baseURL: CHANNEL_BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every request goes through the request limits (see nodes/shared/requestLimits.ts).
		requestOperations: { pagination: sendChatThingRequests },
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
			...conversationDescription,
			...dataSourceDescription,
			...dataSourceRowDescription,
			...messageDescription,
			requestLimitsProperty,
		],
	};

	methods = { listSearch: { searchConversations, searchDataSources } };

	// Operations that are code, not one request per item: a streamed reply, batched row writes.
	customOperations = {
		message: { send: sendMessages },
		dataSourceRow: { create: createRows, delete: deleteRows, update: updateRows },
	};
}
