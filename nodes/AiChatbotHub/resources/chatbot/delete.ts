import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInUrl } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';

const showOnlyForChatbotDelete = { resource: ['chatbot'], operation: ['delete'] };

export const deleteChatbot: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a chatbot',
		description: 'Delete a chatbot with its agents, sessions and data sources',
		routing: {
			request: { method: 'DELETE', url: '/chatbot/{chatbot}/delete' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
			output: { postReceive: [deletedResult('uuid', 'chatbot')] },
		},
	},
	properties: [{ ...chatbotLocator, displayOptions: { show: showOnlyForChatbotDelete } }],
};
