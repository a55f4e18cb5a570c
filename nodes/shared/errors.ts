import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/** What a failed attempt says, read from the error n8n's request helper threw. */
export interface HttpFailure {
	/** HTTP status; undefined when no response arrived (reset, timeout, refused). */
	status?: number;
	/** The response body as the platform sent it (parsed JSON, or text). */
	body?: unknown;
	/** Node's or axios' error code when no response arrived (ECONNRESET, ECONNABORTED, ...). */
	networkCode?: string;
	/** The wait the platform asked for in Retry-After, in milliseconds. */
	retryAfterMs?: number;
	/** Worth trying again (429, 502, 503, 504, or a connection that broke). */
	retryable: boolean;
	/** The platform certainly did not carry the request out (429, 503, connection refused). */
	notProcessed: boolean;
}

/** A platform's words for a failure: a message that says what happened, a description of what to do. */
export type ErrorExplainer = (
	failure: HttpFailure,
	request: { method?: string; url?: string },
) => { message: string; description?: string };

const RETRYABLE_STATUSES = [429, 502, 503, 504];
const NOT_PROCESSED_STATUSES = [429, 503];
/** Our code for an answer whose body broke off after a success status. */
export const RESPONSE_CUT = 'ERR_RESPONSE_CUT';

const RETRYABLE_NETWORK_CODES = [
	RESPONSE_CUT,
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'ERR_BAD_RESPONSE',
];

/**
 * An error this package built about a request: explained in the platform's words, with no
 * request header (so no credential) on it. It is final — never retried — and carries the HTTP
 * failure behind it, if there was one, for the request plans that accept some (a 409).
 */
export class PlatformError extends NodeApiError {
	declare readonly httpFailure?: HttpFailure;

	constructor(
		node: INode,
		explained: { message: string; description?: string; body?: unknown },
		context: { itemIndex: number; httpCode?: string; httpFailure?: HttpFailure },
	) {
		// Built from a plain object (not the request's error): nothing of the request is kept.
		super(
			node,
			{
				message: explained.message,
				httpCode: context.httpCode ?? null,
				networkCode: context.httpFailure?.networkCode ?? null,
				body: (explained.body ?? null) as JsonObject,
			} as JsonObject,
			{
				message: explained.message,
				description: explained.description,
				httpCode: context.httpCode,
				itemIndex: context.itemIndex,
				failure: n8nFailure(context.httpFailure),
			},
		);
		// Not enumerable: it is for the request plans, never for a view, a log or the stored run.
		Object.defineProperty(this, 'httpFailure', { value: context.httpFailure, enumerable: false });
		// To n8n (its error views, Continue On Fail, the engine's own checks) it is a NodeApiError.
		this.name = 'NodeApiError';
	}
}

/** Why a request failed, in n8n's own terms (n8n 2.41 shows it; older releases ignore it). */
function n8nFailure(failure: HttpFailure | undefined): NodeApiError['failure'] {
	if (!failure) return undefined;
	if (failure.status === 429) return { cause: 'rate-limited', retryAfterMs: failure.retryAfterMs };
	if (failure.status === 401) return { cause: 'credential-invalid' };
	if (failure.retryable) return { cause: 'temporarily-unavailable' };
	return undefined;
}

/** Errors that say something final about an item (bad input, an explained failure): never retried. */
export function isFinalError(error: unknown): boolean {
	return error instanceof NodeOperationError || error instanceof PlatformError;
}

/** The HTTP failure behind an error this package built, if any. */
export function failureOf(error: unknown): HttpFailure | undefined {
	return error instanceof PlatformError ? error.httpFailure : undefined;
}

/** An error as n8n wants it thrown: node errors pass unchanged, anything else is wrapped. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}

function header(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const value = (headers as Record<string, unknown>)[name];
	return value === undefined || value === null ? undefined : String(value);
}

/** Retry-After is either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * The error that carries the HTTP answer (axios' `response`): n8n's request helper wraps the axios
 * error in a NodeApiError, and that may be wrapped once more — by asNodeError when the NodeApiError
 * comes from another copy of n8n-workflow than the package's (instanceof fails across copies), so
 * the answer is looked for along the whole chain of causes.
 */
export function errorWithResponse(error: unknown): unknown {
	const seen = new Set<unknown>();
	for (let current = error; current && typeof current === 'object'; ) {
		if (seen.has(current)) break;
		seen.add(current);
		const { response, cause } = current as { response?: unknown; cause?: unknown };
		if (response && typeof response === 'object') return current;
		current = cause;
	}
	return (error as { cause?: unknown })?.cause ?? error;
}

export function readHttpFailure(error: unknown): HttpFailure {
	const wrapped = error as { cause?: unknown; httpCode?: string | null };
	const cause = errorWithResponse(error) as {
		code?: string;
		response?: { status?: number; headers?: unknown; data?: unknown };
	};
	let status = cause?.response?.status ?? (Number(wrapped?.httpCode) || undefined);
	let networkCode = status === undefined ? cause?.code : undefined;
	if (status !== undefined && status >= 200 && status < 300) {
		// A success status with an error: the body broke off while it was arriving.
		status = undefined;
		networkCode = RESPONSE_CUT;
	}
	let body = cause?.response?.data;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	const retryable =
		status !== undefined
			? RETRYABLE_STATUSES.includes(status)
			: networkCode !== undefined && RETRYABLE_NETWORK_CODES.includes(networkCode);
	const notProcessed =
		status !== undefined ? NOT_PROCESSED_STATUSES.includes(status) : networkCode === 'ECONNREFUSED';
	return {
		status,
		body,
		networkCode,
		retryAfterMs: parseRetryAfter(header(cause?.response?.headers, 'retry-after')),
		retryable,
		notProcessed,
	};
}

/** Text shortened to about `max` characters, on one line. */
export function shortened(text: string, max = 200): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

const isHtml = (text: string) => /^\s*</.test(text);

/** The message a platform put in an error body, wherever it keeps it. */
export function messageFromBody(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '' || isHtml(text)) return undefined; // empty, or an HTML page
		return shortened(text);
	}
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of ['message', 'error', 'detail', 'error_description']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (value && typeof value === 'object') {
			const nested = messageFromBody(value);
			if (nested) return nested;
		}
	}
	return undefined;
}

/**
 * What an error body says, for a person, in about 200 characters: the message it holds, the
 * JSON itself when it holds none, or the text of a web page.
 */
export function bodyExcerpt(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') {
		if (!isHtml(body)) return shortened(body);
		const text = shortened(
			body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '),
		);
		return text === '' ? 'a web page' : `a web page: ${text}`;
	}
	const message = messageFromBody(body);
	if (message) return shortened(message);
	return shortened(JSON.stringify(body) ?? '');
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNRESET: 'The connection was closed before the service answered',
	EPIPE: 'The connection was closed before the service answered',
	ECONNABORTED: 'The service did not answer in time',
	ETIMEDOUT: 'The service did not answer in time',
	ECONNREFUSED: 'The service refused the connection',
	ENOTFOUND: 'The host of the Base URL could not be found',
	ERR_BAD_RESPONSE: 'The service sent a response that could not be read',
	[RESPONSE_CUT]: 'The connection broke while the answer was arriving',
};

export function describeNetworkFailure(failure: HttpFailure): string {
	return (
		NETWORK_MESSAGES[failure.networkCode ?? ''] ??
		`The request failed before the service answered (${failure.networkCode ?? 'unknown reason'})`
	);
}

/** How a request ended before the error was built: what the error adds to the platform's words. */
export interface FailureContext {
	itemIndex: number;
	attempts: number;
	/** The request may have created something (it is not safe to repeat). */
	creates: boolean;
	/** A retryable failure that was not retried because the request may have created something. */
	notRepeatedBecauseUnsafe: boolean;
	retryAfterTooLong: boolean;
}

const CHECK_BEFORE_RUNNING_AGAIN =
	'check on the platform before running this item again, so that nothing is created twice.';

/** Hides every secret of the credential in a text (a platform may echo a token back). */
export type Scrub = (text: string) => string;

function scrubDeep(value: unknown, scrub: Scrub): unknown {
	if (typeof value === 'string') return scrub(value);
	if (Array.isArray(value)) return value.map((entry) => scrubDeep(entry, scrub));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, scrubDeep(entry, scrub)]),
		);
	}
	return value;
}

/**
 * The error for a request that failed for good: the platform's words, then what the request
 * path knows (attempts, a wait too long, whether it may have been carried out), and what the
 * body said when the platform's words do not show it.
 */
export function failedRequestError(
	node: INode,
	failure: HttpFailure,
	explain: ErrorExplainer,
	context: FailureContext,
	request: { method?: string; url?: string },
	scrub: Scrub,
): PlatformError {
	const explained = explain(failure, request);
	const notes = [explained.description];
	const excerpt = bodyExcerpt(failure.body);
	if (
		excerpt !== undefined &&
		!explained.message.includes(excerpt) &&
		!(explained.description ?? '').includes(excerpt)
	) {
		notes.push(`The service answered: ${excerpt}`);
	}
	if (context.retryAfterTooLong && failure.retryAfterMs !== undefined) {
		notes.push(
			`The service asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s before the next request.`,
		);
	} else if (context.attempts > 1) {
		notes.push(`The request was tried ${context.attempts} times.`);
	}
	if (context.notRepeatedBecauseUnsafe) {
		notes.push(
			`It was not sent again because the service may already have carried it out: ${CHECK_BEFORE_RUNNING_AGAIN}`,
		);
	} else if (context.creates && !failure.notProcessed && isServerError(failure)) {
		// A 500 may come after the work was done, like a 502: the item must not simply be run again.
		notes.push(`The service may already have carried it out: ${CHECK_BEFORE_RUNNING_AGAIN}`);
	}
	const description = notes.filter(Boolean).join(' ');
	return new PlatformError(
		node,
		{
			message: scrub(explained.message),
			description: scrub(description),
			body: scrubDeep(
				typeof failure.body === 'string' ? failure.body.slice(0, 2000) : failure.body,
				scrub,
			),
		},
		{
			itemIndex: context.itemIndex,
			httpCode: failure.status !== undefined ? String(failure.status) : undefined,
			httpFailure: { ...failure, body: scrubDeep(failure.body, scrub) },
		},
	);
}

const isServerError = (failure: HttpFailure) =>
	failure.status !== undefined && failure.status >= 500;

/** An error about a response that arrived fine at the HTTP level but cannot be used. */
export function responseError(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
	httpCode?: number,
): PlatformError {
	return new PlatformError(
		node,
		{ message, description },
		{ itemIndex, httpCode: httpCode === undefined ? undefined : String(httpCode) },
	);
}
