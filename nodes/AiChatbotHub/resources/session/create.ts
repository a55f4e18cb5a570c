import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, sendJson } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';

const showOnlyForSessionCreate = { resource: ['session'], operation: ['create'] };

export const createSession: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a session',
		description: 'Start a chat session with a chatbot',
		routing: {
			request: { method: 'POST', url: '/chatbot/{chatbot}/session/create' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForSessionCreate } },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showOnlyForSessionCreate },
			options: [
				{
					displayName: 'Initial Variables',
					name: 'initialVariables',
					type: 'json',
					default: '{}',
					description:
						'Data to store with the session and reuse in the conversation, as a flat JSON object (one level), e.g. {"customer_id": "C-1042", "plan": "pro"}. Documented by GPT-trainer; other hosts may ignore it.',
					routing: {
						send: {
							preSend: [
								sendJson(
									'additionalFields.initialVariables',
									'Initial Variables',
									'initial_variables',
									'flatObject',
								),
							],
						},
					},
				},
			],
		},
	],
};
