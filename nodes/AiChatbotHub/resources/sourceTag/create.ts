import type { INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { colorField, dataSourceIdsField } from './fields';

const showOnlyForSourceTagCreate = { resource: ['sourceTag'], operation: ['create'] };

export const sourceTagCreateDescription: INodeProperties[] = [
	{ ...chatbotLocator, displayOptions: { show: showOnlyForSourceTagCreate } },
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Pricing',
		displayOptions: { show: showOnlyForSourceTagCreate },
		routing: {
			send: { type: 'body', property: 'name', preSend: [requireText('name', 'Name')] },
		},
	},
	{ ...colorField('color', true), displayOptions: { show: showOnlyForSourceTagCreate } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForSourceTagCreate },
		options: [
			dataSourceIdsField(
				'additionalFields.dataSourceIds',
				'Comma-separated IDs of the data sources to tag',
			),
		],
	},
];
