import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireText } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { normalizeAgent } from '../../normalize';
import { modelField, tagsField, unitInterval, useAllSourcesField } from './fields';

const showOnlyForAgentCreate = { resource: ['agent'], operation: ['create'] };

export const createAgent: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an agent',
		description: 'Create an agent of a chatbot; it starts disabled',
		routing: {
			request: { method: 'POST', url: '/chatbot/{chatbot}/agent/create' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
			output: { postReceive: [normalizeAgent] },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForAgentCreate } },
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Pricing expert',
			displayOptions: { show: showOnlyForAgentCreate },
			routing: {
				send: { type: 'body', property: 'name', preSend: [requireText('name', 'Name')] },
			},
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			required: true,
			options: [
				{
					name: 'Background',
					value: 'background',
					description: 'Works behind the scenes, e.g. tags conversations',
				},
				{
					name: 'Human Escalation',
					value: 'human-escalation',
					description: 'Hands the conversation to a person (at most one per chatbot)',
				},
				{
					name: 'Pre-Canned',
					value: 'pre-canned',
					description: 'Answers with a fixed default message',
				},
				{
					name: 'Spam Defense',
					value: 'spam-defense',
					description: 'Catches spam (at most one per chatbot)',
				},
				{
					name: 'User-Facing',
					value: 'user-facing',
					description: 'Answers visitors from the data sources',
				},
			],
			default: 'user-facing',
			displayOptions: { show: showOnlyForAgentCreate },
			routing: { send: { type: 'body', property: 'type' } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showOnlyForAgentCreate },
			options: [
				unitInterval(
					'additionalFields',
					'bias',
					'Bias',
					'bias',
					'How strongly the chatbot routes to this agent (0-1); not for background agents',
				),
				{
					displayName: 'Default Message',
					name: 'defaultMessage',
					type: 'string',
					default: '',
					description: 'The fixed reply of a pre-canned or spam defense agent',
					routing: { send: { type: 'body', property: 'default_message' } },
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description:
						'What the agent is for; the chatbot uses it to choose between user-facing agents',
					routing: { send: { type: 'body', property: 'description' } },
				},
				modelField(),
				{
					displayName: 'Prompt',
					name: 'prompt',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description: "The agent's instructions",
					routing: { send: { type: 'body', property: 'prompt' } },
				},
				unitInterval(
					'additionalFields',
					'stickiness',
					'Stickiness',
					// The API's own spelling.
					'stickness',
					'How strongly the conversation stays with this agent once chosen (0-1); not for background agents',
				),
				tagsField('additionalFields'),
				unitInterval(
					'additionalFields',
					'temperature',
					'Temperature',
					'temperature',
					'How varied the replies of a user-facing agent are (0-1)',
				),
				useAllSourcesField(),
			],
		},
	],
};
