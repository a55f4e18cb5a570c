import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { refuseDelivery } from '../shared/webhookSignature';
import { sendKit } from './platform';
import {
	chosenEvents,
	deactivateWebhook,
	deliveryItem,
	registerWebhook,
	reuseWebhook,
	verifySendKitDelivery,
} from './SendKitEventTriggerHelpers';
import { eventFields } from './webhooks';

export class SendKitEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SendKit Event Trigger',
		name: 'sendKitEventTrigger',
		icon: { light: 'file:sendKit.svg', dark: 'file:sendKit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when SendKit reports an e-mail event, such as a positive reply, or a lead update',
		defaults: { name: 'SendKit Event Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: sendKit.credentialName, required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'When the workflow is activated, this trigger registers its Production URL with SendKit for the chosen events, or reuses the webhook SendKit already has for that URL. SendKit documents no way to delete a webhook: when the workflow is deactivated the webhook is set inactive, and it is reused when the workflow is activated again.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			...eventFields().map((field) =>
				field.name === 'events'
					? {
							...field,
							default: ['email.positive_reply'],
							description:
								"The events that start the workflow. At least one here or in 'Other Events'.",
						}
					: field,
			),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Pass On Test Deliveries',
						name: 'passOnTestDeliveries',
						type: 'boolean',
						default: false,
						description:
							"Whether a test delivery (Webhook → Send Test Delivery, or SendKit's dashboard) starts the workflow. Off: it is answered and starts nothing.",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await reuseWebhook(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerWebhook(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deactivateWebhook(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const verdict = verifySendKitDelivery(this);
		if ('refuse' in verdict) return refuseDelivery(this, 'SendKit Event Trigger', verdict.refuse);
		const { event } = verdict;
		const wanted =
			event === 'test'
				? this.getNodeParameter('options.passOnTestDeliveries', false) === true
				: chosenEvents(this).includes(event);
		// A test delivery (unless passed on) and events not chosen are answered and start nothing.
		if (!wanted) return {};
		const item = deliveryItem(this.getBodyData(), event, new Date());
		return { workflowData: [this.helpers.returnJsonArray(item)] };
	}
}
