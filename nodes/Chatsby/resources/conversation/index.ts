import type { INodeProperties } from 'n8n-workflow';

import { conversationSendDescription } from './send';

// Chatsby documents only sending a message (which starts a conversation); listing, reading and
// continuing conversations are not in its reference (see the README).
export const conversationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Send Message',
				value: 'send',
				action: 'Send a message to an agent',
				description: 'Start a conversation with an agent and get its reply (optionally streamed)',
				// Runs as code (customOperations.conversation.send): it may read a stream.
			},
		],
		default: 'send',
	},
	...conversationSendDescription,
];
