/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/*
 * Randomized tests of every response parser: the SSE reader, the streamed-reply readers of Chat
 * Thing and Chatsby, the plain-text and JSON body reader, and the cursor pagination with each
 * platform's page reader. Inputs come from a seeded generator written here, so a failure can be
 * replayed: its message names the seed (FUZZ_SEED, default below) and the case. Units are tested
 * directly with thousands of inputs; a smaller number goes through the nodes over real HTTP,
 * where the body arrives in chunks.
 */
import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { interpretChunk } from '../../nodes/ChatThing/resources/message/send';
import { cursorPages } from '../../nodes/ChatThing/descriptions';
import { interpretEvent } from '../../nodes/Chatsby/resources/conversation/send';
import { chatsbyPages } from '../../nodes/Chatsby/descriptions';
import { walkCursorPages, type CursorPages } from '../../nodes/shared/pagination';
import { bodyToItems } from '../../nodes/shared/responses';
import { SseReader, type SseEvent, type SseOptions } from '../../nodes/shared/sse';
import { readStreamedReply, type ReplyEvent } from '../../nodes/shared/streamedReply';
import { EmulatorServer } from '../emulators/kit';
import { runNode } from '../harness/runNode';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2026);
// Each test runs many cases, each bounded by its own timeout (forAll): the test itself gets time.
// The per-case timeouts catch a hang, not slowness: generous, so a busy 2-core machine passes.
jest.setTimeout(300_000);

// ---------------------------------------------------------------------------------------------
// A seeded generator
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast and good enough to spread test inputs. */
class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer from min to max, both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(options: readonly T[]): T {
		return options[this.int(0, options.length - 1)];
	}

	/** Text of up to `max` pieces from the alphabet (pieces may be several characters). */
	text(alphabet: readonly string[], max: number, min = 0): string {
		let text = '';
		const length = this.int(min, max);
		for (let index = 0; index < length; index++) text += this.pick(alphabet);
		return text;
	}

	/**
	 * Cuts bytes at random places: sometimes everywhere, sometimes nowhere, empty chunks too.
	 * Coarse cuts (down to a byte, but mostly larger) are for readers above the SSE reader.
	 */
	split(bytes: Uint8Array, coarse = false): Uint8Array[] {
		const mode = this.int(0, 9);
		if (mode === 0) return [bytes];
		if (mode === 1 && !coarse) return [...bytes].map((byte) => Uint8Array.of(byte));
		const largest = mode < 5 ? (coarse ? 12 : 4) : coarse ? 200 : 64;
		const chunks: Uint8Array[] = [];
		let start = 0;
		while (start < bytes.length) {
			const size = this.chance(0.05) ? 0 : this.int(1, largest);
			chunks.push(bytes.subarray(start, start + size));
			start += size;
		}
		return chunks;
	}
}

const hash = (text: string) =>
	[...text].reduce(
		(value, char) => Math.imul(value ^ char.charCodeAt(0), 16777619) >>> 0,
		2166136261,
	);

/** Runs `count` cases; a failing case throws with the seed and case number that reproduce it. */
async function forAll<T>(
	name: string,
	count: number,
	generate: (random: Random) => T,
	check: (input: T) => void | Promise<void>,
	timeoutMs = 10_000,
): Promise<void> {
	const base = (SEED ^ hash(name)) >>> 0;
	for (let index = 0; index < count; index++) {
		const input = generate(new Random(base + index * 0x9e3779b9));
		let timer: NodeJS.Timeout | undefined;
		try {
			await Promise.race([
				Promise.resolve().then(() => check(input)),
				new Promise((_resolve, reject) => {
					timer = setTimeout(
						() => reject(new Error(`no answer within ${timeoutMs} ms`)),
						timeoutMs,
					);
				}),
			]);
		} catch (error) {
			const shown = JSON.stringify(input, (_key, value: unknown) =>
				value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
			);
			// A test failure that names the case, not an error of a node.
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw new Error(
				`${name}: case ${index} failed (FUZZ_SEED=${SEED}). ${(error as Error).message}\n` +
					`Input: ${shown.length > 1500 ? `${shown.slice(0, 1500)}…` : shown}`,
			);
		} finally {
			clearTimeout(timer);
		}
	}
}

// Alphabets with the characters parsers trip on: line breaks, colons, quotes, backslashes,
// multi-byte UTF-8 (2, 3 and 4 bytes), a joiner sequence, NUL, and the framing words themselves.
const WORDS = ['a', 'Z', '7', ' ', '  ', ':', ': ', '"', "'", '\\', '{', '}', '[', ']', ','];
const UNICODE = ['ü', 'ß', 'é', '東', '京', '🙂', '👩‍💻', '€', '\u2028', '\u0000', '\t'];
const FRAMING = ['data:', 'data: ', 'event:', 'id:', 'retry:', '[DONE]', '}data: {', ': x'];
const LINE_TEXT = [...WORDS, ...UNICODE, ...FRAMING];
const REPLY_TEXT = [...LINE_TEXT, '\n', '\r\n', '\r', 'Hello', ' world'];

const NODE: INode = {
	id: 'fuzz',
	name: 'Fuzzed node',
	type: 'n8n-nodes-chatbot-platforms.fuzz',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The error a node explains: a NodeApiError or NodeOperationError with a message, never a raw one. */
function expectExplained(error: unknown, messages: string[]): asserts error is NodeApiError {
	const name = (error as Error)?.name;
	if (name !== 'NodeApiError' && name !== 'NodeOperationError') {
		throw new Error(`threw an unexplained ${name}: ${(error as Error)?.message}`);
	}
	if (!messages.includes((error as Error).message)) {
		throw new Error(`threw "${(error as Error).message}", not one of ${JSON.stringify(messages)}`);
	}
}

const isRecord = (value: unknown) =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------
// SSE streams, as lines, and what the reader must make of them
// ---------------------------------------------------------------------------------------------

type SseLine =
	| { field: string; value: string; space: boolean }
	| { bare: string }
	| { comment: string }
	| { blank: true };

function sseLine(random: Random): SseLine {
	const kind = random.int(0, 19);
	if (kind < 8) return field(random, 'data', random.text(LINE_TEXT, 12));
	if (kind < 10) return field(random, 'event', random.text(LINE_TEXT, 6));
	if (kind < 12) return field(random, 'id', random.text(LINE_TEXT, 6));
	if (kind < 13) return field(random, 'retry', String(random.int(0, 5000)));
	if (kind < 14) return field(random, random.pick(['Data', 'data ', 'foo', 'évent']), 'x');
	if (kind < 15) return { bare: random.pick(['data', 'event', 'id', 'foo']) };
	if (kind < 17) return { comment: random.text(LINE_TEXT, 8) };
	return { blank: true };
}

function field(random: Random, name: string, value: string): SseLine {
	// A value that starts with a space needs the separating space: the reader drops one.
	return { field: name, value, space: value.startsWith(' ') || random.chance(0.7) };
}

function sseText(random: Random, lines: SseLine[], bom: boolean): string {
	let text = bom ? '\uFEFF' : '';
	let previousEnding = '';
	lines.forEach((line, index) => {
		let body: string;
		if ('field' in line) body = `${line.field}:${line.space ? ' ' : ''}${line.value}`;
		else if ('bare' in line) body = line.bare;
		else if ('comment' in line) body = `:${line.comment}`;
		else body = '';
		// The last line may end without a line break.
		if (index === lines.length - 1 && random.chance(0.3)) {
			text += body;
			return;
		}
		let ending = random.pick(['\n', '\r\n', '\r']);
		// A CR, then an empty line ending in LF, would read as one CRLF: not what was written.
		if (previousEnding === '\r' && body === '' && ending === '\n') ending = '\r\n';
		text += body + ending;
		previousEnding = ending;
	});
	return text;
}

/** The events the reader must give for these lines (the SSE rules, as the reader applies them). */
function expectedEvents(lines: SseLine[], options: SseOptions): SseEvent[] {
	const events: SseEvent[] = [];
	let pending: { event?: string; id?: string; data: string[] } = { data: [] };
	const dispatch = () => {
		if (pending.data.length > 0) {
			events.push({
				data: pending.data.join('\n'),
				...(pending.event !== undefined ? { event: pending.event } : {}),
				...(pending.id !== undefined ? { id: pending.id } : {}),
			});
		}
		pending = { data: [] };
	};
	for (const line of lines) {
		if ('blank' in line) dispatch();
		else if ('comment' in line) continue;
		else {
			const [name, value] = 'bare' in line ? [line.bare, ''] : [line.field, line.value];
			if (name === 'data') {
				pending.data.push(value);
				if (options.dataLinePerEvent) dispatch();
			} else if (name === 'event') pending.event = value;
			else if (name === 'id') pending.id = value;
		}
	}
	dispatch();
	return events;
}

function readSse(chunks: Array<Uint8Array | string>, options: SseOptions = {}): SseEvent[] {
	const reader = new SseReader(options);
	return [...chunks.flatMap((chunk) => reader.push(chunk)), ...reader.end()];
}

/** Random bytes, leaning on the ones that matter to the reader, invalid UTF-8 included. */
function garbageBytes(random: Random): Uint8Array {
	const interesting = [
		0x0a, 0x0d, 0x3a, 0x20, 0x64, 0x61, 0x74, 0xc3, 0xa9, 0xe6, 0x9d, 0xf0, 0x9f, 0xff, 0x80, 0xef,
		0xbb, 0xbf,
	];
	const length = random.int(0, 300);
	const bytes = new Uint8Array(length);
	for (let index = 0; index < length; index++) {
		bytes[index] = random.chance(0.6) ? random.pick(interesting) : random.int(0, 255);
	}
	return bytes;
}

describe('SSE reader (randomized)', () => {
	for (const options of [{}, { dataLinePerEvent: true }] as SseOptions[]) {
		const mode = options.dataLinePerEvent
			? 'one event per data line'
			: 'events end at a blank line';

		it(`reassembles random valid streams cut anywhere into exactly the written events (${mode})`, async () => {
			await forAll(
				`sse valid ${mode}`,
				3000,
				(random) => {
					const lines = Array.from({ length: random.int(0, 30) }, () => sseLine(random));
					const text = sseText(random, lines, random.chance(0.1));
					return { lines, chunks: random.split(Buffer.from(text, 'utf8')) };
				},
				({ lines, chunks }) => {
					expect(readSse(chunks, options)).toEqual(expectedEvents(lines, options));
				},
			);
		});
	}

	it('reads random bytes the same however they are cut, and gives only text', async () => {
		await forAll(
			'sse garbage',
			2000,
			(random) => {
				const bytes = garbageBytes(random);
				return {
					bytes,
					chunks: random.split(bytes),
					options: { dataLinePerEvent: random.chance(0.5) },
				};
			},
			({ bytes, chunks, options }) => {
				const whole = readSse([bytes], options);
				expect(readSse(chunks, options)).toEqual(whole);
				for (const event of whole) {
					expect(typeof event.data).toBe('string');
					if (event.event !== undefined) expect(typeof event.event).toBe('string');
				}
			},
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Streamed replies: the platforms' streams, valid and broken
// ---------------------------------------------------------------------------------------------

/** A context for readStreamedReply that records what it passes on to the workflow's stream. */
function streamContext(streaming: boolean) {
	const sent: Array<{ type: string; content?: unknown }> = [];
	const context = {
		isStreaming: () => streaming,
		sendChunk: async (type: string, _itemIndex: number, content?: unknown) => {
			sent.push({ type, content });
		},
		getNode: () => NODE,
	} as unknown as IExecuteFunctions;
	return { context, sent };
}

/** The body as n8n hands it over: an async iterable of byte chunks, that may break at `breakAt`. */
async function* bodyOf(chunks: Uint8Array[], breakAt?: number): AsyncGenerator<Uint8Array> {
	for (let index = 0; index < chunks.length; index++) {
		if (index === breakAt) throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
		await Promise.resolve();
		yield chunks[index];
	}
}

interface Platform {
	name: string;
	sse: SseOptions;
	interpret: (event: SseEvent) => ReplyEvent[];
	endMarker: string;
}

const CHATSBY: Platform = {
	name: 'Chatsby',
	sse: {},
	interpret: interpretEvent,
	endMarker: '"done" event',
};
const CHAT_THING: Platform = {
	name: 'Chat Thing',
	sse: { dataLinePerEvent: true },
	interpret: interpretChunk,
	endMarker: '[DONE] line',
};

async function readReply(
	platform: Platform,
	chunks: Uint8Array[],
	streaming = false,
	breakAt?: number,
) {
	const { context, sent } = streamContext(streaming);
	// Passed as a variable: readers that take more options (a stall limit) get a generous one.
	const options = {
		itemIndex: 0,
		sse: platform.sse,
		interpret: platform.interpret,
		endMarker: platform.endMarker,
		idleTimeoutMs: 60_000,
	};
	const text = await readStreamedReply(context, bodyOf(chunks, breakAt), options);
	return { text, sent };
}

const STREAM_ERRORS = {
	reported: 'The platform reported an error in the reply stream',
	ended: 'The reply stream ended before it was complete',
	broke: 'The reply stream broke off before it was complete',
};

/** A random line ending, and blank lines or comments between events, as servers send them. */
function noise(random: Random): string {
	const ending = random.pick(['\n', '\r\n', '\r']);
	const extra = random.pick([
		'',
		'',
		ending,
		`: keep-alive${ending}`,
		`retry: ${random.int(0, 3000)}${ending}`,
		`id: ${random.int(0, 99)}${ending}`,
	]);
	return extra;
}

/** Random reply pieces with the characters that break JSON framing and line splitting. */
function replyPieces(random: Random): string[] {
	return Array.from({ length: random.int(0, 10) }, () => random.text(REPLY_TEXT, 6));
}

/** A stretch of a stream, up to where the reader completes an event: what that event adds. */
interface Segment {
	text: string;
	pieces: string[];
	done: boolean;
}

const textOf = (segments: Segment[]) => segments.map((segment) => segment.text).join('');

/** Chatsby: `token` events, the type in the `event:` line or in the data, JSON across data lines. */
function chatsbyStream(random: Random, pieces: string[], withDone = true): Segment[] {
	const eol = () => random.pick(['\n', '\r\n', '\r']);
	const event = (type: string, payload: IDataObject): string => {
		const inData = random.chance(0.4);
		let json = JSON.stringify(
			inData ? { type, ...payload } : payload,
			null,
			random.chance(0.2) ? 1 : 0,
		);
		if (random.chance(0.1)) json = ` ${json}`;
		const lines = json
			.split('\n')
			.map(
				(line) => `data:${random.chance(0.8) || line.startsWith(' ') ? ' ' : ''}${line}${eol()}`,
			);
		const block = noise(random) + (inData ? '' : `event: ${type}${eol()}`) + lines.join('');
		// The blank line that ends the event; after a CR, an LF alone would only complete a CRLF.
		const end = eol();
		return block + (block.endsWith('\r') && end === '\n' ? '\r\n' : end);
	};
	const segments = pieces.map((piece) => ({
		text: event('token', { content: piece }),
		pieces: [piece],
		done: false,
	}));
	if (withDone) segments.push({ text: event('done', {}), pieces: [], done: true });
	// After the end, anything (another token, a comment) adds nothing.
	if (withDone && random.chance(0.5)) {
		const after = random.chance(0.5) ? event('token', { content: 'after the end' }) : ': bye\n';
		segments.push({ text: after, pieces: [], done: false });
	}
	return segments;
}

const chunkJson = (content: unknown, extra: IDataObject = {}) =>
	JSON.stringify({
		id: 'chatcmpl-7MZUCOltFCEIMM1zJWdb2LI5teuCl',
		object: 'chat.completion.chunk',
		choices: [{ delta: content === undefined ? {} : { content }, index: 0, finish_reason: null }],
		...extra,
	});

/** Chat Thing: OpenAI chunks on `data:` lines (several may share a line), then `data: [DONE]`. */
function chatThingStream(random: Random, pieces: string[], withDone = true): Segment[] {
	const payloads: Array<{ json: string; piece?: string }> = [
		{ json: JSON.stringify({ choices: [{ delta: { role: 'assistant' }, index: 0 }] }) },
		...pieces.map((piece) => ({ json: chunkJson(piece), piece })),
		{ json: chunkJson(undefined, { choices: [{ delta: {}, index: 0, finish_reason: 'stop' }] }) },
		...(withDone ? [{ json: '[DONE]' }] : []),
	];
	const segments: Segment[] = [];
	let line: Segment = { text: '', pieces: [], done: false };
	for (const payload of payloads) {
		line.text += `data:${random.chance(0.8) ? ' ' : ''}${payload.json}`;
		if (payload.piece !== undefined) line.pieces.push(payload.piece);
		if (payload.json === '[DONE]') line.done = true;
		// The seed prints chunks on one line: sometimes they share it.
		if (line.done || random.chance(0.7)) {
			const ending = random.pick(['\n', '\r\n', '\r']);
			line.text += ending;
			segments.push(line);
			// Blank lines between chunks, in the same line ending.
			line = { text: random.pick(['', '', ending]), pieces: [], done: false };
		}
	}
	// After [DONE], anything (another chunk, a blank line) adds nothing.
	if (withDone && random.chance(0.5)) line.text += `data: ${chunkJson('after the end')}\n`;
	segments.push(line);
	return segments;
}

/**
 * What the reader has when the connection breaks after `received` bytes: the events completed by
 * then. A line ends at its line break, but a CR that came last may still become a CRLF: the
 * reader waits for the next byte before it ends that line.
 */
function completedBy(segments: Segment[], received: number): { pieces: string[]; done: boolean } {
	const pieces: string[] = [];
	let offset = 0;
	for (const segment of segments) {
		offset += Buffer.byteLength(segment.text, 'utf8');
		const ended = /[\r\n]$/.test(segment.text);
		const complete =
			ended && (received > offset || (received === offset && !segment.text.endsWith('\r')));
		if (!complete) break;
		pieces.push(...segment.pieces);
		if (segment.done) return { pieces, done: true };
	}
	return { pieces, done: false };
}

/** Whether text is made of some of the pieces, in order (nothing that was not in the stream). */
function madeOf(text: string, pieces: string[]): boolean {
	let reachable = new Set([0]);
	for (const piece of pieces) {
		const next = new Set(reachable);
		for (const at of reachable) if (text.startsWith(piece, at)) next.add(at + piece.length);
		reachable = next;
	}
	return reachable.has(text.length);
}

/** Random events a broken server could send: JSON of every shape, text, unknown types. */
function garbageEvents(random: Random, platform: Platform): { text: string; contents: string[] } {
	const contents: string[] = [];
	const value = (depth = 0): unknown => {
		const kind = random.int(0, depth > 1 ? 4 : 7);
		if (kind === 0) return null;
		if (kind === 1) return random.int(-5, 5);
		if (kind === 2) return random.chance(0.5);
		if (kind === 3 || kind === 4) return random.text(LINE_TEXT, 5);
		if (kind === 5) return Array.from({ length: random.int(0, 3) }, () => value(depth + 1));
		const object: IDataObject = {};
		for (let index = random.int(0, 3); index > 0; index--) {
			const key = random.pick(['content', 'type', 'error', 'message', 'choices', 'delta', 'x']);
			object[key] = value(depth + 1) as IDataObject;
		}
		return object;
	};
	const payload = (): string => {
		const kind = random.int(0, 9);
		if (kind === 0) return random.text(LINE_TEXT, 10);
		if (kind === 1) return '[DONE]';
		if (kind === 2) return 'null';
		if (platform === CHATSBY && kind < 6) {
			const content = random.chance(0.7) ? random.text(REPLY_TEXT, 4) : value();
			if (typeof content === 'string') contents.push(content);
			return JSON.stringify({ type: random.pick(['token', 'done', 'error', 'x']), content });
		}
		if (platform === CHAT_THING && kind < 6) {
			const content = random.chance(0.7) ? random.text(REPLY_TEXT, 4) : value();
			if (typeof content === 'string') contents.push(content);
			return JSON.stringify({ choices: random.chance(0.8) ? [{ delta: { content } }] : value() });
		}
		return JSON.stringify(value()).replace(/\n/g, ' ');
	};
	let text = '';
	for (let index = random.int(0, 12); index > 0; index--) {
		const eol = random.pick(['\n', '\r\n']);
		if (random.chance(0.3))
			text += `event: ${random.pick(['token', 'done', 'error', 'message', ''])}${eol}`;
		text += `data: ${payload()}${eol}`;
		if (random.chance(0.6)) text += eol;
		if (random.chance(0.1)) text += random.text(LINE_TEXT, 6) + eol;
	}
	// Chatsby's token events carry their own content, which is also "in the stream".
	for (const match of text.matchAll(/"content":("(?:[^"\\]|\\.)*")/g))
		contents.push(JSON.parse(match[1]) as string);
	return { text, contents };
}

describe.each([CHATSBY, CHAT_THING])('Streamed reply: $name (randomized)', (platform) => {
	const stream = (random: Random, pieces: string[], withDone = true) =>
		platform === CHATSBY
			? chatsbyStream(random, pieces, withDone)
			: chatThingStream(random, pieces, withDone);
	const bytesOf = (segments: Segment[]) => Buffer.from(textOf(segments), 'utf8');

	it('joins the pieces of random valid streams cut anywhere into exactly the sent text', async () => {
		await forAll(
			`${platform.name} valid reply`,
			1500,
			(random) => {
				const pieces = replyPieces(random);
				const bytes = bytesOf(stream(random, pieces));
				return { pieces, chunks: random.split(bytes, true), streaming: random.chance(0.5) };
			},
			async ({ pieces, chunks, streaming }) => {
				const { text, sent } = await readReply(platform, chunks, streaming);

				expect(text).toBe(pieces.join(''));
				if (streaming) {
					// The workflow's stream gets every non-empty piece, between begin and end.
					expect(sent).toEqual([
						{ type: 'begin', content: undefined },
						...pieces.filter((piece) => piece !== '').map((content) => ({ type: 'item', content })),
						{ type: 'end', content: undefined },
					]);
				} else {
					expect(sent).toEqual([]);
				}
			},
		);
	});

	it('fails a stream without its end marker, keeping exactly the text received', async () => {
		await forAll(
			`${platform.name} unfinished reply`,
			500,
			(random) => {
				const pieces = replyPieces(random);
				return { pieces, chunks: random.split(bytesOf(stream(random, pieces, false)), true) };
			},
			async ({ pieces, chunks }) => {
				const error = await readReply(platform, chunks).then(
					() => undefined,
					(thrown: unknown) => thrown,
				);

				expectExplained(error, [STREAM_ERRORS.ended]);
				expect((error as { partialResponse?: string }).partialResponse).toBe(pieces.join(''));
			},
		);
	});

	it('fails a stream that breaks before its end, keeping the text received; after the end a break changes nothing', async () => {
		await forAll(
			`${platform.name} broken reply`,
			800,
			(random) => {
				const segments = stream(random, replyPieces(random));
				const chunks = random.split(bytesOf(segments), true);
				return { segments, chunks, breakAt: random.int(0, chunks.length) };
			},
			async ({ segments, chunks, breakAt }) => {
				const received = chunks.slice(0, breakAt).reduce((bytes, chunk) => bytes + chunk.length, 0);
				// The connection breaks when chunk `breakAt` would come (never, when it is past the end).
				const before =
					breakAt === chunks.length
						? { pieces: segments.flatMap((segment) => segment.pieces), done: true }
						: completedBy(segments, received);

				const result = await readReply(platform, chunks, false, breakAt).then(
					({ text }) => ({ text }),
					(error: unknown) => ({ error }),
				);

				if (before.done) {
					expect(result).toEqual({ text: before.pieces.join('') });
				} else {
					expectExplained((result as { error: unknown }).error, [STREAM_ERRORS.broke]);
					expect((result as { error: { partialResponse?: string } }).error.partialResponse).toBe(
						before.pieces.join(''),
					);
				}
			},
		);
	});

	it('never throws anything but its explained errors on random garbage, and never makes up text', async () => {
		await forAll(
			`${platform.name} garbage reply`,
			1500,
			(random) => {
				const { text, contents } = garbageEvents(random, platform);
				return { contents, chunks: random.split(Buffer.from(text, 'utf8'), true) };
			},
			async ({ contents, chunks }) => {
				// The body never breaks here: "broke off" would be a wrong explanation.
				const result = await readReply(platform, chunks).then(
					({ text }) => text,
					(error: unknown) => {
						expectExplained(error, [STREAM_ERRORS.reported, STREAM_ERRORS.ended]);
						return (error as { partialResponse?: string }).partialResponse ?? '';
					},
				);

				if (!madeOf(result, contents))
					throw new Error(`gave text that was not sent: ${JSON.stringify(result)}`);
			},
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Plain-text and JSON bodies
// ---------------------------------------------------------------------------------------------

function jsonValue(random: Random, depth = 0): unknown {
	const kind = random.int(0, depth > 2 ? 5 : 8);
	if (kind === 0) return null;
	if (kind === 1) return random.chance(0.5);
	if (kind === 2) return random.int(-1e6, 1e6) / random.pick([1, 10, 1000]);
	if (kind <= 5) return random.text([...LINE_TEXT, '\n'], 8);
	if (kind === 6)
		return Array.from({ length: random.int(0, 4) }, () => jsonValue(random, depth + 1));
	const object: IDataObject = {};
	for (let index = random.int(0, 5); index > 0; index--) {
		const key = random.pick([
			'success',
			'data',
			'error',
			'message',
			'uuid',
			'name',
			'items',
			random.text(WORDS, 4),
		]);
		object[key] = jsonValue(random, depth + 1) as IDataObject;
	}
	if (random.chance(0.15)) object.success = random.pick([true, false, 'false', 0]);
	return object;
}

const HTML_PAGES = [
	'<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
	'\n  <html>\r\n<body><h1>Maintenance</h1></body></html>',
	'<!doctype HTML><p>Sign in</p>',
];

type Body =
	| { kind: 'parsed'; value: unknown }
	| { kind: 'text'; text: string; value?: unknown }
	| { kind: 'html'; text: string }
	| { kind: 'empty'; text: string };

function randomBody(random: Random): Body {
	const kind = random.int(0, 9);
	if (kind < 3) {
		// What n8n hands over when it parsed the JSON itself. Never a bare string: that reads the
		// same as text that is not JSON, and is given as text below.
		const value = jsonValue(random);
		return typeof value === 'string'
			? { kind: 'text', text: JSON.stringify(value) }
			: { kind: 'parsed', value };
	}
	if (kind < 6) {
		const value = jsonValue(random);
		const json = JSON.stringify(value, null, random.pick([0, 2]));
		// Cut somewhere: often no longer JSON, sometimes still (a number cut short).
		const text = random.chance(0.5) ? json : json.slice(0, random.int(0, json.length));
		return { kind: 'text', text: random.chance(0.2) ? `\n ${text} \n` : text };
	}
	if (kind < 8) return { kind: 'html', text: random.pick(HTML_PAGES) };
	return { kind: 'empty', text: random.pick(['', ' ', '\n\r\n', '\t']) };
}

function parsesAs(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

/** What bodyToItems must make of a JSON value: one item per array entry, an object as one item. */
function expectedItems(value: unknown): IDataObject[] {
	const wrap = (entry: unknown) =>
		isRecord(entry) ? (entry as IDataObject) : ({ value: entry } as IDataObject);
	if (value === undefined || value === null) return [{}];
	if (Array.isArray(value)) return value.map(wrap);
	return [wrap(value)];
}

describe('Plain-text and JSON bodies (randomized)', () => {
	const run = async (expectText: boolean, body: unknown, contentType?: string) => {
		const context = {
			getItemIndex: () => 0,
			getNode: () => NODE,
		} as unknown as IExecuteSingleFunctions;
		const response = {
			body,
			statusCode: 200,
			headers: contentType ? { 'content-type': contentType } : {},
		} as IN8nHttpFullResponse;
		return await bodyToItems(expectText).call(context, [], response);
	};

	it('turns random JSON, cut JSON, web pages and empty bodies into items or an explained error', async () => {
		await forAll(
			'json bodies',
			4000,
			(random) => ({
				body: randomBody(random),
				contentType: random.pick([
					undefined,
					'application/json',
					'application/json; charset=utf-8',
					'text/plain',
					'text/html',
				]),
			}),
			async ({ body, contentType }) => {
				const raw = body.kind === 'parsed' ? body.value : body.text;
				const outcome = await run(false, raw, contentType).then(
					(items) => ({ items }),
					(error: unknown) => ({ error }),
				);

				if ('items' in outcome) {
					for (const item of outcome.items) expect(isRecord(item.json)).toBe(true);
				}
				const failed = (value: unknown) =>
					isRecord(value) && (value as IDataObject).success === false;
				const html =
					body.kind === 'html' ||
					(typeof raw === 'string' && raw.trim() !== '' && contentType === 'text/html');
				if (typeof raw === 'string' && raw.trim() === '') {
					// Nothing at all (a 200 without a body, or JSON cut before its first character).
					expect(outcome).toEqual({ items: [{ json: {} }] });
				} else if (html) {
					expectExplained((outcome as { error: unknown }).error, [
						'The service answered with a web page instead of data',
					]);
				} else {
					const parsed =
						body.kind === 'parsed' ? { ok: true as const, value: body.value } : parsesAs(body.text);
					if (!parsed.ok) {
						expectExplained((outcome as { error: unknown }).error, [
							'The service answered with a body that is not valid JSON',
						]);
					} else if (body.kind === 'parsed' && failed(parsed.value)) {
						// "success": false is a failure, with the service's message when it gave one.
						const error = (outcome as { error: NodeApiError }).error;
						expect(error).toBeInstanceOf(NodeApiError);
						expect(error.description).toBe('The service answered "success": false.');
					} else if ('items' in outcome) {
						expect(outcome.items.map((item) => item.json)).toEqual(expectedItems(parsed.value));
					} else {
						throw new Error(`failed on valid JSON: ${(outcome.error as Error).message}`);
					}
				}
			},
		);
	});

	it('gives a text answer back exactly, whatever it holds', async () => {
		await forAll(
			'text bodies',
			2000,
			(random) => random.text([...REPLY_TEXT, ...HTML_PAGES], 40),
			async (text) => {
				expect(await run(true, text, 'text/plain')).toEqual([{ json: { text } }]);
				expect(await run(true, Buffer.from(text, 'utf8'))).toEqual([
					{ json: { text: Buffer.from(text, 'utf8').toString('utf8') } },
				]);
			},
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Cursor pagination
// ---------------------------------------------------------------------------------------------

interface PageScript {
	/** The records the service holds. */
	total: number;
	/** How the service answers each page (random, drawn as it goes). */
	random: Random;
	garbage: boolean;
}

interface Walk {
	requests: Array<{ size: number; cursor?: string }>;
	served: IDataObject[][];
	envelopes: IDataObject[];
}

/** A service that serves pages its own (sometimes wrong) way; it records what it was asked and sent. */
function pageService(platform: 'chatThing' | 'chatsby', script: PageScript, walk: Walk) {
	const { random, total } = script;
	const records = Array.from({ length: total }, (_, index) => ({ id: `r${index}`, n: index }));
	const cursors: string[] = [];
	let position = 0;
	return async (requestData: { options: { body?: unknown; qs?: unknown } }) => {
		const paging = (
			platform === 'chatThing' ? requestData.options.body : requestData.options.qs
		) as IDataObject;
		const size = Number(paging[platform === 'chatThing' ? 'limit' : 'page_size']);
		const cursor = paging.cursor as string | undefined;
		walk.requests.push({ size, cursor });
		if (walk.requests.length > total + 3) throw new Error('the walk does not stop');
		// The page: as asked, shorter, longer or empty.
		const shape = random.int(0, 9);
		const count =
			shape < 6 ? size : shape < 8 ? random.int(0, size) : shape < 9 ? size + random.int(1, 5) : 0;
		let page: unknown[] = records.slice(position, position + count);
		position += page.length;
		if (script.garbage && random.chance(0.2))
			page = page.map((record) => random.pick([record, null, 5, 'x', [record]]));
		walk.served.push(page as IDataObject[]);
		// The next cursor: new, one sent before, or none in some spelling.
		const kind = random.int(0, 9);
		let next: unknown;
		if (kind < 6) next = `c${cursors.length}-${random.int(0, 1e6)}`;
		else if (kind < 8 && cursors.length > 0) next = random.pick(cursors);
		else next = random.pick([null, undefined, '', 0]);
		if (typeof next === 'string' && next !== '') cursors.push(next);
		let envelope: IDataObject;
		if (platform === 'chatThing') {
			const count = random.pick([total, total, random.int(0, total + 5), undefined, String(total)]);
			envelope = {
				success: true,
				conversations: page as IDataObject[],
				pagination: random.chance(0.05) ? null : ({ total: count, last: next } as IDataObject),
			} as IDataObject;
		} else {
			const more = random.pick([
				position < total,
				position < total,
				random.chance(0.5),
				undefined,
				'true',
			]);
			envelope = { data: page as IDataObject[], has_more: more, next_cursor: next } as IDataObject;
		}
		if (script.garbage && random.chance(0.1)) {
			const list = platform === 'chatThing' ? 'conversations' : 'data';
			envelope[list] = random.pick([undefined, null, 'x', {}, 5]) as IDataObject;
		}
		walk.envelopes.push(envelope);
		return [{ json: envelope }] as INodeExecutionData[];
	};
}

/** Whether a page says the list goes on, by the platform's documented rules. */
function saysMore(
	platform: 'chatThing' | 'chatsby',
	envelope: IDataObject,
	page: unknown[],
	asked: number,
	seen: number,
): boolean {
	if (platform === 'chatsby')
		return envelope.has_more === true && !!envelope.next_cursor && page.length > 0;
	const pagination = (envelope.pagination ?? {}) as { total?: unknown; last?: unknown };
	const reachedTotal = typeof pagination.total === 'number' && seen >= pagination.total;
	return page.length > 0 && page.length >= asked && !reachedTotal && !!pagination.last;
}

describe.each([
	['chatThing', cursorPages('conversations')],
	['chatsby', chatsbyPages],
] as Array<['chatThing' | 'chatsby', CursorPages]>)(
	'Cursor pages: %s (randomized)',
	(platform, pages) => {
		const PAGE_ERRORS = [
			'The service sent the same page cursor twice',
			'The service answered a page of the list that is not a list of records',
		];

		it('returns the served records in order up to the limit, each once, and stops on a repeated cursor', async () => {
			await forAll(
				`${platform} pages`,
				3000,
				(random) => ({
					seed: random.int(0, 2 ** 31),
					total: random.pick([0, 1, random.int(0, 30), random.int(0, 260)]),
					limit: random.chance(0.4) ? undefined : random.int(1, 500),
					garbage: random.chance(0.2),
				}),
				async ({ seed, total, limit, garbage }) => {
					const walk: Walk = { requests: [], served: [], envelopes: [] };
					const send = pageService(platform, { total, random: new Random(seed), garbage }, walk);
					const context = {
						getNode: () => NODE,
						getItemIndex: () => 0,
					} as unknown as IExecutePaginationFunctions;
					const requestData = {
						options: { method: 'GET', url: '/list', body: {}, qs: {} },
						maxResults: limit,
						preSend: [],
						postReceive: [],
						requestOperations: {},
					};
					const outcome = await walkCursorPages(pages)
						.call(context, send as never, requestData as never)
						.then(
							(items) => ({ items }),
							(error: unknown) => ({ error }),
						);

					// Every request asks for at most the largest page, and no more than is still needed.
					let got = 0;
					walk.requests.forEach((request, index) => {
						const most = limit === undefined ? 100 : Math.min(100, limit - got);
						if (!(request.size >= 1 && request.size <= most)) {
							throw new Error(
								`request ${index} asked for ${request.size} records, not 1 to ${most}`,
							);
						}
						got += walk.served[index].length;
					});
					// No cursor is asked for twice, and the first request has none.
					const cursors = walk.requests.map((request) => request.cursor);
					expect(cursors[0]).toBeUndefined();
					expect(new Set(cursors).size).toBe(cursors.length);

					const served = walk.served.flat();
					if ('items' in outcome) {
						const expected = limit === undefined ? served : served.slice(0, limit);
						// The very records served, each once, in order (which makes every item a record).
						expect(outcome.items.length).toBe(expected.length);
						outcome.items.forEach((item, index) => {
							if (item.json !== expected[index])
								throw new Error(`item ${index} is not record ${index}`);
							// n8n fails on an item whose JSON is not an object.
							if (!isRecord(item.json))
								throw new Error(`item ${index} is ${JSON.stringify(item.json)}`);
						});
						// It stopped at the limit, or where the last page said the list ends.
						const last = walk.envelopes.length - 1;
						const stoppedAtLimit = limit !== undefined && served.length >= limit;
						if (!stoppedAtLimit) {
							expect(
								saysMore(
									platform,
									walk.envelopes[last],
									walk.served[last],
									walk.requests[last].size,
									served.length,
								),
							).toBe(false);
						}
					} else {
						expectExplained(outcome.error, PAGE_ERRORS);
						if (outcome.error.message === PAGE_ERRORS[0]) {
							// Only a cursor that really came back stops the walk.
							const last = walk.envelopes[walk.envelopes.length - 1];
							const repeated =
								platform === 'chatThing'
									? ((last.pagination ?? {}) as IDataObject).last
									: last.next_cursor;
							expect(cursors).toContain(repeated);
						}
					}
				},
			);
		});
	},
);

// ---------------------------------------------------------------------------------------------
// Through the nodes, over HTTP
// ---------------------------------------------------------------------------------------------

describe('Parsers in the nodes, over HTTP (randomized)', () => {
	const server = new EmulatorServer();
	/** What the next request gets: chunks written one by one, or a JSON or text answer. */
	let next: { chunks: Uint8Array[]; contentType: string } = {
		chunks: [],
		contentType: 'text/plain',
	};
	/** The records a list serves, page by page, when set; otherwise lists answer `next` too. */
	let listed: IDataObject[] | undefined;
	beforeAll(async () => {
		const reply = () => ({
			status: 200,
			stream: next.chunks.map((chunk) => Buffer.from(chunk)),
			contentType: next.contentType,
		});
		server.route('POST', '/hub/session/:uuid/message/stream', () => reply());
		server.route('POST', '/thing/api/public/channels/:channel/1.0/message', () => reply());
		server.route('POST', '/chatsby/conversations', () => reply());
		server.route('GET', '/kit/v1/agents/:id', () => reply());
		// Chatsby's pages: `page_size` and an opaque cursor in the query.
		server.route('GET', '/chatsby/agents', (request) => {
			if (!listed) return reply();
			const start = Number(String(request.query.cursor ?? 'after:0').slice(6));
			const page = listed.slice(start, start + Number(request.query.page_size));
			const end = start + page.length;
			return {
				status: 200,
				json: { data: page, has_more: end < listed.length, next_cursor: `after:${end}` },
			};
		});
		// Chat Thing's pages: `limit` and the last ID as `cursor`, in the body.
		server.route('POST', '/thing/api/public/channels/:channel/1.0/conversations', (request) => {
			const { limit, cursor } = request.body as { limit: number; cursor?: string };
			const records = listed ?? [];
			const start =
				cursor === undefined ? 0 : records.findIndex((record) => record.id === cursor) + 1;
			const page = records.slice(start, start + limit);
			return {
				status: 200,
				json: {
					success: true,
					conversations: page,
					pagination: { total: records.length, last: page.at(-1)?.id ?? null },
				},
			};
		});
		await server.start();
	});
	afterEach(() => {
		listed = undefined;
		server.clearRequests();
	});
	afterAll(async () => {
		await server.stop();
	});

	const run = async (type: string, parameters: IDataObject, credentials: IDataObject) =>
		await runNode({ type, parameters: parameters as never, credentials: credentials as never });

	it('gives back a plain-text reply exactly, however its bytes arrive (AI Chatbot Hub)', async () => {
		await forAll(
			'AI Chatbot Hub reply over HTTP',
			60,
			(random) => {
				const text = random.text(REPLY_TEXT, 60, 1);
				return { text, chunks: random.split(Buffer.from(text, 'utf8')) };
			},
			async ({ text, chunks }) => {
				next = { chunks, contentType: 'text/plain; charset=utf-8' };
				const { items, error } = await run(
					'aiChatbotHub',
					{
						resource: 'message',
						operation: 'send',
						session: { __rl: true, mode: 'id', value: 'abc' },
						query: 'Hi',
					},
					{ aiChatbotHubApi: { apiToken: 't', baseUrl: `${server.url}/hub` } },
				);

				expect(error).toBeUndefined();
				expect(items[0].json.response).toBe(text);
			},
			30_000,
		);
	});

	it.each([CHATSBY, CHAT_THING])(
		'joins a random $name stream over HTTP into the sent text',
		async (platform) => {
			await forAll(
				`${platform.name} reply over HTTP`,
				40,
				(random) => {
					const pieces = replyPieces(random);
					const segments =
						platform === CHATSBY ? chatsbyStream(random, pieces) : chatThingStream(random, pieces);
					return { pieces, chunks: random.split(Buffer.from(textOf(segments), 'utf8')) };
				},
				async ({ pieces, chunks }) => {
					next = { chunks, contentType: 'text/event-stream' };
					const { items, error } =
						platform === CHATSBY
							? await run(
									'chatsby',
									{
										resource: 'conversation',
										operation: 'send',
										agentId: { __rl: true, mode: 'id', value: 'agent_1' },
										message: 'Hi',
										options: { stream: true },
									},
									{
										chatsbyApi: {
											apiKey: 'k',
											webhookSecret: '',
											baseUrl: `${server.url}/chatsby`,
										},
									},
								)
							: await run(
									'chatThing',
									{
										resource: 'message',
										operation: 'send',
										conversationMode: 'continue',
										conversationId: { __rl: true, mode: 'id', value: 'c1' },
										message: 'Hi',
										options: { stream: true },
									},
									{
										chatThingApi: {
											secretKey: 's',
											channelId: 'ch',
											baseUrl: `${server.url}/thing`,
										},
									},
								);

					expect(error).toBeUndefined();
					expect(items[0].json.response).toBe(pieces.join(''));
				},
				30_000,
			);
		},
	);

	it('answers a random JSON body with records or an explained error, never a crash (SendKit Get, Chatsby Get Many)', async () => {
		await forAll(
			'JSON bodies over HTTP',
			80,
			(random) => {
				const body = randomBody(random);
				const text = body.kind === 'parsed' ? JSON.stringify(body.value) : body.text;
				return {
					node: random.pick(['sendKit', 'chatsby']),
					wrap: random.chance(0.5),
					text,
					contentType: body.kind === 'html' ? 'text/html' : 'application/json',
				};
			},
			async ({ node, wrap, text, contentType }) => {
				// Half the bodies come in the platform's envelope, so that the records themselves vary.
				const envelope =
					wrap && parsesAs(text).ok
						? JSON.stringify(
								node === 'sendKit'
									? { success: true, data: JSON.parse(text) }
									: { data: JSON.parse(text) },
							)
						: text;
				next = { chunks: [Buffer.from(envelope, 'utf8')], contentType };
				const { items, error } =
					node === 'sendKit'
						? await run(
								'sendKit',
								{
									resource: 'agent',
									operation: 'get',
									agentId: { __rl: true, mode: 'id', value: 'a1' },
								},
								{ sendKitApi: { apiKey: 'k', workspaceId: '', baseUrl: `${server.url}/kit` } },
							)
						: await run(
								'chatsby',
								{ resource: 'agent', operation: 'getAll', returnAll: true, filters: {} },
								{
									chatsbyApi: { apiKey: 'k', webhookSecret: '', baseUrl: `${server.url}/chatsby` },
								},
							);

				if (error) {
					if (!['NodeApiError', 'NodeOperationError'].includes(String(error.name))) {
						throw new Error(`crashed: ${String(error.name)} ${error.message}`);
					}
					expect(error.message).not.toMatch(
						/Cannot read|is not a function|is not iterable|undefined/,
					);
				} else {
					for (const item of items) expect(isRecord(item.json)).toBe(true);
				}
			},
			30_000,
		);
	});
	it.each(['chatsby', 'chatThing'])(
		'returns exactly the first records of a random list, page by page, with Return All or a Limit (%s)',
		async (node) => {
			await forAll(
				`${node} pages over HTTP`,
				25,
				(random) => ({
					total: random.pick([0, 1, 99, 100, 101, random.int(0, 350)]),
					limit: random.chance(0.4) ? undefined : random.int(1, 400),
				}),
				async ({ total, limit }) => {
					listed = Array.from({ length: total }, (_, index) => ({ id: `rec-${index}`, n: index }));
					server.clearRequests();
					const list = limit === undefined ? { returnAll: true } : { returnAll: false, limit };
					const { items, error } =
						node === 'chatsby'
							? await run(
									'chatsby',
									{ resource: 'agent', operation: 'getAll', filters: {}, ...list },
									{
										chatsbyApi: {
											apiKey: 'k',
											webhookSecret: '',
											baseUrl: `${server.url}/chatsby`,
										},
									},
								)
							: await run(
									'chatThing',
									{ resource: 'conversation', operation: 'getAll', ...list },
									{
										chatThingApi: {
											secretKey: 's',
											channelId: 'ch',
											baseUrl: `${server.url}/thing`,
										},
									},
								);

					expect(error).toBeUndefined();
					const wanted = Math.min(total, limit ?? total);
					expect(items.map((item) => item.json.id)).toEqual(
						listed.slice(0, wanted).map((record) => record.id),
					);
					// As few requests as the pages need: full pages of 100, or as many as still wanted.
					expect(server.requests.length).toBeLessThanOrEqual(Math.floor(wanted / 100) + 1);
				},
				30_000,
			);
		},
	);
});
