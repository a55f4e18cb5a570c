import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IN8nHttpResponse,
} from 'n8n-workflow';

import {
	asNodeError,
	errorWithResponse,
	failedRequestError,
	isFinalError,
	PlatformError,
	readHttpFailure,
	type Scrub,
} from '../errors';
import { itemScope, type ItemScope, type NodeContext } from '../parameters';
import type { Platform } from '../platform';
import { readJsonBody, webPageError } from '../responses';
import { withIdleLimit } from '../streamedReply';
import { accountGate, accountKey } from './accounts';
import { requestClock } from './clock';
import { RequestGate, TurnNotInTime } from './gate';
import { decideRetry, DEFAULT_MAX_RETRIES } from './retryPolicy';
import { nodeRun, type NodeRun } from './run';

/*
 * The one way this package makes an HTTP request. Every request of every node — declarative
 * operations (through the adapter in declarative.ts), operations that run as code, list
 * searches, polls, webhook set-up — goes through `sendRequest`, which holds, once:
 * - the request limits: the node run's gate (requests in flight, the pause after a 429, the
 *   learned pace) and the halt when another item's input was refused;
 * - the retries (retryPolicy.ts): what may be repeated, how often, after how long;
 * - the platform's error wording, with the credential's secrets hidden from every message.
 * This is the only file that calls n8n's request helpers.
 */

export const DEFAULT_MAX_IN_FLIGHT = 5;
/** How long a request waits for its turn at most, by default: a burst of a minute's requests. */
export const DEFAULT_MAX_WAIT_SECONDS = 90;
/** n8n's own timeout for declarative requests when 'Timeout' is not set. */
const DEFAULT_TIMEOUT_MS = 300_000;
/** The most of a failed streamed answer's body that is read to explain the failure. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface RequestLimits {
	maxInFlight: number;
	maxRetries: number;
	maxWaitMs: number;
}

/** The 'Request Limits' collection's value, with defaults. */
export function requestLimitsFrom(value: unknown): RequestLimits {
	const limits = (value ?? {}) as {
		maxInFlight?: number;
		maxRetries?: number;
		maxWaitSeconds?: number;
	};
	return {
		maxInFlight: Math.max(1, Math.floor(limits.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT)),
		maxRetries: Math.max(0, Math.floor(limits.maxRetries ?? DEFAULT_MAX_RETRIES)),
		maxWaitMs: Math.max(0, (limits.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS) * 1000),
	};
}

/**
 * The node's 'Timeout' ('Request Options' → 'Timeout', which n8n adds to every declarative node
 * and applies to its declarative requests), so that requests made in code honour it too.
 */
export function requestTimeout(scope: ItemScope): number {
	const { timeout } = (scope.value('requestOptions', {}) ?? {}) as { timeout?: number };
	return typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
}

/** A request in the platform's terms. */
export interface PlatformRequest {
	method: IHttpRequestMethods;
	/** A path below the platform's base URL (`/agents`), or a full URL when `authenticate` is off. */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | Buffer;
	headers?: IDataObject;
	/** The body as it arrives (a streamed reply), instead of parsed JSON. */
	stream?: boolean;
	/** Off for a presigned storage URL: it carries its own authorization, no credential is sent. */
	authenticate?: boolean;
}

export interface SendOptions<T> {
	/** The item the request is for (operations that run as code); a step's own item otherwise. */
	itemIndex?: number;
	/**
	 * One attempt, made another way than by this file: the declarative adapter passes the
	 * engine's `makeRoutingRequest`, which authenticates, sends and reads the answer itself.
	 */
	attempt?: () => Promise<T>;
}

/**
 * Sends a request under the node run's limits and retries it as the policy allows. A request that
 * fails for good becomes one error in the platform's words, naming the item, with no secret in it.
 */
export async function sendRequest<T = IN8nHttpFullResponse>(
	context: NodeContext,
	platform: Platform,
	request: PlatformRequest,
	options: SendOptions<T> = {},
): Promise<T> {
	const scope = itemScope(context, options.itemIndex);
	const run = nodeRun(scope.run);
	const limits = requestLimitsFrom(scope.run ? scope.value('requestLimits', {}) : {});
	const gate = await (run.gate ??= accountGateOf(context, platform, run));
	const attempt =
		options.attempt ??
		(async () => (await attemptOnce(context, platform, request, scope, run)) as T);
	const retrySafe = platform.isRetrySafe(request);
	let refusals = 0;
	let answeredAtRefusal: number | undefined;
	for (let attemptNumber = 0; ; attemptNumber++) {
		const ticket = await gate
			.acquire(limits.maxInFlight, { stopped: () => run.haltedBy, maxWaitMs: limits.maxWaitMs })
			.catch(async (error: unknown) => {
				if (!(error instanceof TurnNotInTime)) throw error;
				throw turnNotInTimeError(scope, platform, error, limits.maxWaitMs);
			});
		let waitMs: number;
		try {
			const result = await attempt();
			gate.succeeded(limits.maxInFlight);
			return result;
		} catch (error) {
			if (isFinalError(error)) throw asNodeError(scope.node, error);
			const failure = readHttpFailure(error);
			if (failure.status === 429) {
				// A 429 again, after the platform answered others of the account, is its rate limit
				// refusing this one once more, not credits run out (which would refuse everyone):
				// it does not count against the platform's few waits for a 429.
				if (answeredAtRefusal === undefined || gate.answeredCount === answeredAtRefusal) refusals++;
				answeredAtRefusal = gate.answeredCount;
			}
			const decision = decideRetry(failure, {
				refusals,
				attempt: attemptNumber,
				maxRetries: limits.maxRetries,
				retrySafe,
				tooManyRequestsRetries:
					platform.tooManyRequestsRetries?.(request, failure) ?? limits.maxRetries,
			});
			// The platform's limit is per account, not per item: every request to it waits, and the
			// pace is learned — from a 429 that is not retried as well (a Chat Thing message).
			if (failure.status === 429) gate.tooManyRequests(ticket, failure.retryAfterMs);
			if (!decision.retry) {
				throw failedRequestError(
					scope.node,
					failure,
					platform.explainError,
					{
						itemIndex: scope.itemIndex,
						attempts: attemptNumber + 1,
						creates: !retrySafe,
						notRepeatedBecauseUnsafe: decision.notRepeatedBecauseUnsafe,
						retryAfterTooLong: decision.retryAfterTooLong,
					},
					request,
					await secretScrubber(context, platform, run),
				);
			}
			waitMs = decision.waitMs;
		} finally {
			gate.release(ticket);
		}
		await requestClock.sleep(waitMs);
	}
}

/**
 * The gate of the platform account the request goes to: shared with every execution in this
 * process that uses the same credential (by its ID) against the same base URL (accounts.ts). A
 * node without a saved credential (only in tests) has a gate of its own run.
 */
async function accountGateOf(
	context: NodeContext,
	platform: Platform,
	run: NodeRun,
): Promise<RequestGate> {
	const credentialId = context.getNode().credentials?.[platform.credentialName]?.id;
	if (!credentialId) return new RequestGate();
	const baseUrl = platform.baseUrl(await credentialsOf(context, platform, run));
	return accountGate(accountKey(platform.name, credentialId, baseUrl));
}

/** The error of a request whose turn did not come within Max Wait. */
function turnNotInTimeError(
	scope: ItemScope,
	platform: Platform,
	late: TurnNotInTime,
	maxWaitMs: number,
): PlatformError {
	const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
	const more =
		late.moreMs !== undefined && late.perSecond !== undefined
			? ` At the ${Math.round(late.perSecond * 10) / 10} requests per second ${platform.name} takes, it would have had to wait about ${seconds(late.moreMs)} more.`
			: '';
	return new PlatformError(
		scope.node,
		{
			message: `${platform.name}'s request limit was reached: the request waited ${seconds(late.waitedMs)} for its turn and was not sent`,
			description: `${late.ahead} requests to ${platform.name} with this credential were waiting before it ('Max Wait' is ${seconds(maxWaitMs)}).${more} Raise 'Max Wait' under 'Request Limits', or send fewer requests at once.`,
		},
		{ itemIndex: scope.itemIndex },
	);
}

/** The credential of the run, read once. */
async function credentialsOf(
	context: NodeContext,
	platform: Platform,
	run: NodeRun,
): Promise<ICredentialDataDecryptedObject> {
	run.credentials ??= context.getCredentials(platform.credentialName);
	return await run.credentials;
}

/**
 * The run's credential as n8n's authenticating helper takes it. Given it, the helper signs the
 * request without reading the credential again: n8n would otherwise read it from its database
 * and decrypt it for every request, and in a busy n8n that read takes up to a second of a
 * request's turn — time in which a slot is held and nothing reaches the platform.
 */
function runCredential(
	context: NodeContext,
	platform: Platform,
	data: ICredentialDataDecryptedObject,
): ICredentialsDecrypted {
	const saved = context.getNode().credentials?.[platform.credentialName];
	// A copy: n8n adds what a credential's pre-authentication returns to the object it is given.
	return {
		id: saved?.id ?? '',
		name: saved?.name ?? '',
		type: platform.credentialName,
		data: { ...data },
	};
}

/** Hides the credential's secrets (of four characters or more) in a text. */
async function secretScrubber(
	context: NodeContext,
	platform: Platform,
	run: NodeRun,
): Promise<Scrub> {
	let credentials: ICredentialDataDecryptedObject;
	try {
		credentials = await credentialsOf(context, platform, run);
	} catch {
		// Without the credential there is no secret of it to find in the text.
		return (text) => text;
	}
	const secrets = platform.secretFields
		.map((field) => String(credentials[field] ?? '').trim())
		.filter((secret) => secret.length >= 4);
	return (text) =>
		secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join('[hidden]'), text);
}

async function attemptOnce(
	context: NodeContext,
	platform: Platform,
	request: PlatformRequest,
	scope: ItemScope,
	run: NodeRun,
): Promise<IN8nHttpFullResponse> {
	const authenticate = request.authenticate !== false;
	const credentials = authenticate ? await credentialsOf(context, platform, run) : undefined;
	const url = credentials ? `${platform.baseUrl(credentials)}${request.url}` : request.url;
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		body: request.body,
		headers: request.headers,
		json: !Buffer.isBuffer(request.body),
		returnFullResponse: true,
		timeout: requestTimeout(scope),
		...(request.stream ? { encoding: 'stream' as const } : {}),
	};
	try {
		return (await (credentials
			? context.helpers.httpRequestWithAuthentication.call(
					context,
					platform.credentialName,
					options,
					{ credentialsDecrypted: runCredential(context, platform, credentials) },
				)
			: context.helpers.httpRequest(options))) as IN8nHttpFullResponse;
	} catch (error) {
		if (request.stream) await readStreamedErrorBody(error, options.timeout!);
		throw asNodeError(scope.node, error);
	}
}

/**
 * A JSON request: the parsed body of the answer. An HTML page, a body that is not valid JSON or
 * `"success": false` is an error, as for the declarative operations.
 */
export async function requestJson<T>(
	context: NodeContext,
	platform: Platform,
	request: PlatformRequest,
	itemIndex?: number,
): Promise<T> {
	const response = await sendRequest(context, platform, request, { itemIndex });
	const scope = itemScope(context, itemIndex);
	return readJsonBody(scope.node, scope.itemIndex, response) as T;
}

/**
 * A streamed answer (the body as it arrives), with the node's Timeout until the answer starts.
 * A failed answer's body is read, so that the error shows the platform's message; a web page is
 * refused as in `requestJson`.
 */
export async function requestStream(
	context: NodeContext,
	platform: Platform,
	request: Omit<PlatformRequest, 'stream'>,
	itemIndex?: number,
): Promise<AsyncIterable<Uint8Array>> {
	const response = await sendRequest(
		context,
		platform,
		{ ...request, stream: true },
		{ itemIndex },
	);
	const scope = itemScope(context, itemIndex);
	const body = response.body as AsyncIterable<Uint8Array>;
	const contentType = String(response.headers?.['content-type'] ?? '').toLowerCase();
	if (contentType.includes('html')) {
		const page = await readText(body, requestTimeout(scope));
		throw webPageError(scope.node, scope.itemIndex, response.statusCode, page);
	}
	return body;
}

/**
 * A streamed request that failed carries its error body as a stream: it is read (JSON parsed
 * where it parses) in place, so that the platform's message explains the failure.
 */
async function readStreamedErrorBody(error: unknown, idleMs: number): Promise<void> {
	const response = (errorWithResponse(error) as { response?: { data?: IN8nHttpResponse } })
		?.response;
	const data = response?.data as unknown;
	if (!response || !isAsyncIterable(data)) return;
	const text = await readText(data, idleMs);
	try {
		response.data = JSON.parse(text) as IN8nHttpResponse;
	} catch {
		response.data = text;
	}
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function'
	);
}

/**
 * The start of a body that is read to explain an answer (an error body, a web page): at most
 * 64 KB, and no more than arrived before the body broke off or stalled for `idleMs`.
 */
async function readText(body: AsyncIterable<Uint8Array>, idleMs: number): Promise<string> {
	const chunks: Buffer[] = [];
	let length = 0;
	const stalled = () => new Error('The body stopped arriving');
	try {
		for await (const chunk of withIdleLimit(body, idleMs, stalled)) {
			chunks.push(Buffer.from(chunk));
			length += chunk.length;
			if (length >= MAX_ERROR_BODY_BYTES) break;
		}
	} catch {
		// The body broke off or stalled: what arrived is what there is to show.
	}
	return Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY_BYTES);
}
