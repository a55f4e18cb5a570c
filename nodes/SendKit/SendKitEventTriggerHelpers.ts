import { randomBytes } from 'crypto';

import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { asNodeError, responseError } from '../shared/errors';
import { requestJson } from '../shared/request/request';
import { verifyBodyHmac, type Verification } from '../shared/webhookSignature';
import { sendKit } from './platform';
import { combineEvents, isEventsProblem, listAllWebhooks } from './webhooks';

/*
 * The SendKit Event Trigger's webhook at SendKit (found by this trigger's URL, created, set
 * inactive) and the check of each delivery. What the trigger keeps in the workflow's static data:
 * the webhook's ID and the secret it signs with (never in an output or a log).
 */

const TRIGGER = 'SendKit Event Trigger';

interface Registration {
	webhookId?: string;
	webhookSecret?: string;
}

function registrationOf(context: IHookFunctions | IWebhookFunctions): Registration {
	return context.getWorkflowStaticData('node') as Registration;
}

/** The secret the trigger's webhook signs with, when the trigger registered or reused one. */
export function storedSecret(context: IWebhookFunctions): string {
	return String(registrationOf(context).webhookSecret ?? '');
}

/** The events the trigger listens to; none, or a malformed name, stops activation before any request. */
export function chosenEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	const events = combineEvents(
		context.getNodeParameter('events', []),
		context.getNodeParameter('otherEvents', ''),
	);
	if (isEventsProblem(events)) {
		throw new NodeOperationError(context.getNode(), events.message, {
			description: events.description,
		});
	}
	return events;
}

/** A platform key without a workspace reaches no webhook: said before any request. */
async function checkCredential(context: IHookFunctions): Promise<void> {
	const credentials = await context.getCredentials(sendKit.credentialName);
	const apiKey = String(credentials.apiKey ?? '').trim();
	const workspaceId = String(credentials.workspaceId ?? '').trim();
	if (apiKey.startsWith('sk_user_') && workspaceId === '') {
		throw new NodeOperationError(
			context.getNode(),
			"The credential has a platform key (sk_user_…) but no 'Workspace ID'",
			{
				description:
					"Webhooks belong to a workspace: enter its ID in the SendKit API credential's Workspace ID, or use a workspace key (sk_…).",
			},
		);
	}
}

/** Runs a step of activation; a failed request says that the webhook could not be set up. */
async function activationStep<T>(
	context: IHookFunctions,
	what: string,
	step: () => Promise<T>,
): Promise<T> {
	try {
		return await step();
	} catch (error) {
		const nodeError = asNodeError(context.getNode(), error);
		if (nodeError instanceof NodeApiError) {
			nodeError.message = `${TRIGGER} could not ${what} at SendKit: ${nodeError.message}`;
		}
		throw nodeError;
	}
}

const sameUrl = (a: unknown, b: string) =>
	typeof a === 'string' && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

function sameEvents(current: unknown, wanted: string[]): boolean {
	const have = new Set(Array.isArray(current) ? current.map(String) : []);
	return have.size === wanted.length && wanted.every((event) => have.has(event));
}

const webhookPath = (id: string) => `/v1/webhooks/${encodeURIComponent(id)}`;

async function patchWebhook(
	context: IHookFunctions,
	id: string,
	patch: IDataObject,
): Promise<IDataObject> {
	const answer = await requestJson<IDataObject>(context, sendKit, {
		method: 'PATCH',
		url: webhookPath(id),
		body: patch,
	});
	return (answer?.data ?? {}) as IDataObject;
}

/**
 * `checkExists`: the webhook at SendKit whose URL is this trigger's (all pages of the list), made
 * to match the node — its events, active, and a secret the trigger knows — so that activating,
 * publishing again or restarting n8n never registers a second one. False when there is none.
 * Other active webhooks for the same URL are set inactive.
 */
export async function reuseWebhook(context: IHookFunctions): Promise<boolean> {
	const events = chosenEvents(context);
	await checkCredential(context);
	const url = context.getNodeWebhookUrl('default') ?? '';
	const registration = registrationOf(context);
	const webhooks = await activationStep(
		context,
		'list the webhooks',
		async () => await listAllWebhooks(context),
	);
	const mine = webhooks.filter((webhook) => sameUrl(webhook.url, url));
	const webhook =
		mine.find((entry) => entry._id === registration.webhookId) ??
		mine.find((entry) => entry.status === 'active') ??
		mine[0];
	if (!webhook) return false;
	const id = String(webhook._id);

	const patch: IDataObject = {};
	if (!sameEvents(webhook.events, events)) patch.events = events;
	if (webhook.status !== 'active') patch.status = 'active';
	// The secret SendKit signs with: its own when the list shows it, else the one this trigger
	// gave the webhook; without either (static data lost), the webhook gets a new one.
	let secret =
		typeof webhook.secret === 'string' && webhook.secret !== ''
			? webhook.secret
			: registration.webhookId === id
				? registration.webhookSecret
				: undefined;
	if (!secret) {
		secret = randomBytes(32).toString('hex');
		patch.secret = secret;
	}
	if (Object.keys(patch).length > 0) {
		const updated = await activationStep(
			context,
			`update webhook ${id}`,
			async () => await patchWebhook(context, id, patch),
		);
		if (patch.status === 'active' && updated.status !== undefined && updated.status !== 'active') {
			throw responseError(
				context.getNode(),
				0,
				`SendKit kept webhook ${id} for this trigger's URL inactive`,
				'SendKit did not accept setting it active again. Activate the webhook in SendKit (or with the SendKit node: Webhook → Update → Status), then activate this workflow again.',
			);
		}
	}
	registration.webhookId = id;
	registration.webhookSecret = secret;
	// More webhooks for the same URL (registered by hand, or elsewhere) would deliver every event
	// twice: they are set inactive.
	for (const duplicate of mine) {
		if (duplicate !== webhook && duplicate.status === 'active')
			await setInactive(context, String(duplicate._id), url);
	}
	const changed = Object.keys(patch);
	context.logger.debug(
		`${TRIGGER} reuses SendKit webhook ${id} for ${url}${changed.length ? ` (updated: ${changed.join(', ')})` : ''}`,
	);
	return true;
}

/**
 * `create`: registers this trigger's URL for its events, with a secret the trigger generates and
 * keeps with the webhook's ID. A webhook this trigger registered before for another URL (n8n's
 * address changed) is set inactive first.
 */
export async function registerWebhook(context: IHookFunctions): Promise<boolean> {
	const events = chosenEvents(context);
	await checkCredential(context);
	const registration = registrationOf(context);
	const url = context.getNodeWebhookUrl('default') ?? '';
	if (registration.webhookId) await setInactive(context, registration.webhookId, 'an earlier URL');

	const secret = randomBytes(32).toString('hex');
	const workflow = context.getWorkflow();
	const name = `n8n: ${workflow.name || workflow.id} › ${context.getNode().name}`.slice(0, 100);
	const answer = await activationStep(
		context,
		'register the webhook',
		async () =>
			await requestJson<IDataObject>(context, sendKit, {
				method: 'POST',
				url: '/v1/webhooks',
				body: { name, url, events, secret },
			}),
	);
	const created = (answer?.data ?? {}) as IDataObject;
	if (typeof created._id !== 'string' || created._id === '') {
		throw responseError(
			context.getNode(),
			0,
			'SendKit answered the webhook registration without a webhook ID',
			'The webhook may have been created: check the webhooks in SendKit (SendKit node: Webhook → Get Many) before activating again.',
		);
	}
	registration.webhookId = created._id;
	// SendKit signs with the secret it answers with (ours, unless it chose its own).
	registration.webhookSecret =
		typeof created.secret === 'string' && created.secret !== '' ? created.secret : secret;
	context.logger.debug(`${TRIGGER} registered SendKit webhook ${created._id} for ${url}`);
	return true;
}

/**
 * `delete`: SendKit documents no way to delete a webhook, so the trigger's webhook is set
 * inactive (`PATCH status`). Where SendKit does not take that, it is left as it is and the log
 * says, once, that it must be removed in SendKit. The webhook's ID and secret stay in the static
 * data, so that activating again reuses the same webhook.
 */
export async function deactivateWebhook(context: IHookFunctions): Promise<boolean> {
	const { webhookId } = registrationOf(context);
	if (!webhookId) return true;
	return await setInactive(context, webhookId, context.getNodeWebhookUrl('default') ?? '');
}

async function setInactive(context: IHookFunctions, id: string, url: string): Promise<boolean> {
	const leftActive = (reason: string) =>
		context.logger.warn(
			`${TRIGGER} could not set SendKit webhook ${id} (${url}) inactive: ${reason}. SendKit documents no way to delete a webhook: remove it in SendKit, or it goes on sending events to that URL.`,
		);
	let updated: IDataObject;
	try {
		updated = await patchWebhook(context, id, { status: 'inactive' });
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			const registration = registrationOf(context);
			if (registration.webhookId === id) {
				delete registration.webhookId;
				delete registration.webhookSecret;
			}
			context.logger.debug(`${TRIGGER}: SendKit webhook ${id} no longer exists`);
			return true;
		}
		leftActive((error as Error).message);
		return false;
	}
	if (updated.status !== 'inactive') {
		leftActive(`SendKit kept its status "${String(updated.status ?? 'unknown')}"`);
		return false;
	}
	context.logger.debug(`${TRIGGER} set SendKit webhook ${id} inactive`);
	return true;
}

/** What a delivery to the trigger gets. */
export type DeliveryVerdict = { refuse: string } | { accept: true; event: string };

/**
 * Checks a delivery: `X-Webhook-Signature` must be the HMAC-SHA256 of the raw body with the
 * trigger's secret, hex or base64, with or without `sha256=` (SendKit documents the header and the
 * algorithm, not the signed string or the encoding: both encodings are accepted, each compared in
 * constant time). Without a stored secret nothing can be verified, so everything is refused.
 */
export function verifySendKitDelivery(context: IWebhookFunctions): DeliveryVerdict {
	const secret = storedSecret(context);
	if (secret === '') {
		return {
			refuse:
				'the trigger has no signing secret for its webhook; deactivate and activate the workflow again',
		};
	}
	const request = context.getRequestObject();
	const header = request.headers['x-webhook-signature'];
	const check = (encoding: 'hex' | 'base64'): Verification =>
		verifyBodyHmac({ secret, header, rawBody: request.rawBody, encoding, prefix: 'sha256=' });
	const hex = check('hex');
	if (!hex.valid) {
		const base64 = check('base64');
		if (!base64.valid) {
			const notHex = hex.reason.endsWith('not hex');
			const reason = !notHex
				? hex.reason
				: base64.reason.endsWith('not base64')
					? 'the signature header is neither hex nor base64'
					: base64.reason;
			return { refuse: reason };
		}
	}
	const body = (context.getBodyData() ?? {}) as IDataObject;
	const eventHeader = request.headers['x-webhook-event'];
	const fromHeader = Array.isArray(eventHeader) ? eventHeader[0] : eventHeader;
	const event = String(fromHeader ?? body.event ?? '').trim();
	return { accept: true, event };
}

/** The item a verified delivery starts the workflow with: its body, the event and when it came. */
export function deliveryItem(body: unknown, event: string, receivedAt: Date): IDataObject {
	const fields =
		body !== null && typeof body === 'object' && !Array.isArray(body)
			? (body as IDataObject)
			: { body: body as IDataObject[] };
	return { ...fields, event, receivedAt: receivedAt.toISOString() };
}
