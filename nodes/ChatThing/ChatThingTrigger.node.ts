import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	dashboardRegisteredWebhook,
	verifyBodyHmac,
	verifySecretHeader,
	type Verification,
} from '../shared/webhookSignature';
import { CREDENTIAL_NAME } from './transport';

/** The event types Chat Thing's dashboard offers for outgoing webhooks. */
const EVENTS = [
	{
		name: 'Conversation Claimed',
		value: 'conversationClaimed',
		description: 'Triggers when a person claims an escalated conversation',
	},
	{
		name: 'Conversation Escalated',
		value: 'conversationEscalated',
		description: 'Triggers when a conversation is escalated to a person',
	},
	{
		name: 'Conversation Released',
		value: 'conversationReleased',
		description: 'Triggers when a person releases a claimed conversation',
	},
	{
		name: 'Conversation Started',
		value: 'conversationStarted',
		description: 'Triggers when a visitor starts a conversation',
	},
	{
		name: 'Sync Failure',
		value: 'syncFailure',
		description: 'Triggers when a data source fails to sync (train)',
	},
	{
		name: 'Sync Success',
		value: 'syncSuccess',
		description: 'Triggers when a data source finished syncing (training)',
	},
];

/** Lower-case letters and digits only, so `sync.success`, `SYNC_SUCCESS` and `syncSuccess` meet. */
const normalise = (value: unknown) =>
	String(value ?? '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');

/**
 * Chat Thing does not document its payload: the event type is looked for under the usual names.
 * Returns the matching event option value, or undefined when the delivery names none we know.
 */
function eventOf(body: IDataObject): { raw?: string; event?: string } {
	for (const key of ['event', 'type', 'eventType', 'event_type', 'webhookType', 'trigger']) {
		const raw = body[key];
		if (typeof raw !== 'string' || raw === '') continue;
		const match = EVENTS.find((event) => normalise(event.value) === normalise(raw));
		return { raw, event: match?.value };
	}
	return {};
}

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
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
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
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const credentials = await this.getCredentials(CREDENTIAL_NAME);
		const secret = String(credentials.webhookSecret ?? '');
		const headerName = String(this.getNodeParameter('headerName', 'x-chatthing-signature'))
			.trim()
			.toLowerCase();
		const verification = this.getNodeParameter('verification', 'hmacHex') as string;
		const options = this.getNodeParameter('options', {}) as {
			logRejected?: boolean;
			prefix?: string;
		};

		const refuse = (reason: string): IWebhookResponseData => {
			if (options.logRejected !== false) {
				const headers = Object.fromEntries(
					Object.entries(request.headers).map(([name, value]) => {
						const text = Array.isArray(value) ? value.join(', ') : String(value ?? '');
						const hidden = name === headerName || (secret !== '' && text.includes(secret));
						return [name, hidden ? `[hidden, ${text.length} characters]` : text];
					}),
				);
				this.logger.warn(`Chat Thing Trigger refused a delivery: ${reason}`, { headers });
			}
			response.status(401).send(`Unauthorized: ${reason}`).end();
			return { noWebhookResponse: true };
		};

		if (secret === '') {
			return refuse('the credential has no Webhook Secret, so no delivery can be verified');
		}
		const header = request.headers[headerName];
		let result: Verification;
		if (verification === 'secretHeader') {
			result = verifySecretHeader({ secret, header });
		} else {
			result = verifyBodyHmac({
				secret,
				header,
				rawBody: request.rawBody,
				encoding: verification === 'hmacBase64' ? 'base64' : 'hex',
				prefix: options.prefix,
			});
		}
		if (!result.valid) return refuse(result.reason);

		const body = (this.getBodyData() ?? {}) as IDataObject;
		const { raw, event } = eventOf(body);
		const wanted = this.getNodeParameter('events', []) as string[];
		// A delivery that names a known event the user did not choose is acknowledged and ignored.
		if (event !== undefined && !wanted.includes(event)) return {};
		return {
			workflowData: [
				this.helpers.returnJsonArray({
					...body,
					event: event ?? raw ?? null,
					receivedAt: new Date().toISOString(),
				}),
			],
		};
	}
}
