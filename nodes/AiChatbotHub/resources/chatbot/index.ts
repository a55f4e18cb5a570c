import { resourceProperties } from '../../../shared/descriptions';
import { createChatbot } from './create';
import { deleteChatbot } from './delete';
import { getChatbot } from './get';
import { getManyChatbots } from './getAll';
import { updateChatbot } from './update';

export const chatbotOperations = [
	createChatbot,
	deleteChatbot,
	getChatbot,
	getManyChatbots,
	updateChatbot,
];

export const chatbotProperties = resourceProperties('chatbot', chatbotOperations, 'getAll');
