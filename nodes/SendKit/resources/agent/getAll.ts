import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';

export const agentGetManyDescription: INodeProperties[] = returnAllAndLimit(
	{ resource: ['agent'], operation: ['getAll'] },
	'SendKit sends all agents in one answer; the node keeps the first ones',
);
