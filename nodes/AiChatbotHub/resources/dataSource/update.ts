import type { INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';

const showOnlyForDataSourceUpdate = { resource: ['dataSource'], operation: ['update'] };

export const dataSourceUpdateDescription: INodeProperties[] = [
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
];
