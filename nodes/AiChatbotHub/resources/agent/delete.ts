import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInUrl } from '../../../shared/validation';
import { agentLocator } from '../../descriptions';

const showOnlyForAgentDelete = { resource: ['agent'], operation: ['delete'] };

export const deleteAgent: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete an agent',
		description: 'Delete an agent of a chatbot',
		routing: {
			request: { method: 'DELETE', url: '/agent/{agent}/delete' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [deletedResult('uuid', 'agent')] },
		},
	},
	properties: [{ ...agentLocator, displayOptions: { show: showOnlyForAgentDelete } }],
};
