import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { aiChatbotHub } from '../nodes/AiChatbotHub/platform';

export class AiChatbotHubApi implements ICredentialType {
	name = 'aiChatbotHubApi';

	displayName = 'AI Chatbot Hub API';

	icon: Icon = {
		light: 'file:../nodes/AiChatbotHub/aiChatbotHub.svg',
		dark: 'file:../nodes/AiChatbotHub/aiChatbotHub.dark.svg',
	};

	documentationUrl =
		'https://github.com/chatbot-platforms/n8n-nodes-chatbot-platforms#ai-chatbot-hub-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'In the app: Account → API Keys → Generate new key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://app.aichatbothub.com/api/v1',
			placeholder: 'e.g. https://app.gpt-trainer.com/api/v1',
			description:
				'The API address of your host, ending in /api/v1. Change it for GPT-trainer or another white-label host of the same API.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	// Listing chatbots is the cheapest authenticated request (GPT-trainer's own Zapier app uses it).
	test: ICredentialTestRequest = {
		request: {
			baseURL: aiChatbotHub.baseUrlExpression,
			url: '/chatbots',
			method: 'GET',
		},
	};
}
