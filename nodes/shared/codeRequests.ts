import type {
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IN8nHttpResponse,
} from 'n8n-workflow';

import { asNodeError } from './errors';
import { callWithLimits, requestLimitsFrom, type PlatformRequests } from './requestLimits';
import { readJsonBody, webPageError } from './responses';
import { withIdleLimit } from './streamedReply';

/** n8n's own timeout for declarative requests when 'Timeout' is not set. */
const DEFAULT_TIMEOUT_MS = 300_000;
/** The most of a failed streamed answer's body that is read to explain the failure. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The node's 'Timeout' ('Request Options' → 'Timeout', which n8n adds to every declarative node
 * and applies to its declarative requests), so that requests made in code honour it too.
 */
export function requestTimeout(context: IExecuteFunctions, itemIndex: number): number {
	const { timeout } = context.getNodeParameter('requestOptions', itemIndex, {}) as {
		timeout?: number;
	};
	return typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
}

export interface CodeRequest {
	itemIndex: number;
	platform: PlatformRequests;
	credentialName: string;
	request: Pick<IHttpRequestOptions, 'method' | 'url' | 'body'> & { url: string };
}

/**
 * One JSON request of an operation that runs as code, as the declarative operations make theirs:
 * under the request limits (retries, requests in flight), with the node's Timeout, and with the
 * answer checked: an HTML page, a body that is not valid JSON or `"success": false` is an error.
 */
export async function requestJson<T>(context: IExecuteFunctions, call: CodeRequest): Promise<T> {
	const response = await send(context, call, false);
	return readJsonBody(context.getNode(), call.itemIndex, response) as T;
}

/**
 * A streamed answer (the body as it arrives), under the request limits and with the node's
 * Timeout until the answer starts. A failed answer's body is read, so that the error shows the
 * platform's message; a web page is refused as in `requestJson`.
 */
export async function requestStream(
	context: IExecuteFunctions,
	call: CodeRequest,
): Promise<AsyncIterable<Uint8Array>> {
	const response = await send(context, call, true);
	const body = response.body as AsyncIterable<Uint8Array>;
	const contentType = String(response.headers?.['content-type'] ?? '').toLowerCase();
	if (contentType.includes('html')) {
		const page = await readText(body, requestTimeout(context, call.itemIndex));
		throw webPageError(context.getNode(), call.itemIndex, response.statusCode, page);
	}
	return body;
}

async function send(
	context: IExecuteFunctions,
	call: CodeRequest,
	stream: boolean,
): Promise<IN8nHttpFullResponse> {
	const { itemIndex, platform, credentialName, request } = call;
	const options: IHttpRequestOptions = {
		...request,
		json: true,
		returnFullResponse: true,
		timeout: requestTimeout(context, itemIndex),
		...(stream ? { encoding: 'stream' as const } : {}),
	};
	return await callWithLimits<IN8nHttpFullResponse>({
		node: context.getNode(),
		itemIndex,
		run: context.getExecuteData(),
		limits: requestLimitsFrom(context.getNodeParameter('requestLimits', itemIndex, {})),
		platform,
		request,
		attempt: async () => {
			try {
				return (await context.helpers.httpRequestWithAuthentication.call(context, credentialName, {
					...options,
				})) as IN8nHttpFullResponse;
			} catch (error) {
				if (stream) await readStreamedErrorBody(error, options.timeout!);
				throw asNodeError(context.getNode(), error);
			}
		},
	});
}

/**
 * A streamed request that failed carries its error body as a stream: it is read (JSON parsed
 * where it parses) in place, so that the platform's message explains the failure.
 */
async function readStreamedErrorBody(error: unknown, idleMs: number): Promise<void> {
	const wrapped = error as { cause?: unknown };
	const response = ((wrapped?.cause ?? error) as { response?: { data?: IN8nHttpResponse } })
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
