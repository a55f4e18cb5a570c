import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireText } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';

const showOnlyForDataSourceUpdate = { resource: ['dataSource'], operation: ['update'] };

export const updateDataSource: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a data source',
		description: 'Rename a data source (its title shows in citations)',
		routing: {
			request: { method: 'POST', url: '/data-source/{dataSource}/update' },
			send: { preSend: [idsInUrl(dataSourceLocator)] },
		},
	},
	properties: [
		{ ...dataSourceLocator, displayOptions: { show: showOnlyForDataSourceUpdate } },
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Pricing page',
			description: 'The name of the source that citations show (the only field the API can change)',
			displayOptions: { show: showOnlyForDataSourceUpdate },
			routing: {
				send: { type: 'body', property: 'title', preSend: [requireText('title', 'Title')] },
			},
		},
	],
};
