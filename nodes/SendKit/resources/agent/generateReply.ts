import type { INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/validation';

const show = (...operation: string[]) => ({ resource: ['agent'], operation });

export const agentGenerateReplyDescription: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the inbox conversation (e-mail thread) to answer',
		displayOptions: { show: show('generateReply') },
		routing: {
			send: {
				type: 'body',
				property: 'conversationId',
				preSend: [requireText('conversationId', 'Conversation ID')],
			},
		},
	},
	{
		displayName: 'Context',
		name: 'context',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Extra instructions for this reply',
		displayOptions: { show: show('generateReply') },
		routing: { send: { type: 'body', property: 'context', value: '={{ $value || undefined }}' } },
	},
];
