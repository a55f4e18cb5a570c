import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { dashboardRegisteredWebhook, refuseDelivery } from '../shared/webhookSignature';
import { deliveryItem, isRetriedDelivery, verifyChatsbyDelivery } from './ChatsbyTriggerHelpers';
import { chatsby } from './platform';

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
		credentials: [{ name: chatsby.credentialName, required: true }],
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
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const credentials = await this.getCredentials(chatsby.credentialName);
		const verdict = verifyChatsbyDelivery(
			this,
			String(credentials.webhookSecret ?? '').trim(),
			body,
		);
		if ('refuse' in verdict) return refuseDelivery(this, 'Chatsby Trigger', verdict.refuse);
		const { deliveryId } = verdict;
		if (deliveryId === undefined) return {};
		if (isRetriedDelivery(this, deliveryId)) {
			this.logger.debug(`Chatsby Trigger received delivery ${deliveryId} again; it starts nothing`);
			return {};
		}
		const item = deliveryItem(body, deliveryId, {
			events: this.getNodeParameter('events', []) as string[],
			agentId: String(this.getNodeParameter('agentId', '') ?? '').trim(),
		});
		// Pings, events not chosen and other agents' events are acknowledged and start nothing.
		return item ? { workflowData: [this.helpers.returnJsonArray(item)] } : {};
	}
}
