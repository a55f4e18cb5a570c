import type { INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { returnAllAndLimit, sessionLocator } from '../../descriptions';

const showOnlyForMessageGetMany = { resource: ['message'], operation: ['getAll'] };

/** The order of the list is undocumented: the node returns the conversation oldest first. */
async function oldestFirst(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return [...items].sort((a, b) =>
		String(a.json.created_at ?? '').localeCompare(String(b.json.created_at ?? '')),
	);
}

export const getManyMessages: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many messages',
		description: 'Get many messages of a session, oldest first',
		routing: {
			request: { method: 'GET', url: '/session/{session}/messages' },
			send: { preSend: [idsInUrl(sessionLocator)] },
			output: { postReceive: [oldestFirst] },
		},
	},
	properties: [
		{ ...sessionLocator, displayOptions: { show: showOnlyForMessageGetMany } },
		...returnAllAndLimit(showOnlyForMessageGetMany, 'messages of the session'),
	],
};
