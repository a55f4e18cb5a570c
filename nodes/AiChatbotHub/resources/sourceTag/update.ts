import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireSomeUpdate } from '../../../shared/validation';
import { sourceTagLocator } from '../../descriptions';
import { colorField, dataSourceIdsField } from './fields';

const showOnlyForSourceTagUpdate = { resource: ['sourceTag'], operation: ['update'] };

export const updateSourceTag: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a source tag',
		description: 'Rename or recolour a tag, or replace its data sources',
		routing: {
			request: { method: 'POST', url: '/source-tag/{sourceTag}/update' },
			send: { preSend: [idsInUrl(sourceTagLocator)] },
		},
	},
	properties: [
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
	],
};
