import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireSomeUpdate, requireText } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { normalizeChatbot } from '../../normalize';
import { chatbotSettings, sendRateLimit } from './fields';

const showOnlyForChatbotUpdate = { resource: ['chatbot'], operation: ['update'] };

export const updateChatbot: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a chatbot',
		description: 'Change the name or settings of a chatbot',
		routing: {
			request: { method: 'POST', url: '/chatbot/{chatbot}/update' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
			output: { postReceive: [normalizeChatbot] },
		},
	},
	properties: [
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
	],
};
