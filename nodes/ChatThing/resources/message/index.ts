import type { INodeProperties } from 'n8n-workflow';

import { walkCursorPages } from '../../../shared/pagination';
import {
	conversationLocator,
	cursorPages,
	locatorValue,
	returnAllAndLimit,
} from '../../descriptions';
import { sendChatThingRequestsWith } from '../../transport';
import { messageSendDescription } from './send';

const showOnlyForMessages = { resource: ['message'] };
const showOnlyForMessageGetMany = { resource: ['message'], operation: ['getAll'] };

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForMessages },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many messages',
				description: 'Get many messages of a conversation',
				routing: {
					request: {
						method: 'POST',
						url: '/messages',
						body: { conversationId: locatorValue('conversationId') },
					},
					operations: {
						pagination: sendChatThingRequestsWith(walkCursorPages(cursorPages('messages'))),
					},
				},
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description:
					"Send a message, one-off or in a conversation, and get the bot's reply (optionally streamed)",
				// Runs as code (customOperations.message.send): it may read a stream.
			},
		],
		default: 'send',
	},
	{ ...conversationLocator, displayOptions: { show: showOnlyForMessageGetMany } },
	...returnAllAndLimit(showOnlyForMessageGetMany),
	...messageSendDescription,
];
