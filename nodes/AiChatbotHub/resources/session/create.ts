import type { INodeProperties } from 'n8n-workflow';

import { sendJson } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';

const showOnlyForSessionCreate = { resource: ['session'], operation: ['create'] };

export const sessionCreateDescription: INodeProperties[] = [
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
];
