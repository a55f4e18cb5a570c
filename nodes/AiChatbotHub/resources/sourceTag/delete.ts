import type { INodeProperties } from 'n8n-workflow';

import { sourceTagLocator } from '../../descriptions';

const showOnlyForSourceTagDelete = { resource: ['sourceTag'], operation: ['delete'] };

export const sourceTagDeleteDescription: INodeProperties[] = [
	{ ...sourceTagLocator, displayOptions: { show: showOnlyForSourceTagDelete } },
];
