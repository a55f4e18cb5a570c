import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';
import { agentChoice } from './fields';

export const getAgent: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an agent',
		description: 'Get an agent with its training status (free)',
		routing: {
			request: { method: 'GET', url: '/v1/agents/{agentId}' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [unwrapData] },
		},
	},
	properties: [agentChoice('get')],
};
