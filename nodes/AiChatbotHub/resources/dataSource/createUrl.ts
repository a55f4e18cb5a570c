import type { INodeProperties } from 'n8n-workflow';

import { requireUrl } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { referenceSourceLinkField } from './fields';

const showOnlyForDataSourceCreateUrl = { resource: ['dataSource'], operation: ['createUrl'] };

export const dataSourceCreateUrlDescription: INodeProperties[] = [
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
];
