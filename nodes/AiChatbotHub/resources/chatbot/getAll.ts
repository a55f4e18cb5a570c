import type { Operation } from '../../../shared/descriptions';
import { returnAllAndLimit } from '../../descriptions';
import { normalizeChatbot } from '../../normalize';

const showOnlyForChatbotGetMany = { resource: ['chatbot'], operation: ['getAll'] };

export const getManyChatbots: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many chatbots',
		description: 'Get many chatbots of the account',
		routing: {
			request: { method: 'GET', url: '/chatbots' },
			output: { postReceive: [normalizeChatbot] },
		},
	},
	properties: [...returnAllAndLimit(showOnlyForChatbotGetMany, 'chatbots')],
};
