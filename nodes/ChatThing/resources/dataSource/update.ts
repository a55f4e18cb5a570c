import type { INodeProperties } from 'n8n-workflow';

const showOnlyForDataSourceUpdate = { resource: ['dataSource'], operation: ['update'] };

export const dataSourceUpdateDescription: INodeProperties[] = [
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
];
