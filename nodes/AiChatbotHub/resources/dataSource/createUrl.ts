import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireUrl } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { referenceSourceLinkField } from './fields';

const showOnlyForDataSourceCreateUrl = { resource: ['dataSource'], operation: ['createUrl'] };

export const createUrlSource: Operation = {
	option: {
		name: 'Create URL',
		value: 'createUrl',
		action: 'Create a URL data source',
		description: 'Add a web page to what the chatbot knows',
		routing: {
			request: { method: 'POST', url: '/chatbot/{chatbot}/data-source/url' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForDataSourceCreateUrl } },
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/docs/pricing',
			description: 'The web page to learn from; the service fetches it and keeps it as a source',
			displayOptions: { show: showOnlyForDataSourceCreateUrl },
			routing: {
				send: {
					type: 'body',
					property: 'url',
					value: '={{ String($value).trim() }}',
					preSend: [requireUrl('url', 'URL')],
				},
			},
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showOnlyForDataSourceCreateUrl },
			options: [referenceSourceLinkField('additionalFields.referenceSourceLink')],
		},
	],
};
