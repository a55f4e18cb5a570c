import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit, sessionLocator } from '../../descriptions';

const showOnlyForMessageGetMany = { resource: ['message'], operation: ['getAll'] };

/** The order of the list is undocumented: the node returns the conversation oldest first. */
export async function oldestFirst(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return [...items].sort((a, b) =>
		String(a.json.created_at ?? '').localeCompare(String(b.json.created_at ?? '')),
	);
}

export const messageGetManyDescription: INodeProperties[] = [
	{ ...sessionLocator, displayOptions: { show: showOnlyForMessageGetMany } },
	...returnAllAndLimit(showOnlyForMessageGetMany, 'messages of the session'),
];
