import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../shared/descriptions';
import { recordsAt } from '../shared/responses';

export const agentLocator: INodeProperties = idLocator({
	name: 'agentId',
	displayName: 'Agent',
	searchListMethod: 'searchAgents',
	description: 'The AI agent to use',
	placeholder: 'e.g. 664a1b2c3d4e5f6a7b8c9d10',
});

export const webhookLocator: INodeProperties = idLocator({
	name: 'webhookId',
	displayName: 'Webhook',
	searchListMethod: 'searchWebhooks',
	description: 'The webhook to use',
	placeholder: 'e.g. 664a1b2c3d4e5f6a7b8c9d11',
});

/** Output the record inside SendKit's `{ success, data }` envelope. */
export const unwrapData = recordsAt('data');
