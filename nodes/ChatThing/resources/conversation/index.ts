import { resourceProperties } from '../../../shared/descriptions';
import { getManyConversations } from './getAll';
import { startConversation } from './start';

export const conversationOperations = [getManyConversations, startConversation];

export const conversationProperties = resourceProperties(
	'conversation',
	conversationOperations,
	'start',
);
