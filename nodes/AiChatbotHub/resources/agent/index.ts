import type { INodeProperties } from 'n8n-workflow';

import { deletedResult } from '../../../shared/responses';
import { idInPath } from '../../../shared/validation';
import { normalizeAgent } from '../../normalize';
import { agentCreateDescription } from './create';
import { agentDeleteDescription } from './delete';
import { agentGetManyDescription } from './getAll';
import { agentUpdateDescription } from './update';

const showOnlyForAgents = { resource: ['agent'] };

export const agentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForAgents },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an agent',
				description: 'Create an agent of a chatbot; it starts disabled',
				routing: {
					request: { method: 'POST', url: `/chatbot/${idInPath('chatbot')}/agent/create` },
					output: { postReceive: [normalizeAgent] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an agent',
				description: 'Delete an agent of a chatbot',
				routing: {
					request: { method: 'DELETE', url: `/agent/${idInPath('agent')}/delete` },
					output: { postReceive: [deletedResult('uuid', 'agent')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many agents',
				description: 'Get many agents of a chatbot',
				routing: {
					request: { method: 'GET', url: `/chatbot/${idInPath('chatbot')}/agents` },
					output: { postReceive: [normalizeAgent] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an agent',
				description: 'Change an agent: enable it, or change its prompt, model or data sources',
				routing: {
					request: { method: 'POST', url: `/agent/${idInPath('agent')}/update` },
					output: { postReceive: [normalizeAgent] },
				},
			},
		],
		default: 'getAll',
	},
	...agentCreateDescription,
	...agentDeleteDescription,
	...agentGetManyDescription,
	...agentUpdateDescription,
];
