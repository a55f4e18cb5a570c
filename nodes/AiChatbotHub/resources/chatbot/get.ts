import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { normalizeChatbot } from '../../normalize';

const showOnlyForChatbotGet = { resource: ['chatbot'], operation: ['get'] };

export const getChatbot: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a chatbot',
		description: 'Get the settings of a chatbot',
		routing: {
			request: { method: 'GET', url: '/chatbot/{chatbot}' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
			output: { postReceive: [normalizeChatbot] },
		},
	},
	properties: [{ ...chatbotLocator, displayOptions: { show: showOnlyForChatbotGet } }],
};
