import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { sendKit } from '../nodes/SendKit/platform';

export class SendKitApi implements ICredentialType {
	name = 'sendKitApi';

	displayName = 'SendKit API';

	icon: Icon = {
		light: 'file:../nodes/SendKit/sendKit.svg',
		dark: 'file:../nodes/SendKit/sendKit.dark.svg',
	};

	documentationUrl =
		'https://github.com/chatbot-platforms/n8n-nodes-chatbot-platforms#sendkit-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'e.g. sk_…',
			description:
				'A workspace key (sk_…) works in its workspace; a platform key (sk_user_…) needs the Workspace ID too',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			description:
				'Only for platform keys (sk_user_…): the workspace the node works in. Leave empty for a workspace key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api.sendkit.ai',
		},
	];

	// The workspace header is sent only when set: SendKit says workspace keys must not send it.
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const workspaceId = String(credentials.workspaceId ?? '').trim();
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'X-Api-Key': String(credentials.apiKey ?? ''),
				...(workspaceId ? { 'X-Workspace-Id': workspaceId } : {}),
			},
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: sendKit.baseUrlExpression,
			url: '/v1/agents',
			method: 'GET',
		},
	};
}
