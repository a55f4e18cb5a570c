import type { Operation } from '../../../shared/descriptions';
import { requireText } from '../../../shared/validation';
import { normalizeChatbot } from '../../normalize';
import { chatbotSettings, sendRateLimit } from './fields';

const showOnlyForChatbotCreate = { resource: ['chatbot'], operation: ['create'] };

export const createChatbot: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a chatbot',
		description: 'Create a chatbot; it starts with a "General Q&A" agent',
		routing: {
			request: { method: 'POST', url: '/chatbot/create' },
			output: { postReceive: [normalizeChatbot] },
		},
	},
	properties: [
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
	],
};
