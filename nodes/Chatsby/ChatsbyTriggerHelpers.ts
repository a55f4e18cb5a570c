import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import {
	parseTimestampSeconds,
	seenBefore,
	verifyStandardWebhook,
	type Verification,
} from '../shared/webhookSignature';

/** What a delivery to the Chatsby Trigger gets. */
export type DeliveryVerdict =
	| { refuse: string }
	/** Verified, or Chatsby's ping before the secret is set: answered 200. */
	| { accept: true; deliveryId?: string };

/**
 * Checks a delivery: signed with the credential's secret in the Standard Webhooks scheme, over
 * the raw body, within the timestamp window. Without a secret only Chatsby's ping is answered
 * (it pings a new endpoint before its secret can be in n8n); everything else is refused.
 */
export function verifyChatsbyDelivery(
	context: IWebhookFunctions,
	secret: string,
	body: IDataObject,
): DeliveryVerdict {
	const request = context.getRequestObject();
	if (secret === '') {
		if (body.event === 'ping') {
			context.logger.warn(
				"Chatsby Trigger answered Chatsby's ping; set the credential's Webhook Signing Secret now",
			);
			return { accept: true };
		}
		return {
			refuse: 'the credential has no Webhook Signing Secret, so no delivery can be verified',
		};
	}
	const { headers } = request;
	const verification: Verification = verifyStandardWebhook({
		secret,
		id: headers['webhook-id'],
		timestamp: headers['webhook-timestamp'],
		signature: headers['webhook-signature'],
		rawBody: request.rawBody,
	});
	if (!verification.valid) return { refuse: verification.reason };
	return { accept: true, deliveryId: String(headers['webhook-id']) };
}

/**
 * Whether this trigger received the delivery before: a sender retries with the same ID when our
 * answer to the first one was lost. It is answered 200 (a 401 would count as a failed delivery
 * there, and repeated ones can disable the endpoint) and starts nothing.
 */
export function isRetriedDelivery(context: IWebhookFunctions, deliveryId: string): boolean {
	const timestamp =
		parseTimestampSeconds(String(context.getRequestObject().headers['webhook-timestamp'])) ?? 0;
	const scope = `${context.getWorkflow().id}/${context.getNode().name}`;
	return seenBefore(context.getWorkflowStaticData('node'), deliveryId, timestamp, { scope });
}

/**
 * The item a verified delivery starts the workflow with — its `data` plus the event, its time and
 * the delivery's ID — or undefined for a ping, an event not chosen, or another agent's event.
 */
export function deliveryItem(
	body: IDataObject,
	deliveryId: string,
	choice: { events: string[]; agentId: string },
): IDataObject | undefined {
	const event = String(body.event ?? '');
	const data = (body.data ?? {}) as IDataObject;
	if (event === 'ping' || !choice.events.includes(event)) return undefined;
	if (choice.agentId !== '' && data.agent_id !== choice.agentId) return undefined;
	return { ...data, event, eventTime: body.created_at ?? null, deliveryId };
}
