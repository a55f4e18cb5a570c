import type { INodeProperties } from 'n8n-workflow';

import { requireSomeUpdate } from '../../../shared/validation';
import { sourceTagLocator } from '../../descriptions';
import { colorField, dataSourceIdsField } from './fields';

const showOnlyForSourceTagUpdate = { resource: ['sourceTag'], operation: ['update'] };

export const sourceTagUpdateDescription: INodeProperties[] = [
	{ ...sourceTagLocator, displayOptions: { show: showOnlyForSourceTagUpdate } },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForSourceTagUpdate },
		routing: { send: { preSend: [requireSomeUpdate()] } },
		options: [
			colorField('updateFields.color', false),
			dataSourceIdsField(
				'updateFields.dataSourceIds',
				"Comma-separated IDs of the data sources the tag should have. The list replaces the tag's current sources.",
			),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'name' } },
			},
		],
	},
];
