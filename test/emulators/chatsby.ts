/**
 * Chatsby emulator, faithful to ../shared/api/chatsby.md (beside the project) and its seed 003:
 * Bearer keys, bare objects, `{data, has_more, next_cursor}` lists with `page_size`/`cursor`,
 * errors nested under `error {type, message, code, param, status}`, 204 deletes, sources whose
 * status goes pending → processing → trained | failed over reads, refresh (websites only, 409
 * while processing), and conversations with an SSE reply of `token` and `done` events.
 */
import { createHmac, randomBytes } from 'crypto';

import {
	HttpError,
	PlatformEmulator,
	type EmulatorReply,
	type EmulatorRequest,
	type ResponseTools,
} from './kit';

type JsonObject = Record<string, unknown>;

export type SourceOutcome = 'trained' | 'failed' | 'never';

export interface SourceRecord extends JsonObject {
	id: string;
	type: string;
	content: string;
	status: string;
	agent_id: string;
}

// The error types are documented; which status each comes with only for 400, 404, 409 and 422.
const TYPES: Record<number, string> = {
	400: 'invalid_request_error',
	// assumed: authentication_error comes with 401 (its status is undocumented)
	401: 'authentication_error',
	404: 'not_found_error',
	409: 'conflict_error',
	422: 'validation_error',
};

function apiError(status: number, code: string, message: string, param?: string): HttpError {
	return new HttpError(status, {
		error: {
			// assumed: any other status (5xx) is a server_error
			type: TYPES[status] ?? 'server_error',
			message,
			code,
			...(param ? { param } : {}),
			status,
		},
	});
}

const id = (prefix: string) =>
	`${prefix}_${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class ChatsbyEmulator extends PlatformEmulator {
	apiKey: string;
	sourceOutcome: SourceOutcome = 'trained';
	/** Source reads from pending to the outcome. */
	trainingReads = 2;
	replyFor: (message: string) => string = ChatsbyEmulator.answer;
	/** Streamed reply shape: delay between events, a cut after N events, an error event. */
	stream: { delayMs: number; cutAfterEvents?: number; errorAfterEvents?: number } = { delayMs: 1 };
	readonly agents = new Map<string, JsonObject>();
	readonly sources = new Map<string, SourceRecord>();
	readonly conversations = new Map<string, JsonObject>();
	private readsLeft = new Map<string, number>();

	static answer(message: string): string {
		return `Our answer to: ${message}`;
	}

	constructor(options: { apiKey?: string } = {}) {
		super({ basePath: '/v1' });
		this.apiKey = options.apiKey ?? 'chtb_test_key';
		// assumed: a refused key's 401 body, its message and code (only the error type is documented)
		this.server.authenticate = (req) =>
			req.headers.authorization === `Bearer ${this.apiKey}`
				? undefined
				: {
						status: 401,
						json: {
							error: {
								type: 'authentication_error',
								message: 'Invalid API key provided.',
								code: 'invalid_api_key',
								status: 401,
							},
						},
					};
		this.registerRoutes();
	}

	protected clearState(): void {
		for (const map of [this.agents, this.sources, this.conversations, this.readsLeft]) map.clear();
		this.sourceOutcome = 'trained';
		this.trainingReads = 2;
		this.replyFor = ChatsbyEmulator.answer;
		this.stream = { delayMs: 1 };
	}

	addAgent(name: string, extra: JsonObject = {}): JsonObject {
		const agent = {
			id: id('agent'),
			name,
			model: 'gpt-4o',
			system_prompt: '',
			temperature: 0.7,
			max_tokens: 1024,
			status: 'active',
			created_at: now(),
			updated_at: now(),
			...extra,
		};
		this.agents.set(agent.id, agent);
		return agent;
	}

	addSource(agentId: string, type: string, content: string, status = 'pending'): SourceRecord {
		const source: SourceRecord = {
			id: id('src'),
			type,
			content,
			status,
			character_count: status === 'trained' ? content.length : null,
			agent_id: agentId,
			error_message: null,
			created_at: now(),
		};
		this.sources.set(source.id, source);
		if (status === 'pending') this.readsLeft.set(source.id, this.trainingReads);
		return source;
	}

	seed(): { agents: string[]; sources: string[] } {
		// Fixed IDs, so that the example workflows can name the demo agents.
		const support = this.addAgent('Customer Support Bot', {
			id: 'agent_demosupprt',
			system_prompt: 'You are a helpful agent for Acme Corp.',
		});
		const sales = this.addAgent('Sales Assistant', { id: 'agent_demosales1', status: 'paused' });
		const help = this.addSource(String(support.id), 'website', 'https://acme.com/help', 'trained');
		const plans = this.addSource(
			String(support.id),
			'text',
			'Acme Corp offers three plans...',
			'trained',
		);
		// Nothing but the editor walk's Refresh touches it: the sync example refreshes the help page,
		// which then stays in training (409 on a second refresh) until it is read.
		const pricing = this.addSource(
			String(sales.id),
			'website',
			'https://acme.com/pricing',
			'trained',
		);
		return {
			agents: [String(support.id), String(sales.id)],
			sources: [help.id, plans.id, pricing.id],
		};
	}

	/** Every read of a source in training moves it along. */
	private advance(source: SourceRecord): void {
		if (source.status !== 'pending' && source.status !== 'processing') return;
		if (this.sourceOutcome === 'never') {
			source.status = 'processing';
			return;
		}
		const left = (this.readsLeft.get(source.id) ?? this.trainingReads) - 1;
		this.readsLeft.set(source.id, left);
		if (left > 0) {
			source.status = 'processing';
			return;
		}
		this.readsLeft.delete(source.id);
		source.status = this.sourceOutcome;
		if (this.sourceOutcome === 'trained') source.character_count = source.content.length;
		else source.error_message = 'The website could not be reached';
	}

	private page(records: JsonObject[], req: EmulatorRequest): EmulatorReply {
		const size = req.query.page_size === undefined ? 20 : Number(req.query.page_size);
		if (!Number.isInteger(size) || size < 1 || size > 100) {
			throw apiError(400, 'invalid_parameter', 'page_size must be between 1 and 100.', 'page_size');
		}
		// assumed: a cursor is the ID of the previous page's last record (documented only as opaque)
		const start = req.query.cursor
			? records.findIndex((record) => record.id === req.query.cursor) + 1
			: 0;
		const data = records.slice(start, start + size);
		const hasMore = start + size < records.length;
		return {
			status: 200,
			json: { data, has_more: hasMore, next_cursor: hasMore ? data.at(-1)?.id : null },
		};
	}

	// assumed: every endpoint answers an unknown agent with 404 (documented for Add a source only)
	private agent(agentId: string): JsonObject {
		const agent = this.agents.get(agentId);
		if (!agent)
			throw apiError(
				404,
				'resource_not_found',
				`No agent with id '${agentId}' exists.`,
				'agent_id',
			);
		return agent;
	}

	private source(sourceId: string): SourceRecord {
		const source = this.sources.get(sourceId);
		if (!source)
			throw apiError(404, 'resource_not_found', `No source with id '${sourceId}' exists.`);
		return source;
	}

	private registerRoutes(): void {
		const body = (req: EmulatorRequest) =>
			req.body && typeof req.body === 'object' ? (req.body as JsonObject) : {};
		const route = (
			method: string,
			path: string,
			handler: (req: EmulatorRequest, res: ResponseTools) => EmulatorReply,
		) => this.server.route(method, path, handler);

		route('POST', '/agents', (req) => {
			const { name, model, system_prompt, temperature, max_tokens } = body(req);
			if (typeof name !== 'string' || name === '')
				throw apiError(400, 'missing_required_field', "The 'name' field is required.", 'name');
			if (name.length > 100)
				throw apiError(400, 'invalid_parameter', 'name is longer than 100 characters.', 'name');
			if (temperature !== undefined && (Number(temperature) < 0 || Number(temperature) > 2)) {
				throw apiError(
					400,
					'invalid_parameter',
					'temperature must be between 0.0 and 2.0.',
					'temperature',
				);
			}
			const fields = Object.fromEntries(
				Object.entries({ model, system_prompt, temperature, max_tokens }).filter(
					([, value]) => value !== undefined,
				),
			);
			// assumed: 201, as for a source (the agent page does not say 200 or 201)
			return { status: 201, json: this.addAgent(name, fields) };
		});
		// assumed: the REST list of agents, from the Node SDK's agents.list (no REST page for it)
		route('GET', '/agents', (req) => {
			const agents = [...this.agents.values()].filter(
				(agent) => !req.query.status || agent.status === req.query.status,
			);
			return this.page(agents, req);
		});
		route('POST', '/agents/:agentId/sources', (req) => {
			this.agent(req.params.agentId);
			const { type, content, crawl_subpages } = body(req);
			if (typeof type !== 'string' || typeof content !== 'string' || content === '') {
				throw apiError(
					400,
					'missing_required_field',
					"The 'type' and 'content' fields are required.",
					typeof type !== 'string' ? 'type' : 'content',
				);
			}
			if (!['website', 'text', 'file', 'qa'].includes(type))
				throw apiError(400, 'invalid_parameter', `Unknown source type '${type}'.`, 'type');
			if (type === 'website' && !/^https:\/\/[^\s/]+\.[^\s]+$/.test(content)) {
				throw apiError(400, 'invalid_parameter', 'The website URL is malformed.', 'content');
			}
			if (type === 'text' && content.length > 100_000)
				throw apiError(422, 'validation_error', 'Text is over 100,000 characters.', 'content');
			if (type === 'qa') {
				let pairs: unknown;
				try {
					pairs = JSON.parse(content);
				} catch {
					throw apiError(422, 'validation_error', 'Q&A content is not valid JSON.', 'content');
				}
				if (!Array.isArray(pairs) || pairs.length > 500)
					throw apiError(
						422,
						'validation_error',
						'Q&A content must be at most 500 pairs.',
						'content',
					);
			}
			// assumed: the content is kept and listed exactly as sent (the reference's examples echo
			// it; whether Chatsby normalises a URL or re-serialises Q&A JSON is undocumented)
			const source = this.addSource(req.params.agentId, type, content);
			if (type === 'website') source.crawl_subpages = crawl_subpages === true;
			return { status: 201, json: source };
		});
		route('GET', '/agents/:agentId/sources', (req) => {
			this.agent(req.params.agentId);
			// assumed: sources are listed oldest first (the order of the list is undocumented)
			const sources = [...this.sources.values()].filter(
				(source) =>
					source.agent_id === req.params.agentId &&
					(!req.query.status || source.status === req.query.status) &&
					(!req.query.type || source.type === req.query.type),
			);
			return this.page(sources, req);
		});
		route('GET', '/sources/:sourceId', (req) => {
			const source = this.source(req.params.sourceId);
			this.advance(source);
			return { status: 200, json: source };
		});
		route('DELETE', '/sources/:sourceId', (req) => {
			this.source(req.params.sourceId);
			this.sources.delete(req.params.sourceId);
			return { status: 204, text: '' };
		});
		route('POST', '/sources/:sourceId/refresh', (req) => {
			const source = this.source(req.params.sourceId);
			if (source.type !== 'website')
				throw apiError(400, 'invalid_operation', 'Only website sources can be refreshed.');
			if (source.status === 'pending' || source.status === 'processing') {
				throw apiError(409, 'conflict', 'The source is already processing.');
			}
			source.status = 'processing';
			source.error_message = null;
			this.readsLeft.set(source.id, this.trainingReads);
			return { status: 200, json: source };
		});
		route('POST', '/conversations', (req, res) => {
			const { agent_id, message, stream } = body(req);
			if (typeof agent_id !== 'string')
				throw apiError(
					400,
					'missing_required_field',
					"The 'agent_id' field is required.",
					'agent_id',
				);
			if (typeof message !== 'string' || message === '')
				throw apiError(
					400,
					'missing_required_field',
					"The 'message' field is required.",
					'message',
				);
			this.agent(agent_id);
			const reply = this.replyFor(message);
			const conversation = {
				id: id('conv'),
				agent_id,
				metadata: {},
				created_at: now(),
				updated_at: now(),
				messages: [
					{ role: 'user', content: message, timestamp: now() },
					{ role: 'assistant', content: reply, sources_used: [], timestamp: now() },
				],
			};
			// assumed: the non-streamed reply is the conversation object (its shape is undocumented)
			if (stream !== true) {
				this.conversations.set(conversation.id, conversation);
				return { status: 200, json: conversation };
			}
			const tokens = reply.match(/\s*\S+/g) ?? [];
			// assumed: the event type travels in the SSE `event:` line, not inside the data JSON
			let events = tokens.map(
				(token) => `event: token\ndata: ${JSON.stringify({ content: token })}\n\n`,
			);
			if (this.stream.errorAfterEvents !== undefined) {
				// assumed: the third event type is `error`, carrying an error body (it is undocumented)
				events = [
					...events.slice(0, this.stream.errorAfterEvents),
					`event: error\ndata: ${JSON.stringify({ error: { type: 'server_error', message: 'The model failed.', code: 'model_error', status: 500 } })}\n\n`,
				];
			} else {
				// assumed: what `done` carries (documented only as "end of reply")
				events.push(
					`event: done\ndata: ${JSON.stringify({ conversation_id: conversation.id })}\n\n`,
				);
			}
			return res.stream(events, {
				contentType: 'text/event-stream',
				chunkDelayMs: this.stream.delayMs,
				cutAfterChunks: this.stream.cutAfterEvents,
				onComplete: () => this.conversations.set(conversation.id, conversation),
			});
		});
	}
}

export interface ChatsbyDelivery {
	headers: Record<string, string>;
	rawBody: Buffer;
}

export type DeliveryFlaw = 'none' | 'unsigned' | 'wrongSecret' | 'stale' | 'tampered';

/**
 * A webhook delivery as Chatsby would send it, signed by the Standard Webhooks scheme (the
 * reference's inference from the `whsec_` secrets), or with one flaw for the tests. The envelope
 * `{event, created_at, data}` is the seed's.
 */

export function chatsbyDelivery(
	secret: string,
	event: string,
	data: JsonObject,
	options: { flaw?: DeliveryFlaw; id?: string; nowSeconds?: number } = {},
): ChatsbyDelivery {
	const id = options.id ?? `msg_${randomBytes(9).toString('hex')}`;
	const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
	const timestamp = String(options.flaw === 'stale' ? now - 600 : now);
	const rawBody = Buffer.from(
		JSON.stringify({ event, created_at: new Date(now * 1000).toISOString(), data }),
	);
	const key =
		options.flaw === 'wrongSecret'
			? randomBytes(24)
			: Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	// assumed: Standard Webhooks signing, inferred from the `whsec_` secrets (no scheme documented)
	const signature = createHmac('sha256', key)
		.update(`${id}.${timestamp}.`)
		.update(rawBody)
		.digest('base64');
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'webhook-id': id,
		'webhook-timestamp': timestamp,
	};
	if (options.flaw !== 'unsigned') headers['webhook-signature'] = `v1,${signature}`;
	const body =
		options.flaw === 'tampered'
			? Buffer.from(rawBody.toString().replace('"data":{', '"data":{"injected":true,'))
			: rawBody;
	return { headers, rawBody: body };
}

/** Sends a delivery to a URL (an n8n webhook), for end-to-end tests. */
export async function deliverTo(url: string, delivery: ChatsbyDelivery): Promise<number> {
	const response = await fetch(url, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.rawBody,
	});
	return response.status;
}
