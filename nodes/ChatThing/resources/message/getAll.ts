import { returnAllAndLimit, type Operation } from '../../../shared/descriptions';
import { walkCursorPages } from '../../../shared/pagination';
import { declarativeRequests } from '../../../shared/request/declarative';
import { idsInBody } from '../../../shared/validation';
import { conversationLocator, cursorPages } from '../../descriptions';
import { chatThing } from '../../platform';

const showOnlyForMessageGetMany = { resource: ['message'], operation: ['getAll'] };

export const getManyMessages: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many messages',
		description: 'Get many messages of a conversation',
		routing: {
			request: { method: 'POST', url: '/messages' },
			send: { preSend: [idsInBody({ conversationId: conversationLocator })] },
			operations: {
				pagination: declarativeRequests(chatThing, walkCursorPages(cursorPages('messages'))),
			},
		},
	},
	properties: [
		{ ...conversationLocator, displayOptions: { show: showOnlyForMessageGetMany } },
		...returnAllAndLimit(showOnlyForMessageGetMany),
	],
};
