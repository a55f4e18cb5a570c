import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/** What we know about a failed request, read from the error n8n's request helper threw. */
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
	/** The platform certainly did not process the request (429, 503, connection refused). */
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

/** Errors that say something final about an item (bad input, a bad body): never retried. */
const finalErrors = new WeakSet<object>();
/** The HTTP failure behind an error we built, for request plans that accept some (a 409). */
const failures = new WeakMap<object, HttpFailure>();

export function failureOf(error: unknown): HttpFailure | undefined {
	return typeof error === 'object' && error !== null ? failures.get(error) : undefined;
}

export function isFinalError(error: unknown): boolean {
	return (
		error instanceof NodeOperationError ||
		(typeof error === 'object' && error !== null && finalErrors.has(error))
	);
}

/** An error as n8n wants it thrown: node errors pass unchanged, anything else is wrapped. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}

export function markFinal<T extends object>(error: T): T {
	finalErrors.add(error);
	return error;
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

export function readHttpFailure(error: unknown): HttpFailure {
	const wrapped = error as { cause?: unknown; httpCode?: string | null };
	// n8n's request helper wraps the axios error in a NodeApiError; the axios error is its cause.
	const cause = (wrapped?.cause ?? error) as {
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

/** The message a platform put in an error body, wherever it keeps it. */
export function messageFromBody(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '' || /^\s*</.test(text)) return undefined; // empty, or an HTML page
		return text.length > 300 ? `${text.slice(0, 300)}…` : text;
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

export interface FailureContext {
	itemIndex: number;
	attempts: number;
	/** A retryable failure that was not retried because the request may have created something. */
	notRepeatedBecauseUnsafe: boolean;
	retryAfterTooLong: boolean;
}

export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	explain: ErrorExplainer,
	context: FailureContext,
	request: { method?: string; url?: string } = {},
): NodeApiError {
	const explained = explain(failure, request);
	const notes = [explained.description];
	if (context.retryAfterTooLong && failure.retryAfterMs !== undefined) {
		notes.push(
			`The service asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s before the next request.`,
		);
	} else if (context.attempts > 1) {
		notes.push(`The request was tried ${context.attempts} times.`);
	}
	if (context.notRepeatedBecauseUnsafe) {
		notes.push(
			'It was not sent again because the service may already have carried it out: check on the platform before running this item again, so that nothing is created twice.',
		);
	}
	const description = notes.filter(Boolean).join(' ');
	const httpCode = failure.status !== undefined ? String(failure.status) : undefined;
	// Built from a plain object (not the axios error) so that no request header, and so no
	// credential, is kept on the error that n8n stores and shows.
	const error = new NodeApiError(
		node,
		{
			message: explained.message,
			httpCode: httpCode ?? null,
			networkCode: failure.networkCode ?? null,
			body: (typeof failure.body === 'string'
				? failure.body.slice(0, 2000)
				: (failure.body ?? null)) as JsonObject,
		} as JsonObject,
		{ message: explained.message, description, httpCode, itemIndex: context.itemIndex },
	);
	failures.set(error, failure);
	return markFinal(error);
}

/** An error about a response that arrived fine at the HTTP level but cannot be used. */
export function responseError(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
	httpCode?: number,
): NodeApiError {
	return markFinal(
		new NodeApiError(node, { message, description } as JsonObject, {
			message,
			description,
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex,
		}),
	);
}
