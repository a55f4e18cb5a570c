import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { chatsby } from '../nodes/Chatsby/platform';

export class ChatsbyApi implements ICredentialType {
	name = 'chatsbyApi';

	displayName = 'Chatsby API';

	icon: Icon = {
		light: 'file:../nodes/Chatsby/chatsby.svg',
		dark: 'file:../nodes/Chatsby/chatsby.dark.svg',
	};

	documentationUrl =
		'https://github.com/chatbot-platforms/n8n-nodes-chatbot-platforms#chatsby-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'e.g. chtb_live_…',
			description: 'Dashboard → Settings → API Keys. chtb_test_… keys work on isolated test data.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'e.g. whsec_…',
			description:
				'Only for the Chatsby Trigger: the signing secret of the webhook endpoint in the dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api.chatsby.co/v1',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: chatsby.baseUrlExpression,
			url: '/agents',
			method: 'GET',
			qs: { page_size: 1 },
		},
	};
}
