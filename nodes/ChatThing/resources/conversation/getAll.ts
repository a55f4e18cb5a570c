import { returnAllAndLimit, type Operation } from '../../../shared/descriptions';
import { walkCursorPages } from '../../../shared/pagination';
import { declarativeRequests } from '../../../shared/request/declarative';
import { cursorPages } from '../../descriptions';
import { chatThing } from '../../platform';

export const getManyConversations: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many conversations',
		description: "Get many conversations of the bot's API channel",
		routing: {
			request: { method: 'POST', url: '/conversations' },
			operations: {
				pagination: declarativeRequests(chatThing, walkCursorPages(cursorPages('conversations'))),
			},
		},
	},
	properties: returnAllAndLimit({ resource: ['conversation'], operation: ['getAll'] }),
};
