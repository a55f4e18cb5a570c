import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { walkCursorPages } from '../../../shared/pagination';
import { chatsbyPages } from '../../descriptions';
import { sendChatsbyRequestsWith } from '../../transport';
import { agentCreateDescription } from './create';

const showOnlyForAgentGetMany = { resource: ['agent'], operation: ['getAll'] };

// Chatsby documents only creating and listing agents; getting, updating and deleting one are not
// in its reference, so the node does not guess their paths (see the README).
export const agentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an agent',
				description: 'Create an agent; it is active at once',
				routing: { request: { method: 'POST', url: '/agents' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many agents',
				description: 'Get many agents of the account, optionally by status',
				routing: {
					request: { method: 'GET', url: '/agents' },
					operations: { pagination: sendChatsbyRequestsWith(walkCursorPages(chatsbyPages)) },
				},
			},
		],
		default: 'getAll',
	},
	...agentCreateDescription,
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
];
