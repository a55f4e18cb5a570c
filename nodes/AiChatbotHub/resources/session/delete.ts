import type { INodeProperties } from 'n8n-workflow';

import { sessionLocator } from '../../descriptions';

const showOnlyForSessionDelete = { resource: ['session'], operation: ['delete'] };

export const sessionDeleteDescription: INodeProperties[] = [
	{ ...sessionLocator, displayOptions: { show: showOnlyForSessionDelete } },
];
