import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, responseError } from './errors';
import { SseReader, type SseEvent, type SseOptions } from './sse';

/** What one server-sent event means for the reply. */
export type ReplyEvent = { text: string } | { done: true } | { skip: true } | { error: string };

/**
 * Reads `body` as it arrives, and throws `onIdle()` (after destroying the body) when nothing
 * arrives for `idleMs`. A request's Timeout covers the wait for its answer to start; a stream that
 * stalls midway gets the same time for each of its pieces, and is then told apart from one whose
 * connection broke.
 */
export async function* withIdleLimit<T>(
	body: AsyncIterable<T>,
	idleMs: number,
	onIdle: () => Error,
): AsyncGenerator<T> {
	const iterator = body[Symbol.asyncIterator]();
	for (;;) {
		const waitingSince = Date.now();
		const timer = idleAfter(idleMs);
		// The request's own socket timeout (the same Timeout) may close the connection a moment
		// before this limit fires: a body that breaks after that long a silence stalled too.
		const next = await Promise.race([
			iterator
				.next()
				.catch(async (error: unknown) =>
					Date.now() - waitingSince >= idleMs * 0.9
						? ('idle' as const)
						: await Promise.reject(error),
				),
			timer.idle,
		]).finally(timer.cancel);
		if (next === 'idle') {
			(body as { destroy?: () => void }).destroy?.();
			throw onIdle();
		}
		if (next.done) return;
		yield next.value;
	}
}

/** A promise that settles after `ms` (on an unreferenced timer, which keeps nothing alive). */
function idleAfter(ms: number): { idle: Promise<'idle'>; cancel: () => void } {
	const signal = AbortSignal.timeout(ms);
	let cancel = () => {};
	const idle = new Promise<'idle'>((resolve) => {
		const onAbort = () => resolve('idle');
		signal.addEventListener('abort', onAbort, { once: true });
		cancel = () => signal.removeEventListener('abort', onAbort);
	});
	return { idle, cancel };
}

/**
 * Reads a streamed chat reply to its end and returns the whole text. Each piece goes on to the
 * workflow's own stream (`sendChunk`) when the workflow streams. A stream that ends, breaks or
 * stalls (nothing for `idleTimeoutMs`) before the platform's end event, or carries an error event
 * or a line it cannot read, is an error that keeps the text received so far (as
 * `partialResponse` on the error).
 */
export async function readStreamedReply(
	context: IExecuteFunctions,
	body: AsyncIterable<Uint8Array>,
	options: {
		itemIndex: number;
		sse: SseOptions;
		interpret: (event: SseEvent) => ReplyEvent[];
		endMarker: string;
		/** The node's Timeout: the longest wait for the next piece of the stream. */
		idleTimeoutMs: number;
	},
): Promise<string> {
	const { itemIndex } = options;
	const streaming = context.isStreaming?.() === true;
	const reader = new SseReader(options.sse);
	let text = '';
	let done = false;
	const fail = (message: string, description: string) => {
		const shown = `${text.slice(0, 500)}${text.length > 500 ? '…' : ''}`;
		const error = responseError(
			context.getNode(),
			itemIndex,
			message,
			`${description} Text received so far: "${shown}"`,
		);
		return Object.assign(error, { partialResponse: text });
	};
	const take = async (event: SseEvent) => {
		for (const meaning of done ? [] : options.interpret(event)) {
			if ('done' in meaning) {
				done = true;
			} else if ('error' in meaning) {
				throw fail('The platform reported an error in the reply stream', `${meaning.error}.`);
			} else if ('text' in meaning && meaning.text !== '') {
				text += meaning.text;
				if (streaming) await context.sendChunk('item', itemIndex, meaning.text);
			}
		}
	};

	const stalled = () =>
		fail(
			'The reply stream stopped arriving before it was complete',
			`Nothing arrived for ${options.idleTimeoutMs / 1000} s (the node's 'Timeout' under 'Request Options'); the message was not sent again.`,
		);
	if (streaming) await context.sendChunk('begin', itemIndex);
	try {
		for await (const chunk of withIdleLimit(body, options.idleTimeoutMs, stalled)) {
			for (const event of reader.push(chunk)) await take(event);
			// The end event arrived: what follows, even a connection that breaks, changes nothing.
			if (done) break;
		}
		for (const event of reader.end()) await take(event);
	} catch (error) {
		if ((error as { partialResponse?: string }).partialResponse !== undefined) {
			throw asNodeError(context.getNode(), error);
		}
		throw fail(
			'The reply stream broke off before it was complete',
			'The connection closed while the reply was arriving; the message was not sent again.',
		);
	}
	if (!done) {
		throw fail(
			'The reply stream ended before it was complete',
			`The stream stopped without its closing ${options.endMarker}; the message was not sent again.`,
		);
	}
	if (streaming) await context.sendChunk('end', itemIndex);
	return text;
}

/**
 * Runs a programmatic operation item by item, all at once (the request limits bound the
 * requests): every item is read and checked first, so an invalid item stops the node before
 * anything is sent; under Continue On Fail a failing item becomes an error item (with
 * `partialResponse` when a stream broke off) and the others go on.
 */
export async function runPerItem<Input>(
	context: IExecuteFunctions,
	read: (itemIndex: number) => Input,
	work: (input: Input, itemIndex: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const inputs = items.map((_item, itemIndex): Input | Error => {
		try {
			return read(itemIndex);
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(context.getNode(), error);
			return error as Error;
		}
	});
	const results = await Promise.all(
		inputs.map(async (input, itemIndex): Promise<INodeExecutionData> => {
			const pairedItem = { item: itemIndex };
			if (input instanceof Error) return { json: { error: input.message }, pairedItem };
			try {
				return { json: await work(input, itemIndex), pairedItem };
			} catch (error) {
				if (!context.continueOnFail()) throw asNodeError(context.getNode(), error);
				const partial = (error as { partialResponse?: string }).partialResponse;
				return {
					json: {
						error: (error as Error).message,
						...(partial !== undefined ? { partialResponse: partial } : {}),
					},
					pairedItem,
				};
			}
		}),
	);
	return [results];
}
