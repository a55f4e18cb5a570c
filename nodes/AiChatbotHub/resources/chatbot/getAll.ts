import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../descriptions';

const showOnlyForChatbotGetMany = { resource: ['chatbot'], operation: ['getAll'] };

export const chatbotGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForChatbotGetMany, 'chatbots'),
];
