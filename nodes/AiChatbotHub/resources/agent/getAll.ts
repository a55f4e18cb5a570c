import type { INodeProperties } from 'n8n-workflow';

import { chatbotLocator, returnAllAndLimit } from '../../descriptions';

const showOnlyForAgentGetMany = { resource: ['agent'], operation: ['getAll'] };

export const agentGetManyDescription: INodeProperties[] = [
	{ ...chatbotLocator, displayOptions: { show: showOnlyForAgentGetMany } },
	...returnAllAndLimit(showOnlyForAgentGetMany, 'agents'),
];
