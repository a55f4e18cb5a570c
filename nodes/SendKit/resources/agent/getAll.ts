import { returnAllAndLimit, type Operation } from '../../../shared/descriptions';
import { unwrapData } from '../../descriptions';
import { showForAgent } from './fields';

export const getManyAgents: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many agents',
		description: 'Get many agents of the workspace, newest first (free)',
		routing: {
			request: { method: 'GET', url: '/v1/agents' },
			output: { postReceive: [unwrapData] },
		},
	},
	properties: returnAllAndLimit(
		showForAgent('getAll'),
		'SendKit sends all agents in one answer; the node keeps the first ones',
	),
};
