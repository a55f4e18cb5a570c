import type { INodeProperties } from 'n8n-workflow';

import { requireSomeUpdate, requireText } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { chatbotSettings, sendRateLimit } from './settings';

const showOnlyForChatbotUpdate = { resource: ['chatbot'], operation: ['update'] };

export const chatbotUpdateDescription: INodeProperties[] = [
	{ ...chatbotLocator, displayOptions: { show: showOnlyForChatbotUpdate } },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForChatbotUpdate },
		routing: {
			send: { preSend: [requireSomeUpdate(), sendRateLimit('updateFields')] },
		},
		// Name sorts before every shared setting, so the options stay in alphabetical order.
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Internal name of the chatbot; visitors do not see it',
				routing: {
					send: {
						type: 'body',
						property: 'name',
						preSend: [requireText('updateFields.name', 'Name')],
					},
				},
			},
			...chatbotSettings,
		],
	},
];
