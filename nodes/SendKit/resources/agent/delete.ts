import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInUrl } from '../../../shared/validation';
import { agentLocator } from '../../descriptions';
import { agentChoice } from './fields';

export const deleteAgent: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete an agent',
		description: 'Deactivate an agent; it disappears from the list (free)',
		routing: {
			request: { method: 'DELETE', url: '/v1/agents/{agentId}' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [deletedResult('agentId', 'agentId')] },
		},
	},
	properties: [agentChoice('delete')],
};
