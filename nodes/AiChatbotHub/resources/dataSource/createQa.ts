import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireText } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { referenceSourceLinkField } from './fields';

const showOnlyForDataSourceCreateQa = { resource: ['dataSource'], operation: ['createQa'] };

export const createQaSource: Operation = {
	option: {
		name: 'Create Q&A',
		value: 'createQa',
		action: 'Create a Q&A data source',
		description: 'Add a question and its answer to what the chatbot knows',
		routing: {
			request: { method: 'POST', url: '/chatbot/{chatbot}/data-source/qa' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForDataSourceCreateQa } },
		{
			displayName: 'Question',
			name: 'question',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. How long do refunds take?',
			displayOptions: { show: showOnlyForDataSourceCreateQa },
			routing: {
				send: {
					type: 'body',
					property: 'question',
					preSend: [requireText('question', 'Question')],
				},
			},
		},
		{
			displayName: 'Answer',
			name: 'answer',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			placeholder: 'e.g. Refunds arrive within 5 business days.',
			displayOptions: { show: showOnlyForDataSourceCreateQa },
			routing: {
				send: { type: 'body', property: 'answer', preSend: [requireText('answer', 'Answer')] },
			},
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showOnlyForDataSourceCreateQa },
			options: [referenceSourceLinkField('additionalFields.referenceSourceLink')],
		},
	],
};
