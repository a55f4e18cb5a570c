import type { Operation } from '../../../shared/descriptions';
import { requireNumberInRange, requireText } from '../../../shared/validation';

const showOnlyForAgentCreate = { resource: ['agent'], operation: ['create'] };

export const createAgent: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an agent',
		description: 'Create an agent; it is active at once',
		routing: { request: { method: 'POST', url: '/agents' } },
	},
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Customer Support Bot',
			description: 'At most 100 characters',
			displayOptions: { show: showOnlyForAgentCreate },
			routing: {
				send: {
					type: 'body',
					property: 'name',
					preSend: [requireText('name', 'Name', { maxLength: 100 })],
				},
			},
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showOnlyForAgentCreate },
			options: [
				{
					displayName: 'Max Tokens',
					name: 'maxTokens',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 4096 },
					default: 1024,
					description: 'The longest reply, in tokens (1-4096)',
					routing: {
						send: {
							type: 'body',
							property: 'max_tokens',
							preSend: [requireNumberInRange('additionalFields.maxTokens', 'Max Tokens', 1, 4096)],
						},
					},
				},
				{
					displayName: 'Model',
					name: 'model',
					type: 'options',
					options: [
						{ name: 'GPT-3.5 Turbo', value: 'gpt-3.5-turbo' },
						{ name: 'GPT-4 Turbo', value: 'gpt-4-turbo' },
						{ name: 'GPT-4o', value: 'gpt-4o' },
					],
					default: 'gpt-4o',
					routing: { send: { type: 'body', property: 'model' } },
				},
				{
					displayName: 'System Prompt',
					name: 'systemPrompt',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description: "The agent's instructions (at most 4,000 characters)",
					routing: {
						send: {
							type: 'body',
							property: 'system_prompt',
							preSend: [
								requireText('additionalFields.systemPrompt', 'System Prompt', {
									maxLength: 4000,
									optional: true,
								}),
							],
						},
					},
				},
				{
					displayName: 'Temperature',
					name: 'temperature',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 1 },
					default: 0.7,
					description: 'How varied the replies are (0-2)',
					routing: {
						send: {
							type: 'body',
							property: 'temperature',
							preSend: [requireNumberInRange('additionalFields.temperature', 'Temperature', 0, 2)],
						},
					},
				},
			],
		},
	],
};
