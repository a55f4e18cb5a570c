import type { INodeProperties } from 'n8n-workflow';

import { sessionLocator } from '../../descriptions';

const showOnlyForSessionGet = { resource: ['session'], operation: ['get'] };

export const sessionGetDescription: INodeProperties[] = [
	{ ...sessionLocator, displayOptions: { show: showOnlyForSessionGet } },
];
