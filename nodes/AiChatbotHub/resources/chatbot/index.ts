import type { INodeProperties } from 'n8n-workflow';

import { deletedResult } from '../../../shared/responses';
import { idInPath } from '../../../shared/validation';
import { normalizeChatbot } from '../../normalize';
import { chatbotCreateDescription } from './create';
import { chatbotDeleteDescription } from './delete';
import { chatbotGetDescription } from './get';
import { chatbotGetManyDescription } from './getAll';
import { chatbotUpdateDescription } from './update';

const showOnlyForChatbots = { resource: ['chatbot'] };

export const chatbotDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForChatbots },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a chatbot',
				description: 'Create a chatbot; it starts with a "General Q&A" agent',
				routing: {
					request: { method: 'POST', url: '/chatbot/create' },
					output: { postReceive: [normalizeChatbot] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a chatbot',
				description: 'Delete a chatbot with its agents, sessions and data sources',
				routing: {
					request: { method: 'DELETE', url: `/chatbot/${idInPath('chatbot')}/delete` },
					output: { postReceive: [deletedResult('uuid', 'chatbot')] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a chatbot',
				description: 'Get the settings of a chatbot',
				routing: {
					request: { method: 'GET', url: `/chatbot/${idInPath('chatbot')}` },
					output: { postReceive: [normalizeChatbot] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many chatbots',
				description: 'Get many chatbots of the account',
				routing: {
					request: { method: 'GET', url: '/chatbots' },
					output: { postReceive: [normalizeChatbot] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a chatbot',
				description: 'Change the name or settings of a chatbot',
				routing: {
					request: { method: 'POST', url: `/chatbot/${idInPath('chatbot')}/update` },
					output: { postReceive: [normalizeChatbot] },
				},
			},
		],
		default: 'getAll',
	},
	...chatbotCreateDescription,
	...chatbotDeleteDescription,
	...chatbotGetDescription,
	...chatbotGetManyDescription,
	...chatbotUpdateDescription,
];
