import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { chatThing } from '../nodes/ChatThing/platform';

export class ChatThingApi implements ICredentialType {
	name = 'chatThingApi';

	displayName = 'Chat Thing API';

	icon: Icon = {
		light: 'file:../nodes/ChatThing/chatThing.svg',
		dark: 'file:../nodes/ChatThing/chatThing.dark.svg',
	};

	documentationUrl =
		'https://github.com/chatbot-platforms/n8n-nodes-chatbot-platforms#chat-thing-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Channel ID',
			name: 'channelId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 7bb301ad-e691-4341-8afb-b4407c4ffdf2',
			description:
				"The ID of the bot's API channel: bot dashboard → Channels → API. One credential serves one bot's channel.",
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: "The API channel's secret key, shown in the same settings window",
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Chat Thing Trigger: the secret of the webhook in the bot dashboard (Webhooks tab), used to check that deliveries come from Chat Thing',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://chatthing.ai',
			description: 'The Chat Thing host; the channel path is added to it',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-API-Secret-Key': '={{$credentials.secretKey}}' },
		},
	};

	// Listing one conversation is read-only and needs both the channel ID and the secret to match.
	test: ICredentialTestRequest = {
		request: {
			baseURL: chatThing.baseUrlExpression,
			url: '/conversations',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: { limit: 1 },
		},
	};
}
