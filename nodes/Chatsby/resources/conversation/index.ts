import { resourceProperties } from '../../../shared/descriptions';
import { sendMessage } from './send';

// Chatsby documents only sending a message (which starts a conversation); listing, reading and
// continuing conversations are not in its reference (see the README).
export const conversationOperations = [sendMessage];

export const conversationProperties = resourceProperties(
	'conversation',
	conversationOperations,
	'send',
);
