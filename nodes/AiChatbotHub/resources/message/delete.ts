import type { INodeProperties } from 'n8n-workflow';

import { requireId } from '../../../shared/validation';

const showOnlyForMessageDelete = { resource: ['message'], operation: ['delete'] };

export const messageDeleteDescription: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 43474da7ae3b4b7191ee29c2de798257',
		hint: 'The "uuid" of a message from Message → Get Many',
		displayOptions: { show: showOnlyForMessageDelete },
		routing: { send: { preSend: [requireId('messageId', 'Message ID')] } },
	},
];
