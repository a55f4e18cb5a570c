import type { INodeProperties } from 'n8n-workflow';

import { walkCursorPages } from '../../../shared/pagination';
import { cursorPages, returnAllAndLimit } from '../../descriptions';
import { withoutSuccessFlag } from '../../outputs';
import { sendChatThingRequestsWith } from '../../transport';

const showOnlyForConversations = { resource: ['conversation'] };
const showOnlyForConversationGetMany = { resource: ['conversation'], operation: ['getAll'] };

export const conversationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForConversations },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many conversations',
				description: "Get many conversations of the bot's API channel",
				routing: {
					request: { method: 'POST', url: '/conversations' },
					operations: {
						pagination: sendChatThingRequestsWith(walkCursorPages(cursorPages('conversations'))),
					},
				},
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a conversation',
				description: "Start a conversation; returns its ID and the bot's greeting",
				routing: {
					request: { method: 'POST', url: '/conversation' },
					output: { postReceive: [withoutSuccessFlag] },
				},
			},
		],
		default: 'start',
	},
	...returnAllAndLimit(showOnlyForConversationGetMany),
];
