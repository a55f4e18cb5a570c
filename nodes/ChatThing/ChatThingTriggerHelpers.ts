import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { verifyBodyHmac, verifySecretHeader, type Verification } from '../shared/webhookSignature';

/** The event types Chat Thing's dashboard offers for outgoing webhooks. */
export const EVENTS = [
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
export function eventOf(body: IDataObject): { raw?: string; event?: string } {
	for (const key of ['event', 'type', 'eventType', 'event_type', 'webhookType', 'trigger']) {
		const raw = body[key];
		if (typeof raw !== 'string' || raw === '') continue;
		const match = EVENTS.find((event) => normalise(event.value) === normalise(raw));
		return { raw, event: match?.value };
	}
	return {};
}

export interface VerificationChoice {
	verification: string;
	headerName: string;
	prefix?: string;
}

/**
 * Checks a delivery the way the user chose (Chat Thing does not document its scheme): the
 * HMAC-SHA256 of the raw body in a header, hex or base64, or the secret itself in a header.
 */
export function verifyChatThingDelivery(
	context: IWebhookFunctions,
	secret: string,
	choice: VerificationChoice,
): Verification {
	if (secret === '') {
		return {
			valid: false,
			reason: 'the credential has no Webhook Secret, so no delivery can be verified',
		};
	}
	const request = context.getRequestObject();
	const header = request.headers[choice.headerName];
	if (choice.verification === 'secretHeader') return verifySecretHeader({ secret, header });
	return verifyBodyHmac({
		secret,
		header,
		rawBody: request.rawBody,
		encoding: choice.verification === 'hmacBase64' ? 'base64' : 'hex',
		prefix: choice.prefix,
	});
}

/**
 * The headers of a refused delivery for the log, to find out the scheme an account uses: the
 * chosen header's value and anything that holds the secret are hidden (their length is shown).
 */
export function headersForLog(
	context: IWebhookFunctions,
	secret: string,
	headerName: string,
): IDataObject {
	return Object.fromEntries(
		Object.entries(context.getRequestObject().headers).map(([name, value]) => {
			const text = Array.isArray(value) ? value.join(', ') : String(value ?? '');
			const hidden = name === headerName || (secret !== '' && text.includes(secret));
			return [name, hidden ? `[hidden, ${text.length} characters]` : text];
		}),
	);
}
