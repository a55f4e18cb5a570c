import type { INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../../descriptions';

export const showForAgent = (operation: string) => ({
	resource: ['agent'],
	operation: [operation],
});

/** The agent an operation is about. */
export function agentChoice(operation: string): INodeProperties {
	return { ...agentLocator, displayOptions: { show: showForAgent(operation) } };
}

const nested = (object: string, property: string) => ({
	send: { type: 'body' as const, property: `${object}.${property}` },
});

/**
 * Company Info and Persona of Create and Update: sent as nested objects, and only with the
 * fields the user set (SendKit merges them into the stored objects on update).
 */
export function profileFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Company Info',
			name: 'companyInfo',
			type: 'collection',
			placeholder: 'Add Company Field',
			default: {},
			description: 'What the agent knows about the company it writes for',
			displayOptions: { show },
			options: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					routing: nested('companyInfo', 'description'),
				},
				{
					displayName: 'Domain',
					name: 'domain',
					type: 'string',
					default: '',
					placeholder: 'e.g. acme.com',
					routing: nested('companyInfo', 'domain'),
				},
				{
					displayName: 'Industry',
					name: 'industry',
					type: 'string',
					default: '',
					routing: nested('companyInfo', 'industry'),
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					routing: nested('companyInfo', 'name'),
				},
			],
		},
		{
			displayName: 'Persona',
			name: 'persona',
			type: 'collection',
			placeholder: 'Add Persona Field',
			default: {},
			description: 'How the agent writes',
			displayOptions: { show },
			options: [
				{
					displayName: 'Communication Style',
					name: 'communicationStyle',
					type: 'string',
					default: '',
					placeholder: 'e.g. concise',
					routing: nested('persona', 'communicationStyle'),
				},
				{
					displayName: 'Custom Instructions',
					name: 'customInstructions',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					routing: nested('persona', 'customInstructions'),
				},
				{
					displayName: 'Role',
					name: 'role',
					type: 'string',
					default: '',
					placeholder: 'e.g. senior account executive',
					routing: nested('persona', 'role'),
				},
				{
					displayName: 'Tone',
					name: 'tone',
					type: 'options',
					options: [
						{ name: 'Casual', value: 'casual' },
						{ name: 'Enthusiastic', value: 'enthusiastic' },
						{ name: 'Formal', value: 'formal' },
						{ name: 'Friendly', value: 'friendly' },
						{ name: 'Professional', value: 'professional' },
					],
					default: 'professional',
					routing: nested('persona', 'tone'),
				},
			],
		},
	];
}
