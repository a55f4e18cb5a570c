import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireText } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { colorField, dataSourceIdsField } from './fields';

const showOnlyForSourceTagCreate = { resource: ['sourceTag'], operation: ['create'] };

export const createSourceTag: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a source tag',
		description: 'Create a tag that groups data sources of a chatbot',
		routing: {
			request: { method: 'POST', url: '/chatbot/{chatbot}/source-tag/create' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
		},
	},
	properties: [
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
	],
};
