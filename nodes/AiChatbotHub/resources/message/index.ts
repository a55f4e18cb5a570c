import type { INodeProperties } from 'n8n-workflow';

import { idInPath } from '../../descriptions';
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
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description: "Send a message in a session and get the chatbot's whole reply",
				routing: {
					request: {
						method: 'POST',
						url: `=/session/${idInPath('session')}/message/stream`,
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
	...messageSendDescription,
];
