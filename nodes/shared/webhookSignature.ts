import { createHmac, timingSafeEqual } from 'crypto';

import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/*
 * Verification of signed webhook deliveries, shared by the webhook triggers. The contract follows
 * n8n's own `webhook-signature-verification` utility: compare in constant time, over the raw body
 * bytes (never a re-serialised body), reject stale timestamps, and never throw — a delivery is
 * either verified or rejected with a reason that names no secret.
 */

export type Verification = { valid: true } | { valid: false; reason: string };

const reject = (reason: string): Verification => ({ valid: false, reason });

/** Constant-time equality of two byte strings; different lengths are unequal without comparing. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}

function asBuffer(rawBody: Buffer | string | undefined): Buffer | undefined {
	if (rawBody === undefined) return undefined;
	return Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8');
}

function headerValue(value: string | string[] | undefined): string | undefined {
	const single = Array.isArray(value) ? value[0] : value;
	return typeof single === 'string' && single.trim() !== '' ? single.trim() : undefined;
}

/** Parses a timestamp in seconds or milliseconds since the epoch; undefined when not a number. */
export function parseTimestampSeconds(value: string | undefined): number | undefined {
	if (value === undefined || !/^\d{1,16}$/.test(value)) return undefined;
	const number = Number(value);
	return number > 1e12 ? Math.floor(number / 1000) : number;
}

/**
 * The Standard Webhooks scheme (https://www.standardwebhooks.com): headers `webhook-id`,
 * `webhook-timestamp` and `webhook-signature` (space-separated `v1,<base64>` entries, any of which
 * may match), HMAC-SHA256 over `<id>.<timestamp>.<raw body>` with the base64 key after `whsec_`.
 */
export function verifyStandardWebhook(input: {
	secret: string;
	id: string | string[] | undefined;
	timestamp: string | string[] | undefined;
	signature: string | string[] | undefined;
	rawBody: Buffer | string | undefined;
	nowSeconds?: number;
	toleranceSeconds?: number;
}): Verification {
	const id = headerValue(input.id);
	const timestampText = headerValue(input.timestamp);
	const signatureHeader = headerValue(input.signature);
	const body = asBuffer(input.rawBody);
	if (!id || !timestampText || !signatureHeader) {
		return reject('the webhook-id, webhook-timestamp or webhook-signature header is missing');
	}
	if (!body) return reject('the raw body of the delivery is not available');

	const timestamp = parseTimestampSeconds(timestampText);
	if (timestamp === undefined) return reject('the webhook-timestamp header is not a number');
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	const tolerance = input.toleranceSeconds ?? 300;
	if (Math.abs(now - timestamp) > tolerance) {
		return reject(`the webhook-timestamp is more than ${tolerance} seconds away from now`);
	}

	const key = standardWebhookKey(input.secret);
	if (!key) return reject('the signing secret is not a valid whsec_ secret');
	const expected = createHmac('sha256', key)
		.update(`${id}.${timestampText}.`)
		.update(body)
		.digest();

	for (const entry of signatureHeader.split(' ')) {
		const [version, encoded] = entry.split(',', 2);
		if (version !== 'v1' || !encoded || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) continue;
		if (safeEqual(Buffer.from(encoded, 'base64'), expected)) return { valid: true };
	}
	return reject('no signature in the webhook-signature header matches');
}

/** The HMAC key of a Standard Webhooks secret: the base64 after `whsec_` (or the whole string). */
function standardWebhookKey(secret: string): Buffer | undefined {
	const encoded = secret.trim().replace(/^whsec_/, '');
	if (encoded === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
	const key = Buffer.from(encoded, 'base64');
	return key.length > 0 ? key : undefined;
}

/** HMAC-SHA256 of the raw body, in a header, hex or base64, optionally behind a prefix (`sha256=`). */
export function verifyBodyHmac(input: {
	secret: string;
	header: string | string[] | undefined;
	rawBody: Buffer | string | undefined;
	encoding: 'hex' | 'base64';
	prefix?: string;
}): Verification {
	const header = headerValue(input.header);
	const body = asBuffer(input.rawBody);
	if (!header) return reject('the signature header is missing');
	if (!body) return reject('the raw body of the delivery is not available');
	if (input.secret === '') return reject('no signing secret is set');

	let signature = header;
	if (input.prefix && signature.toLowerCase().startsWith(input.prefix.toLowerCase())) {
		signature = signature.slice(input.prefix.length);
	}
	const wellFormed =
		input.encoding === 'hex'
			? /^[0-9a-fA-F]+$/.test(signature) && signature.length % 2 === 0
			: /^[A-Za-z0-9+/]+={0,2}$/.test(signature);
	if (!wellFormed) return reject(`the signature header is not ${input.encoding}`);

	const expected = createHmac('sha256', input.secret).update(body).digest();
	const actual = Buffer.from(signature, input.encoding);
	return safeEqual(actual, expected) ? { valid: true } : reject('the signature does not match');
}

/** The shared secret itself sent in a header, compared in constant time. */
export function verifySecretHeader(input: {
	secret: string;
	header: string | string[] | undefined;
}): Verification {
	const header = headerValue(input.header);
	if (!header) return reject('the secret header is missing');
	if (input.secret === '') return reject('no signing secret is set');
	return safeEqual(Buffer.from(header, 'utf8'), Buffer.from(input.secret, 'utf8'))
		? { valid: true }
		: reject('the secret header does not match');
}

/** Delivery IDs this n8n process accepted recently, per trigger node (see `seenBefore`). */
const acceptedInProcess = new Map<string, Map<string, number>>();
const MAX_REMEMBERED_PER_NODE = 50_000;

/**
 * Whether a delivery with this ID was accepted before (a sender's retry, or a replay), and
 * remembers it, for twice the timestamp window. In two places: the trigger's static data, which survives restarts
 * where n8n saves it, and this process's memory (keyed by `scope`, the workflow and node). n8n
 * 2.x does not save static data that webhook() changes (a signed delivery sent twice to n8n 2.41
 * started two executions with static data alone), so the process memory is what recognises it in
 * practice; in queue mode, per webhook process.
 */
export function seenBefore(
	staticData: IDataObject,
	id: string,
	timestampSeconds: number,
	options: { scope?: string; nowSeconds?: number; toleranceSeconds?: number } = {},
): boolean {
	const {
		scope = '',
		nowSeconds = Math.floor(Date.now() / 1000),
		toleranceSeconds = 300,
	} = options;
	const fresh = (seenAt: number) => nowSeconds - seenAt <= 2 * toleranceSeconds;
	const remembered = acceptedInProcess.get(scope) ?? new Map<string, number>();
	acceptedInProcess.set(scope, remembered);
	for (const [seenId, seenAt] of remembered) {
		// Insertion order is arrival order: stop at the first one still fresh.
		if (fresh(seenAt) && remembered.size <= MAX_REMEMBERED_PER_NODE) break;
		remembered.delete(seenId);
	}
	const seen = (staticData.seenDeliveries ?? {}) as Record<string, number>;
	if (seen[id] !== undefined || remembered.has(id)) return true;
	const seenAt = Math.max(timestampSeconds, nowSeconds);
	remembered.set(id, seenAt);
	const kept = Object.entries(seen).filter(([, at]) => fresh(at));
	staticData.seenDeliveries = Object.fromEntries([...kept, [id, seenAt]]);
	return false;
}

/**
 * The webhook methods of a trigger whose endpoint the user registers in the platform's dashboard
 * (Chat Thing, Chatsby): there is no API to check, create or delete it, so each only reports
 * success. The node's notice tells the user where to paste the URL.
 */
export const dashboardRegisteredWebhook = {
	default: {
		async checkExists(): Promise<boolean> {
			return true;
		},
		async create(): Promise<boolean> {
			return true;
		},
		async delete(): Promise<boolean> {
			return true;
		},
	},
};

/**
 * Answers a delivery that did not pass its check with 401 and starts nothing; the reason (which
 * names no secret) goes to the sender and, unless turned off, to n8n's log with `details`.
 */
export function refuseDelivery(
	context: IWebhookFunctions,
	trigger: string,
	reason: string,
	log: { details?: IDataObject; off?: boolean } = {},
): IWebhookResponseData {
	if (!log.off) {
		const message = `${trigger} refused a delivery: ${reason}`;
		if (log.details) context.logger.warn(message, log.details);
		else context.logger.warn(message);
	}
	context.getResponseObject().status(401).send(`Unauthorized: ${reason}`).end();
	return { noWebhookResponse: true };
}
