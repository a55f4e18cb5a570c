import type { Operation } from '../../../shared/descriptions';
import { idsInBody } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';
import { unwrap } from '../../outputs';

const showOnlyForDataSourceUpdate = { resource: ['dataSource'], operation: ['update'] };

export const updateDataSource: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a data source',
		description: 'Set how often a manual data source syncs by itself',
		routing: {
			request: { method: 'PUT', url: '/data-sources' },
			send: { preSend: [idsInBody({ dataSourceId: dataSourceLocator })] },
			output: { postReceive: [unwrap('dataSource')] },
		},
	},
	properties: [
		{ ...dataSourceLocator, displayOptions: { show: showOnlyForDataSourceUpdate } },
		{
			displayName: 'Sync Interval',
			name: 'syncInterval',
			type: 'options',
			required: true,
			options: [
				{ name: 'Daily', value: 'day' },
				{ name: 'Monthly', value: 'month' },
				{ name: 'Never (Only When Synced)', value: 'none' },
				{ name: 'Weekly', value: 'week' },
			],
			default: 'none',
			description: 'How often Chat Thing syncs the data source by itself',
			displayOptions: { show: showOnlyForDataSourceUpdate },
			routing: {
				send: {
					type: 'body',
					property: 'syncInterval',
					// The API's "no interval" is null.
					value: '={{ $value === "none" ? null : $value }}',
				},
			},
		},
	],
};
