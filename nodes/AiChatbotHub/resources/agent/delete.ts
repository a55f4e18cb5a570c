import type { INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../../descriptions';

const showOnlyForAgentDelete = { resource: ['agent'], operation: ['delete'] };

export const agentDeleteDescription: INodeProperties[] = [
	{ ...agentLocator, displayOptions: { show: showOnlyForAgentDelete } },
];
