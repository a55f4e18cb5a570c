import { returnAllAndLimit, type Operation } from '../../../shared/descriptions';
import { walkCursorPages } from '../../../shared/pagination';
import { declarativeRequests } from '../../../shared/request/declarative';
import { cursorPages } from '../../descriptions';
import { chatThing } from '../../platform';

export const getManyDataSources: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many data sources',
		description: "Get many manual data sources of the bot's API channel",
		routing: {
			request: { method: 'POST', url: '/data-sources/list' },
			operations: {
				pagination: declarativeRequests(chatThing, walkCursorPages(cursorPages('dataSources'))),
			},
		},
	},
	properties: returnAllAndLimit({ resource: ['dataSource'], operation: ['getAll'] }),
};
