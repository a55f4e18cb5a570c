import type { Operation } from '../../../shared/descriptions';
import { requireText } from '../../../shared/validation';
import { unwrapData } from '../../descriptions';
import { profileFields, showForAgent } from './fields';

export const createAgent: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an agent',
		description: 'Create an AI agent (costs 0.5 credits; at most 3 per workspace)',
		routing: {
			request: { method: 'POST', url: '/v1/agents' },
			output: { postReceive: [unwrapData] },
		},
	},
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Enterprise Sales Agent',
			displayOptions: { show: showForAgent('create') },
			routing: { send: { type: 'body', property: 'name', preSend: [requireText('name', 'Name')] } },
		},
		...profileFields(showForAgent('create')),
	],
};
