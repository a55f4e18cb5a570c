import type { INodeProperties } from 'n8n-workflow';

import { chatbotLocator } from '../../descriptions';

const showOnlyForChatbotDelete = { resource: ['chatbot'], operation: ['delete'] };

export const chatbotDeleteDescription: INodeProperties[] = [
	{ ...chatbotLocator, displayOptions: { show: showOnlyForChatbotDelete } },
];
