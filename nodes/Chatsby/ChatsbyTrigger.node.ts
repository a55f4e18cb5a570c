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
	seenBefore,
	parseTimestampSeconds,
	verifyStandardWebhook,
} from '../shared/webhookSignature';
import { CREDENTIAL_NAME } from './transport';

export class ChatsbyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatsby Trigger',
		name: 'chatsbyTrigger',
		icon: { light: 'file:chatsby.svg', dark: 'file:chatsby.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Chatsby reports that a source trained or failed, or a conversation started',
		defaults: { name: 'Chatsby Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"Chatsby webhook endpoints are set up in its dashboard: Settings → Webhooks → Add Endpoint, paste this node's Production URL (above), choose the events, save, and copy the signing secret (whsec_…) into the credential's Webhook Signing Secret. Endpoints fire for all agents.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Conversation Created',
						value: 'conversation.created',
						description: 'Triggers when a user starts a conversation',
					},
					{
						name: 'Source Failed',
						value: 'source.failed',
						description: 'Triggers when a source fails to train',
					},
					{
						name: 'Source Trained',
						value: 'source.trained',
						description: 'Triggers when a source finishes training',
					},
				],
				default: ['source.trained', 'source.failed'],
			},
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. agent_1a2b3c4d5e',
				description:
					'Only deliveries about this agent start the workflow; leave empty for every agent',
			},
		],
	};

	// Registered in the platform's dashboard: nothing to check, create or delete through the API.
	webhookMethods = dashboardRegisteredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const credentials = await this.getCredentials(CREDENTIAL_NAME);
		const secret = String(credentials.webhookSecret ?? '').trim();

		const refuse = (reason: string): IWebhookResponseData => {
			this.logger.warn(`Chatsby Trigger refused a delivery: ${reason}`);
			response.status(401).send(`Unauthorized: ${reason}`).end();
			return { noWebhookResponse: true };
		};

		if (secret === '') {
			// Chatsby pings a new endpoint before its secret can be in n8n: a ping starts nothing,
			// so it is answered; everything else needs the secret.
			if (body.event === 'ping') {
				this.logger.warn(
					"Chatsby Trigger answered Chatsby's ping; set the credential's Webhook Signing Secret now",
				);
				return {};
			}
			return refuse('the credential has no Webhook Signing Secret, so no delivery can be verified');
		}
		const headers = request.headers;
		const verification = verifyStandardWebhook({
			secret,
			id: headers['webhook-id'],
			timestamp: headers['webhook-timestamp'],
			signature: headers['webhook-signature'],
			rawBody: request.rawBody,
		});
		if (!verification.valid) return refuse(verification.reason);
		const deliveryId = String(headers['webhook-id']);
		const timestamp = parseTimestampSeconds(String(headers['webhook-timestamp'])) ?? 0;
		const scope = `${this.getWorkflow().id}/${this.getNode().name}`;
		if (seenBefore(this.getWorkflowStaticData('node'), deliveryId, timestamp, { scope })) {
			// A sender retries with the same ID when our answer to the first delivery was lost: a
			// 401 would count as a failed delivery there (and repeated ones can disable the endpoint).
			this.logger.debug(`Chatsby Trigger received delivery ${deliveryId} again; it starts nothing`);
			return {};
		}

		const event = String(body.event ?? '');
		const events = this.getNodeParameter('events', []) as string[];
		const data = (body.data ?? {}) as IDataObject;
		const agentId = String(this.getNodeParameter('agentId', '') ?? '').trim();
		// Pings, events not chosen and other agents' events are acknowledged and start nothing.
		if (
			event === 'ping' ||
			!events.includes(event) ||
			(agentId !== '' && data.agent_id !== agentId)
		) {
			return {};
		}
		return {
			workflowData: [
				this.helpers.returnJsonArray({
					...data,
					event,
					eventTime: body.created_at ?? null,
					deliveryId,
				}),
			],
		};
	}
}
