import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { chatbotLocator, returnAllAndLimit } from '../../descriptions';
import { normalizeAgent } from '../../normalize';

const showOnlyForAgentGetMany = { resource: ['agent'], operation: ['getAll'] };

export const getManyAgents: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many agents',
		description: 'Get many agents of a chatbot',
		routing: {
			request: { method: 'GET', url: '/chatbot/{chatbot}/agents' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
			output: { postReceive: [normalizeAgent] },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForAgentGetMany } },
		...returnAllAndLimit(showOnlyForAgentGetMany, 'agents'),
	],
};
