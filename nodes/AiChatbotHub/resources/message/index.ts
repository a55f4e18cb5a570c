import type { INodeProperties } from 'n8n-workflow';

import { deletedResult } from '../../../shared/responses';
import { idInPath } from '../../../shared/validation';
import { messageDeleteDescription } from './delete';
import { deleteMessagesInChunks, messageDeleteManyDescription } from './deleteMany';
import { messageGetManyDescription, oldestFirst } from './getAll';
import { messageSendDescription, toReply } from './send';

const showOnlyForMessages = { resource: ['message'] };

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForMessages },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a message',
				description: 'Delete a message of a session',
				routing: {
					request: { method: 'POST', url: `/message/${idInPath('messageId')}/delete` },
					output: { postReceive: [deletedResult('uuid', 'messageId')] },
				},
			},
			{
				name: 'Delete Many',
				value: 'deleteMany',
				action: 'Delete many messages',
				description: 'Delete many messages at once',
				routing: {
					request: { method: 'POST', url: '/messages/delete' },
					operations: { pagination: deleteMessagesInChunks },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many messages',
				description: 'Get many messages of a session, oldest first',
				routing: {
					request: { method: 'GET', url: `/session/${idInPath('session')}/messages` },
					output: { postReceive: [oldestFirst] },
				},
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description: "Send a message in a session and get the chatbot's whole reply",
				routing: {
					request: {
						method: 'POST',
						url: `/session/${idInPath('session')}/message/stream`,
						// The reply is streamed as plain text until the connection closes.
						encoding: 'text',
						json: false,
						headers: { Accept: 'text/plain, */*' },
					},
					output: { postReceive: [toReply] },
				},
			},
		],
		default: 'send',
	},
	...messageDeleteDescription,
	...messageDeleteManyDescription,
	...messageGetManyDescription,
	...messageSendDescription,
];
