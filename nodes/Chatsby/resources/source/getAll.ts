import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';

const showOnlyForSourceGetMany = { resource: ['source'], operation: ['getAll'] };

export const sourceGetManyDescription: INodeProperties[] = [
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
];
