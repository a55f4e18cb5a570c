import type { INodeProperties } from 'n8n-workflow';

import { chatbotLocator, returnAllAndLimit } from '../../descriptions';

const showOnlyForSourceTagGetMany = { resource: ['sourceTag'], operation: ['getAll'] };

export const sourceTagGetManyDescription: INodeProperties[] = [
	{ ...chatbotLocator, displayOptions: { show: showOnlyForSourceTagGetMany } },
	...returnAllAndLimit(showOnlyForSourceTagGetMany, 'tags'),
];
