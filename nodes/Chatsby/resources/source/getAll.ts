import { returnAllAndLimit, type Operation } from '../../../shared/descriptions';
import { walkCursorPages } from '../../../shared/pagination';
import { declarativeRequests } from '../../../shared/request/declarative';
import { idsInUrl } from '../../../shared/validation';
import { agentLocator, chatsbyPages } from '../../descriptions';
import { chatsby } from '../../platform';

const showOnlyForSourceGetMany = { resource: ['source'], operation: ['getAll'] };

export const getManySources: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many sources',
		description: 'Get many sources of an agent, optionally by status and type',
		routing: {
			request: { method: 'GET', url: '/agents/{agentId}/sources' },
			send: { preSend: [idsInUrl(agentLocator)] },
			operations: { pagination: declarativeRequests(chatsby, walkCursorPages(chatsbyPages)) },
		},
	},
	properties: [
		{ ...agentLocator, displayOptions: { show: showOnlyForSourceGetMany } },
		...returnAllAndLimit(showOnlyForSourceGetMany),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: showOnlyForSourceGetMany },
			options: [
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: [
						{ name: 'Failed', value: 'failed' },
						{ name: 'Pending', value: 'pending' },
						{ name: 'Processing', value: 'processing' },
						{ name: 'Trained', value: 'trained' },
					],
					default: 'trained',
					routing: { send: { type: 'query', property: 'status' } },
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'File', value: 'file' },
						{ name: 'Q&A', value: 'qa' },
						{ name: 'Text', value: 'text' },
						{ name: 'Website', value: 'website' },
					],
					default: 'website',
					routing: { send: { type: 'query', property: 'type' } },
				},
			],
		},
	],
};
