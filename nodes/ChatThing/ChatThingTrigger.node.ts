import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { dashboardRegisteredWebhook, refuseDelivery } from '../shared/webhookSignature';
import { EVENTS, eventOf, headersForLog, verifyChatThingDelivery } from './ChatThingTriggerHelpers';
import { chatThing } from './platform';

export class ChatThingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chat Thing Trigger',
		name: 'chatThingTrigger',
		icon: { light: 'file:chatThing.svg', dark: 'file:chatThing.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Chat Thing sends a webhook: a sync finished or failed, a conversation event',
		defaults: { name: 'Chat Thing Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: chatThing.credentialName, required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"Chat Thing webhooks are set up in the bot dashboard, not through the API. Open the bot → Webhooks → New webhook, pick the type, paste this node's Production URL (above), set a secret, save and enable it. Put the same secret in the credential's Webhook Secret.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENTS,
				default: ['syncSuccess', 'syncFailure'],
				description: 'The deliveries that start the workflow; others are acknowledged and ignored',
			},
			{
				displayName: 'Verification',
				name: 'verification',
				type: 'options',
				options: [
					{
						name: 'HMAC-SHA256 of the Body, Hex',
						value: 'hmacHex',
						description:
							'The header holds the hex HMAC-SHA256 of the raw body, keyed with the secret',
					},
					{
						name: 'HMAC-SHA256 of the Body, Base64',
						value: 'hmacBase64',
						description:
							'The header holds the base64 HMAC-SHA256 of the raw body, keyed with the secret',
					},
					{
						name: 'Secret in a Header',
						value: 'secretHeader',
						description: 'The header holds the secret itself',
					},
				],
				default: 'hmacHex',
				description:
					'How Chat Thing proves a delivery is genuine. It does not document its scheme: see the README to find out which one your account uses.',
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				required: true,
				default: 'x-chatthing-signature',
				description: 'The request header that carries the signature or the secret',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Log Rejected Deliveries',
						name: 'logRejected',
						type: 'boolean',
						default: true,
						description:
							"Whether to log the header names and values of a rejected delivery (the signature header's value and the secret are hidden), to find out the scheme your account uses",
					},
					{
						displayName: 'Signature Prefix',
						name: 'prefix',
						type: 'string',
						default: '',
						placeholder: 'e.g. sha256=',
						description: 'Text before the signature in the header, removed before comparing',
					},
				],
			},
		],
	};

	// Registered in the platform's dashboard: nothing to check, create or delete through the API.
	webhookMethods = dashboardRegisteredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials(chatThing.credentialName);
		const secret = String(credentials.webhookSecret ?? '');
		const options = this.getNodeParameter('options', {}) as {
			logRejected?: boolean;
			prefix?: string;
		};
		const headerName = String(this.getNodeParameter('headerName', 'x-chatthing-signature'))
			.trim()
			.toLowerCase();
		const verification = verifyChatThingDelivery(this, secret, {
			verification: this.getNodeParameter('verification', 'hmacHex') as string,
			headerName,
			prefix: options.prefix,
		});
		if (!verification.valid) {
			return refuseDelivery(this, 'Chat Thing Trigger', verification.reason, {
				off: options.logRejected === false,
				details: { headers: headersForLog(this, secret, headerName) },
			});
		}

		const body = (this.getBodyData() ?? {}) as IDataObject;
		const { raw, event } = eventOf(body);
		const wanted = this.getNodeParameter('events', []) as string[];
		// A delivery that names a known event the user did not choose is acknowledged and ignored.
		if (event !== undefined && !wanted.includes(event)) return {};
		const item = { ...body, event: event ?? raw ?? null, receivedAt: new Date().toISOString() };
		return { workflowData: [this.helpers.returnJsonArray(item)] };
	}
}
