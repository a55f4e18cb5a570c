import type { INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/validation';
import { chatbotSettings, sendRateLimit } from './settings';

const showOnlyForChatbotCreate = { resource: ['chatbot'], operation: ['create'] };

export const chatbotCreateDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Support bot',
		description: 'Internal name of the chatbot; visitors do not see it',
		displayOptions: { show: showOnlyForChatbotCreate },
		routing: {
			send: { type: 'body', property: 'name', preSend: [requireText('name', 'Name')] },
		},
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForChatbotCreate },
		routing: { send: { preSend: [sendRateLimit('additionalFields')] } },
		options: chatbotSettings,
	},
];
