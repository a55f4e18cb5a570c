/**
 * Chat Thing API channel emulator, faithful to ../shared/api/chatthing.md (beside the project) and
 * its seed 001: per-channel secret in `X-API-Secret-Key` with the channel ID in the path (403 when
 * they do not match), `success: true` envelopes, POST list endpoints with `limit`/`cursor` and
 * `pagination {total, last}`, JSON bodies on DELETE, OpenAI-style `data:` chunks ending with
 * `data: [DONE]` for streamed replies, and manual data sources with rows and an asynchronous sync.
 */
import { createHmac, randomUUID } from 'crypto';

import {
	HttpError,
	PlatformEmulator,
	type EmulatorReply,
	type EmulatorRequest,
	type ResponseTools,
} from './kit';

type JsonObject = Record<string, unknown>;

export interface ConversationRow {
	id: string;
	createdAt: string;
	initialMessage: string;
	messages: Array<{ id: string; message: string; role: 'assistant' | 'user'; createdAt: string }>;
}

export interface DataSourceRow {
	id: string;
	type: 'MANUAL';
	state: 'synced' | 'syncing' | 'sync_error' | 'not_synced';
	lastSync: string | null;
	syncInterval: 'day' | 'week' | 'month' | null;
	createdAt: string;
	rows: Map<string, { id: string; name: string; content: string; createdAt: string }>;
}

export interface StreamShape {
	/** Delay between writes, in ms. */
	chunkDelayMs: number;
	/** Cut every event line into writes of this many bytes (0: one event per write). */
	splitBytes: number;
	/** Put this many events in one write (when splitBytes is 0). */
	eventsPerWrite: number;
	/** Destroy the connection after this many writes, before `[DONE]`. */
	cutAfterWrites?: number;
	/** Print every event on one line (`data: {…}data: {…}`), as the seed's example shows them. */
	sameLine?: boolean;
}

const GREETING = 'Hello, how can I help you?';

// assumed: the error body `{ success: false, message }` (only statuses and meanings are documented)
function apiError(status: number, message: string): HttpError {
	return new HttpError(status, { success: false, message });
}

function bodyOf(req: EmulatorRequest): JsonObject {
	return req.body && typeof req.body === 'object' && !Array.isArray(req.body)
		? (req.body as JsonObject)
		: {};
}

function requiredString(body: JsonObject, field: string): string {
	const value = body[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw apiError(400, `The request was malformed or missing required fields: ${field}`);
	}
	return value;
}

function pageSize(body: JsonObject): number {
	const limit = body.limit === undefined ? 10 : Number(body.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
		throw apiError(400, 'limit must be between 1 and 100');
	}
	return limit;
}

/** A page after the cursor (the id of the last record of the previous page). */
function paginate<T extends { id: string }>(records: T[], body: JsonObject) {
	const limit = pageSize(body);
	const cursor = typeof body.cursor === 'string' ? body.cursor : undefined;
	const start = cursor === undefined ? 0 : records.findIndex((record) => record.id === cursor) + 1;
	// assumed: how a list ends (a short page; an unknown cursor gives an empty one, `last` null)
	const page = start === 0 && cursor !== undefined ? [] : records.slice(start, start + limit);
	return { page, pagination: { total: records.length, last: page.at(-1)?.id ?? null } };
}

export class ChatThingEmulator extends PlatformEmulator {
	channelId: string;
	secretKey: string;
	replyFor: (message: string) => string = ChatThingEmulator.echo;
	stream: StreamShape = { chunkDelayMs: 1, splitBytes: 0, eventsPerWrite: 1 };
	/** Messages the channel may still answer; undefined = unlimited. At 0, /message answers 429. */
	messageCredits: number | undefined;
	/** The state a sync ends in, once `finishSyncs` runs (tests) or the next read comes (default). */
	syncOutcome: 'synced' | 'sync_error' = 'synced';
	/** When true, a sync finishes at the next read of its data source. */
	autoFinishSyncs = true;

	readonly conversations = new Map<string, ConversationRow>();
	readonly dataSources = new Map<string, DataSourceRow>();

	constructor(options: { channelId?: string; secretKey?: string } = {}) {
		super({ basePath: '/api/public/channels' });
		this.channelId = options.channelId ?? 'a1b2c3d4-0000-4000-8000-000000000001';
		this.secretKey = options.secretKey ?? 'test-secret';
		// assumed: the 403's body (the status and its wording are documented)
		this.server.authenticate = (req) => {
			const channel = decodeURIComponent(req.routePath.split('/')[1] ?? '');
			const ok = req.headers['x-api-secret-key'] === this.secretKey && channel === this.channelId;
			return ok
				? undefined
				: {
						status: 403,
						json: {
							success: false,
							message:
								'The provided api secret key does not match your channel or the wrong channel id was provided',
						},
					};
		};
		this.registerRoutes();
	}

	/** The Base URL a credential gives: the host only, as the node adds the channel path. */
	override get url(): string {
		return this.server.url.replace(/\/api\/public\/channels$/, '');
	}

	static echo(message: string): string {
		return `You said: ${message}`;
	}

	protected clearState(): void {
		this.replyFor = ChatThingEmulator.echo;
		this.conversations.clear();
		this.dataSources.clear();
		this.messageCredits = undefined;
		this.stream = { chunkDelayMs: 1, splitBytes: 0, eventsPerWrite: 1 };
		this.syncOutcome = 'synced';
		this.autoFinishSyncs = true;
	}

	/** Ends every running sync with `syncOutcome`. */
	finishSyncs(): void {
		for (const source of this.dataSources.values()) this.finishSync(source);
	}

	/** Demo data: three conversations and a data source with two rows. */
	seed(): { conversations: string[]; dataSource: string; rows: string[] } {
		const conversations = [
			'What is the distance to the moon?',
			'How many planets are there?',
			'Do you ship abroad?',
		].map((question) => this.addConversation(question).id);
		const source = this.addDataSource();
		const rows = [
			{ name: 'hours.md', content: '# Opening hours\nMonday to Friday, 9 to 5.' },
			{ name: 'returns.md', content: '# Returns\nRefunds within 5 business days.' },
		].map((row) => this.addRow(source, row.name, row.content).id);
		source.state = 'synced';
		source.lastSync = new Date().toISOString();
		return { conversations, dataSource: source.id, rows };
	}

	addConversation(initialMessage: string): ConversationRow {
		const now = new Date().toISOString();
		const conversation: ConversationRow = {
			id: randomUUID(),
			createdAt: now,
			initialMessage,
			messages: [{ id: randomUUID(), message: GREETING, role: 'assistant', createdAt: now }],
		};
		if (initialMessage)
			this.appendExchange(conversation, initialMessage, this.replyFor(initialMessage));
		this.conversations.set(conversation.id, conversation);
		return conversation;
	}

	addDataSource(): DataSourceRow {
		const source: DataSourceRow = {
			id: randomUUID(),
			type: 'MANUAL',
			state: 'not_synced',
			lastSync: null,
			syncInterval: null,
			createdAt: new Date().toISOString(),
			rows: new Map(),
		};
		this.dataSources.set(source.id, source);
		return source;
	}

	addRow(source: DataSourceRow, name: string, content: string) {
		const row = { id: randomUUID(), name, content, createdAt: new Date().toISOString() };
		source.rows.set(row.id, row);
		return row;
	}

	// --- routes ------------------------------------------------------------------------------

	private registerRoutes(): void {
		const route = (
			method: string,
			path: string,
			handler: (req: EmulatorRequest, res: ResponseTools) => EmulatorReply,
		) => this.server.route(method, `/:channelId/1.0${path}`, handler);

		route('POST', '/conversation', () => {
			const conversation = this.addConversation('');
			return {
				status: 200,
				json: { success: true, conversationId: conversation.id, response: GREETING },
			};
		});
		route('POST', '/message', (req, res) => this.sendMessage(req, res));
		route('POST', '/conversations', (req) => {
			const records = [...this.conversations.values()].map(({ id, createdAt, initialMessage }) => ({
				id,
				createdAt,
				initialMessage,
			}));
			const { page, pagination } = paginate(records, bodyOf(req));
			return { status: 200, json: { success: true, conversations: page, pagination } };
		});
		route('POST', '/messages', (req) => {
			const body = bodyOf(req);
			const conversation = this.conversation(requiredString(body, 'conversationId'));
			const { page, pagination } = paginate(conversation.messages, body);
			return { status: 200, json: { success: true, messages: page, pagination } };
		});

		route('POST', '/data-sources', () => ({
			status: 200,
			json: { success: true, dataSource: this.sourceJson(this.addDataSource()) },
		}));
		route('POST', '/data-sources/list', (req) => {
			const records = [...this.dataSources.values()].map((source) => this.sourceJson(source));
			const { page, pagination } = paginate(records, bodyOf(req));
			return { status: 200, json: { success: true, dataSources: page, pagination } };
		});
		route('GET', '/data-sources', (req) => {
			const source = this.dataSource(req.query.dataSourceId);
			if (this.autoFinishSyncs) this.finishSync(source);
			return { status: 200, json: { success: true, dataSource: this.sourceJson(source) } };
		});
		route('PUT', '/data-sources', (req) => {
			const body = bodyOf(req);
			const source = this.dataSource(requiredString(body, 'dataSourceId'));
			const interval = body.syncInterval ?? null;
			if (interval !== null && !['day', 'week', 'month'].includes(String(interval))) {
				throw apiError(400, 'syncInterval must be day, week, month or null');
			}
			source.syncInterval = interval as DataSourceRow['syncInterval'];
			return { status: 200, json: { success: true, dataSource: this.sourceJson(source) } };
		});
		route('DELETE', '/data-sources', (req) => {
			const source = this.dataSource(requiredString(bodyOf(req), 'dataSourceId'));
			this.dataSources.delete(source.id);
			return { status: 200, json: { success: true } };
		});
		route('POST', '/data-sources/sync', (req) => {
			const source = this.dataSource(requiredString(bodyOf(req), 'dataSourceId'));
			if (source.state === 'syncing') {
				throw apiError(
					429,
					'There is already a sync in progress, or you have run out of storage tokens',
				);
			}
			// assumed: the sync runs after the answer, `syncing` until it ends (a later read here)
			source.state = 'syncing';
			return { status: 200, json: { success: true } };
		});

		route('POST', '/data-sources/row', (req) => {
			const body = bodyOf(req);
			const source = this.dataSource(requiredString(body, 'dataSourceId'));
			const rows = this.rowList(body, ['name', 'content']);
			// assumed: a name already in the data source is taken again, as a second row (the seed
			// calls the name "a unique identifier" and documents no check of it)
			for (const row of rows) this.addRow(source, String(row.name), String(row.content));
			source.state = 'not_synced';
			return { status: 200, json: { success: true } };
		});
		route('POST', '/data-sources/row/list', (req) => {
			const body = bodyOf(req);
			const source = this.dataSource(requiredString(body, 'dataSourceId'));
			// assumed: rows are listed oldest first, each once, while none is added or deleted
			const records = [...source.rows.values()].map(({ id, name }) => ({ id, name }));
			const { page, pagination } = paginate(records, body);
			return { status: 200, json: { success: true, dataSourceRows: page, pagination } };
		});
		route('GET', '/data-sources/row', (req) => {
			const source = this.dataSource(req.query.dataSourceId);
			const row = source.rows.get(req.query.dataSourceRowId ?? '');
			if (!row) throw apiError(404, 'The data source row does not exist');
			return {
				status: 200,
				json: {
					success: true,
					dataSourceRow: {
						id: row.id,
						type: 'MANUAL',
						state: source.state,
						lastSync: source.lastSync,
						createdAt: row.createdAt,
						content: row.content,
					},
				},
			};
		});
		route('PUT', '/data-sources/row', (req) => {
			const body = bodyOf(req);
			const source = this.dataSource(requiredString(body, 'dataSourceId'));
			const rows = this.rowList(body, ['id', 'name', 'content']);
			const missing = rows.find((row) => !source.rows.has(String(row.id)));
			if (missing) throw apiError(404, `The data source row ${String(missing.id)} does not exist`);
			for (const row of rows) {
				source.rows.set(String(row.id), {
					...source.rows.get(String(row.id))!,
					name: String(row.name),
					content: String(row.content),
				});
			}
			source.state = 'not_synced';
			return { status: 200, json: { success: true } };
		});
		route('DELETE', '/data-sources/rows', (req) => {
			const body = bodyOf(req);
			const source = this.dataSource(requiredString(body, 'dataSourceId'));
			const rows = this.rowList(body, ['id']);
			const missing = rows.find((row) => !source.rows.has(String(row.id)));
			if (missing)
				throw apiError(404, `The data source row ${String(missing.id)} has already been deleted`);
			for (const row of rows) source.rows.delete(String(row.id));
			return { status: 200, json: { success: true } };
		});
	}

	private sendMessage(req: EmulatorRequest, res: ResponseTools): EmulatorReply {
		const body = bodyOf(req);
		const message = requiredString(body, 'message');
		const conversation =
			typeof body.conversationId === 'string' && body.conversationId !== ''
				? this.conversation(body.conversationId)
				: this.addConversation('');
		if (this.messageCredits !== undefined) {
			if (this.messageCredits <= 0) {
				throw apiError(
					429,
					'You may of run out of message credits or the ChatGPT API may be overloaded',
				);
			}
			this.messageCredits--;
		}
		const reply = this.replyFor(message);
		if (body.stream !== true) {
			this.appendExchange(conversation, message, reply);
			return {
				status: 200,
				json: { success: true, conversationId: conversation.id, response: reply },
			};
		}
		return res.stream(this.streamWrites(reply), {
			// assumed: the stream's content type (undocumented)
			contentType: 'text/plain; charset=utf-8',
			chunkDelayMs: this.stream.chunkDelayMs,
			cutAfterChunks: this.stream.cutAfterWrites,
			onComplete: () => this.appendExchange(conversation, message, reply),
		});
	}

	/** The streamed reply as the writes the server makes (split and grouped as configured). */
	streamWrites(reply: string): Array<string | Buffer> {
		const id = `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 28)}`;
		const chunk = (delta: JsonObject, finish: string | null) =>
			`data: ${JSON.stringify({
				id,
				object: 'chat.completion.chunk',
				created: Math.floor(Date.now() / 1000),
				model: 'gpt-3.5-turbo-0301',
				choices: [{ delta, index: 0, finish_reason: finish }],
			})}\n\n`;
		const tokens = reply.match(/\s*\S+/g) ?? [];
		// assumed: one `data:` line per chunk, then a blank line (the seed prints them all on one line)
		let events = [
			chunk({ role: 'assistant' }, null),
			...tokens.map((token) => chunk({ content: token }, null)),
			chunk({}, 'stop'),
			'data: [DONE]\n\n',
		];
		if (this.stream.sameLine) events = [events.map((event) => event.trimEnd()).join('') + '\n'];
		if (this.stream.splitBytes > 0) {
			const bytes = Buffer.from(events.join(''));
			const writes: Buffer[] = [];
			// Split on byte boundaries, even inside a multi-byte character (the client must cope).
			for (let start = 0; start < bytes.length; start += this.stream.splitBytes) {
				writes.push(bytes.subarray(start, start + this.stream.splitBytes));
			}
			return writes;
		}
		const writes: string[] = [];
		for (let start = 0; start < events.length; start += this.stream.eventsPerWrite) {
			writes.push(events.slice(start, start + this.stream.eventsPerWrite).join(''));
		}
		return writes;
	}

	private appendExchange(conversation: ConversationRow, message: string, reply: string): void {
		const now = new Date().toISOString();
		if (!conversation.initialMessage) conversation.initialMessage = message;
		conversation.messages.push(
			{ id: randomUUID(), message, role: 'user', createdAt: now },
			{ id: randomUUID(), message: reply, role: 'assistant', createdAt: now },
		);
	}

	private finishSync(source: DataSourceRow): void {
		if (source.state !== 'syncing') return;
		source.state = this.syncOutcome;
		if (this.syncOutcome === 'synced') source.lastSync = new Date().toISOString();
	}

	private rowList(body: JsonObject, fields: string[]): JsonObject[] {
		const rows = body.dataSourceRows;
		if (!Array.isArray(rows) || rows.length === 0) {
			throw apiError(400, 'The request was malformed or missing required fields: dataSourceRows');
		}
		for (const row of rows) {
			for (const field of fields) {
				if (typeof (row as JsonObject)?.[field] !== 'string') {
					throw apiError(
						400,
						`The request was malformed or missing required fields: dataSourceRows[].${field}`,
					);
				}
			}
		}
		return rows as JsonObject[];
	}

	private conversation(id: string): ConversationRow {
		const conversation = this.conversations.get(id);
		if (!conversation)
			throw apiError(404, 'The channel id is incorrect or the conversation does not exist');
		return conversation;
	}

	private dataSource(id: string | undefined): DataSourceRow {
		if (!id)
			throw apiError(400, 'The request was malformed or missing required fields: dataSourceId');
		const source = this.dataSources.get(id);
		if (!source)
			throw apiError(404, 'The channel id is incorrect or the data source does not exist');
		return source;
	}

	private sourceJson(source: DataSourceRow): JsonObject & { id: string } {
		const { id, type, state, lastSync, syncInterval, createdAt } = source;
		return { id, type, state, lastSync, syncInterval, createdAt };
	}
}

export type ChatThingScheme = 'hmacHex' | 'hmacBase64' | 'secretHeader';

/**
 * A webhook delivery as Chat Thing might send it (its scheme is undocumented; the trigger offers
 * these), signed with `secret`, or with one flaw for the tests.
 */
export function chatThingDelivery(
	secret: string,
	event: string,
	data: JsonObject,
	options: {
		scheme?: ChatThingScheme;
		header?: string;
		flaw?: 'none' | 'unsigned' | 'wrongSecret' | 'tampered';
	} = {},
): { headers: Record<string, string>; rawBody: Buffer } {
	// assumed: the signature schemes, the header name and the payload (only the secret is documented)
	const scheme = options.scheme ?? 'hmacHex';
	const header = options.header ?? 'x-chatthing-signature';
	const rawBody = Buffer.from(JSON.stringify({ event, ...data }));
	const key = options.flaw === 'wrongSecret' ? `${secret}-other` : secret;
	const value =
		scheme === 'secretHeader'
			? key
			: createHmac('sha256', key)
					.update(rawBody)
					.digest(scheme === 'hmacHex' ? 'hex' : 'base64');
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (options.flaw !== 'unsigned') headers[header] = value;
	const body =
		options.flaw === 'tampered'
			? Buffer.from(rawBody.toString().replace('{', '{"injected":true,'))
			: rawBody;
	return { headers, rawBody: body };
}

/** Sends a delivery to a URL (an n8n webhook), for end-to-end tests. */
export async function deliverTo(
	url: string,
	delivery: { headers: Record<string, string>; rawBody: Buffer },
): Promise<number> {
	const response = await fetch(url, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.rawBody,
	});
	return response.status;
}
