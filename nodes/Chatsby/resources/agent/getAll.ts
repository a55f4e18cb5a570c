import { returnAllAndLimit, type Operation } from '../../../shared/descriptions';
import { walkCursorPages } from '../../../shared/pagination';
import { declarativeRequests } from '../../../shared/request/declarative';
import { chatsbyPages } from '../../descriptions';
import { chatsby } from '../../platform';

const showOnlyForAgentGetMany = { resource: ['agent'], operation: ['getAll'] };

export const getManyAgents: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many agents',
		description: 'Get many agents of the account, optionally by status',
		routing: {
			request: { method: 'GET', url: '/agents' },
			operations: { pagination: declarativeRequests(chatsby, walkCursorPages(chatsbyPages)) },
		},
	},
	properties: [
		...returnAllAndLimit(showOnlyForAgentGetMany),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: showOnlyForAgentGetMany },
			options: [
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: [
						{ name: 'Active', value: 'active' },
						{ name: 'Paused', value: 'paused' },
					],
					default: 'active',
					routing: { send: { type: 'query', property: 'status' } },
				},
			],
		},
	],
};
