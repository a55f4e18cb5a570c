import type { INodeProperties } from 'n8n-workflow';

import { chatbotLocator } from '../../descriptions';

const showOnlyForChatbotGet = { resource: ['chatbot'], operation: ['get'] };

export const chatbotGetDescription: INodeProperties[] = [
	{ ...chatbotLocator, displayOptions: { show: showOnlyForChatbotGet } },
];
