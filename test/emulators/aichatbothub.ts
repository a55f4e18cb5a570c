/**
 * AI Chatbot Hub (white-label GPT-trainer) emulator, faithful to ../shared/api/aichatbothub.md (beside the project):
 * exact methods and paths (wrong method on a real path → 405), bare JSON objects/arrays,
 * `{"error": "..."}` error bodies, `{"success": true}` deletes, plain-text streamed replies,
 * per-item results inside a 200 for re-scrape, and 409 with the existing source on a duplicate upload.
 * State lives in memory; the kit's PlatformEmulator gives tests the request log and faults.
 */
import { createHash } from 'node:crypto';
import { HttpError, hexId, isoNow, PlatformEmulator } from './kit';
import type { EmulatorReply, EmulatorRequest, ResponseTools } from './kit';

// ---------------------------------------------------------------------------------------------
// API shapes (reference sections 4–8)
// ---------------------------------------------------------------------------------------------

export const CHATBOT_VISIBILITIES = ['private', 'public', 'hybrid'] as const;
export type ChatbotVisibility = (typeof CHATBOT_VISIBILITIES)[number];

export const AGENT_TYPES = [
	'user-facing',
	'background',
	'human-escalation',
	'pre-canned',
	'spam-defense',
] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export interface ChatbotObject {
	created_at: string;
	meta: {
		rate_limit: [number, number];
		rate_limit_message: string;
		show_citations: boolean;
		visibility: ChatbotVisibility;
	};
	modified_at: string;
	name: string;
	uuid: string;
}

export interface AgentObject {
	created_at: string;
	data_source_uuids: string[];
	description: string;
	/** 0 on create (the API answers a number), a boolean once updated. */
	enabled: boolean | 0 | 1;
	human_escalation_settings?: Record<string, unknown>;
	meta: { model: string; tags: unknown; temperature: number; [key: string]: unknown };
	modified_at: string;
	name: string;
	prompt: string;
	tool_functions: unknown[];
	type: AgentType;
	uuid: string;
	variables: unknown[];
}

export interface SessionObject {
	created_at: string;
	initial_variables?: Record<string, unknown>;
	meta: Record<string, unknown>;
	modified_at: string;
	uuid: string;
}

export interface MessageObject {
	cite_data_json: string;
	created_at: string;
	finish_reason: 'stop' | 'length';
	meta_json: string;
	modified_at: string;
	query: string;
	response: string;
	uuid: string;
}

export type SourceType = 'file' | 'link' | 'qa';

export interface SourceObject {
	created_at: string;
	file_name: string;
	file_size: number;
	meta_json: string;
	modified_at: string;
	status: string;
	title: string;
	tokens: number;
	type: SourceType;
	uuid: string;
}

export interface TagObject {
	color: string;
	created_at: string;
	data_source_uuids: string[];
	modified_at: string;
	name: string;
	uuid: string;
}

// Stored rows: the API object plus what the API does not show (owner, content hash, pending statuses).
export interface AgentRow {
	chatbotUuid: string;
	agent: AgentObject;
}
export interface SessionRow {
	chatbotUuid: string;
	session: SessionObject;
}
export interface MessageRow {
	sessionUuid: string;
	message: MessageObject;
}
export interface SourceRow {
	chatbotUuid: string;
	source: SourceObject;
	/** sha256 of an uploaded file's content, for the duplicate-upload 409. */
	contentHash?: string;
	/** Statuses the source still goes through, one per list read (or `advanceSource`). */
	pendingStatuses: string[];
}
export interface TagRow {
	chatbotUuid: string;
	tag: TagObject;
}

export interface AiChatbotHubEmulatorOptions {
	/** The only accepted API token (`Authorization: Bearer <token>`). */
	token?: string;
	/** Delay between streamed reply chunks (ms). */
	streamChunkDelayMs?: number;
	/** The reply text for a query. Deterministic by default: `Echo: <query>`. */
	replyFor?: (query: string) => string;
	/**
	 * Statuses a new source goes through, one per list read: the first is the status on create, the
	 * last is replaced by `sourceOutcome(source)`.
	 */
	sourceProgression?: string[];
	/** Serve the SDK-only `POST /session/{uuid}/message/non-stream` ([inferred]); off → 404 like an unknown path. */
	nonStreamEndpoint?: boolean;
}

export interface AiChatbotHubSeed {
	chatbots: { support: string; sales: string };
	agents: { supportGeneral: string; supportEscalation: string; salesGeneral: string };
	sources: {
		supportHandbookFile: string;
		supportHelpCenterLink: string;
		supportReturnsQa: string;
		salesPricingLink: string;
		salesBrochureFailed: string;
	};
	tags: { supportPolicies: string; salesPricing: string };
	session: string;
	messages: string[];
}

// ---------------------------------------------------------------------------------------------
// Validation helpers: each throws an HttpError 400 `{"error": "..."}`
// ---------------------------------------------------------------------------------------------

type JsonObject = Record<string, unknown>;

// assumed: the error body `{ "error": "…" }` (GPT-trainer's Make template reads it; no docs)
function apiError(status: number, message: string): HttpError {
	return new HttpError(status, { error: message });
}

function isPlainObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON body as an object; an empty body counts as `{}`. */
function jsonBody(req: EmulatorRequest): JsonObject {
	if (req.rawBody.length === 0) return {};
	if (req.body === undefined)
		throw apiError(400, 'Request body must be valid JSON (Content-Type: application/json)');
	if (!isPlainObject(req.body)) throw apiError(400, 'Request body must be a JSON object');
	return req.body;
}

function requiredString(body: JsonObject, field: string): string {
	const value = body[field];
	if (typeof value !== 'string' || value.trim() === '') throw apiError(400, `${field} is required`);
	return value;
}

function optionalString(body: JsonObject, field: string): string | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw apiError(400, `${field} must be a string`);
	return value;
}

function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw apiError(400, `${field} must be a boolean`);
	return value;
}

/** A number within [0, 1] (temperature, bias, stickness). */
function optionalUnitNumber(body: JsonObject, field: string): number | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
		throw apiError(400, `${field} must be a number between 0 and 1`);
	}
	return value;
}

function optionalStringArray(body: JsonObject, field: string): string[] | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
		throw apiError(400, `${field} must be an array of strings`);
	}
	return value as string[];
}

/** The `{"uuids": [...]}` body of bulk operations. */
function uuidList(body: JsonObject): string[] {
	const uuids = optionalStringArray(body, 'uuids');
	if (!uuids || uuids.length === 0)
		throw apiError(400, 'uuids must be a non-empty array of strings');
	return uuids;
}

function optionalVisibility(body: JsonObject): ChatbotVisibility | undefined {
	const value = optionalString(body, 'visibility');
	if (value !== undefined && !(CHATBOT_VISIBILITIES as readonly string[]).includes(value)) {
		throw apiError(400, `visibility must be one of ${CHATBOT_VISIBILITIES.join(', ')}`);
	}
	return value as ChatbotVisibility | undefined;
}

/** `[messages 1–100, seconds 1–360]` (reference section 4). */
function optionalRateLimit(body: JsonObject): [number, number] | undefined {
	const value = body.rate_limit;
	if (value === undefined || value === null) return undefined;
	const valid =
		Array.isArray(value) &&
		value.length === 2 &&
		Number.isInteger(value[0]) &&
		Number.isInteger(value[1]) &&
		value[0] >= 1 &&
		value[0] <= 100 &&
		value[1] >= 1 &&
		value[1] <= 360;
	if (!valid) throw apiError(400, 'rate_limit must be [messages 1-100, seconds 1-360]');
	return [value[0], value[1]];
}

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

/** Splits a reply into word-sized chunks (at least two when the text has two characters or more). */
function splitIntoChunks(text: string): string[] {
	const words = text.match(/\s*\S+\s*/g) ?? [text];
	if (words.length > 1 || text.length < 2) return words;
	const middle = Math.ceil(text.length / 2);
	return [text.slice(0, middle), text.slice(middle)];
}

const DONE_STATUSES = ['success'];
const IN_PROGRESS_DEFAULT = ['await', 'running', 'success'];

// ---------------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------------

export class AiChatbotHubEmulator extends PlatformEmulator {
	token: string;
	// Test controls, set from the options on construction and on every reset.
	streamChunkDelayMs!: number;
	replyFor!: (query: string) => string;
	sourceProgression!: string[];
	/** The final status of a source that finishes processing ('success', 'error', 'error:token', ...). */
	sourceOutcome!: (source: SourceObject) => string;
	/** When false, list reads no longer advance source statuses (use `advanceSource`/`setSourceStatus`). */
	autoAdvanceSources!: boolean;

	// State, keyed by uuid. Maps keep insertion order, which is the order lists return.
	readonly chatbots = new Map<string, ChatbotObject>();
	readonly agents = new Map<string, AgentRow>();
	readonly sessions = new Map<string, SessionRow>();
	readonly messages = new Map<string, MessageRow>();
	readonly sources = new Map<string, SourceRow>();
	readonly tags = new Map<string, TagRow>();

	/** Streams still to cut, and after how many chunks (see `cutNextStreams`). */
	private streamCutsLeft = 0;
	private streamCutAfterChunks = 1;
	private readonly options: AiChatbotHubEmulatorOptions;

	constructor(options: AiChatbotHubEmulatorOptions = {}) {
		super({ basePath: '/api/v1' });
		this.options = options;
		this.token = options.token ?? 'test-token';
		this.restoreTestControls();

		// assumed: a refused token gets 401 with these words
		this.server.authenticate = (req) =>
			req.headers.authorization === `Bearer ${this.token}`
				? undefined
				: { status: 401, json: { error: 'Unauthorized: invalid API token' } };
		this.registerRoutes(options.nonStreamEndpoint ?? false);
	}

	// --- test controls -----------------------------------------------------------------------

	/** Cuts the next `count` streamed replies after `afterChunks` chunks (connection destroyed, nothing stored). */
	cutNextStreams(afterChunks = 1, count = 1): void {
		this.streamCutAfterChunks = afterChunks;
		this.streamCutsLeft = count;
	}

	/** Moves a source one status along its progression; returns the new status. */
	advanceSource(uuid: string): string {
		const row = this.requireSourceRow(uuid);
		const next = row.pendingStatuses.shift();
		if (next !== undefined) this.applySourceStatus(row, next);
		return row.source.status;
	}

	/** Sets a source's status now (e.g. 'success', 'error', 'error:token') and stops its progression. */
	setSourceStatus(uuid: string, status: string): void {
		const row = this.requireSourceRow(uuid);
		row.pendingStatuses = [];
		this.applySourceStatus(row, status);
	}

	protected clearState(): void {
		for (const map of [
			this.chatbots,
			this.agents,
			this.sessions,
			this.messages,
			this.sources,
			this.tags,
		])
			map.clear();
		this.restoreTestControls();
	}

	/** The test controls as the constructor's options set them. */
	private restoreTestControls(): void {
		this.streamChunkDelayMs = this.options.streamChunkDelayMs ?? 2;
		this.replyFor = this.options.replyFor ?? ((query) => `Echo: ${query}`);
		this.sourceProgression = this.options.sourceProgression ?? [...IN_PROGRESS_DEFAULT];
		this.sourceOutcome = () => 'success';
		this.autoAdvanceSources = true;
		this.streamCutsLeft = 0;
	}

	// --- state accessors -------------------------------------------------------------------

	getChatbot(uuid: string): ChatbotObject | undefined {
		return this.chatbots.get(uuid);
	}
	getAgent(uuid: string): AgentObject | undefined {
		return this.agents.get(uuid)?.agent;
	}
	getSession(uuid: string): SessionObject | undefined {
		return this.sessions.get(uuid)?.session;
	}
	getMessage(uuid: string): MessageObject | undefined {
		return this.messages.get(uuid)?.message;
	}
	getSource(uuid: string): SourceObject | undefined {
		return this.sources.get(uuid)?.source;
	}
	getTag(uuid: string): TagObject | undefined {
		return this.tags.get(uuid)?.tag;
	}
	agentsOf(chatbotUuid: string): AgentObject[] {
		return [...this.agents.values()]
			.filter((row) => row.chatbotUuid === chatbotUuid)
			.map((row) => row.agent);
	}
	sessionsOf(chatbotUuid: string): SessionObject[] {
		return [...this.sessions.values()]
			.filter((row) => row.chatbotUuid === chatbotUuid)
			.map((row) => row.session);
	}
	messagesOf(sessionUuid: string): MessageObject[] {
		return [...this.messages.values()]
			.filter((row) => row.sessionUuid === sessionUuid)
			.map((row) => row.message);
	}
	sourcesOf(chatbotUuid: string): SourceObject[] {
		return [...this.sources.values()]
			.filter((row) => row.chatbotUuid === chatbotUuid)
			.map((row) => row.source);
	}
	tagsOf(chatbotUuid: string): TagObject[] {
		return [...this.tags.values()]
			.filter((row) => row.chatbotUuid === chatbotUuid)
			.map((row) => row.tag);
	}

	// --- test setup (state made directly, without requests) ----------------------------------

	/** A chatbot with its "General Q&A" agent and nothing else. */
	addTestChatbot(name = 'Test bot'): ChatbotObject {
		return this.addChatbot({ name });
	}

	/** A Q&A source, trained. */
	addTestQaSource(chatbotUuid: string, question: string, answer: string): SourceObject {
		const source = this.addQaSource(chatbotUuid, question, answer);
		this.setSourceStatus(source.uuid, 'success');
		return source;
	}

	/** A URL source (the address in `file_name`, as a created one has it), trained. */
	addTestUrlSource(chatbotUuid: string, url: string, title = url): SourceObject {
		const source = this.addSource(chatbotUuid, {
			type: 'link',
			file_name: url,
			file_size: 1000,
			title,
			meta_json: '{}',
		});
		this.setSourceStatus(source.uuid, 'success');
		return source;
	}

	/** A source tag holding these sources. */
	addTestTag(chatbotUuid: string, name: string, dataSourceUuids: string[]): TagObject {
		return this.addTag(chatbotUuid, name, '#088F8F', [...dataSourceUuids]);
	}

	// --- demo data ---------------------------------------------------------------------------

	/** Fills demo data (two chatbots with agents, sources, tags, a session with messages); returns the IDs. */
	seed(): AiChatbotHubSeed {
		const support = this.addChatbot({
			name: 'Support Bot',
			visibility: 'public',
			rate_limit: [20, 240],
			rate_limit_message: 'Too many messages, please wait a moment.',
			show_citations: true,
		});
		const sales = this.addChatbot({ name: 'Sales Bot' });
		const supportGeneral = this.agentsOf(support.uuid)[0].uuid;
		const salesGeneral = this.agentsOf(sales.uuid)[0].uuid;
		const supportEscalation = this.addAgent(support.uuid, {
			name: 'Human Escalation',
			type: 'human-escalation',
			description: 'Hands the conversation to a person',
			prompt: '',
		}).uuid;

		const handbook = this.addSource(support.uuid, {
			type: 'file',
			file_name: 'support-handbook.pdf',
			file_size: 48213,
			title: 'Support handbook',
			meta_json: '{}',
			contentHash: createHash('sha256').update('support-handbook').digest('hex'),
		});
		const helpCenter = this.addSource(support.uuid, {
			type: 'link',
			file_name: 'https://example.com/help',
			file_size: 12877,
			title: 'Help center',
			meta_json: '{}',
		});
		const returnsQa = this.addQaSource(
			support.uuid,
			'How long do returns take?',
			'Refunds arrive within 5 business days.',
		);
		const pricing = this.addSource(sales.uuid, {
			type: 'link',
			file_name: 'https://example.com/pricing',
			file_size: 6020,
			title: 'Pricing',
			meta_json: '{}',
		});
		const brochure = this.addSource(sales.uuid, {
			type: 'file',
			file_name: 'brochure-2024.pdf',
			file_size: 9_850_112,
			title: 'brochure-2024.pdf',
			meta_json: '{}',
		});
		for (const source of [handbook, helpCenter, returnsQa, pricing])
			this.setSourceStatus(source.uuid, 'success');
		this.setSourceStatus(brochure.uuid, 'error:token');

		const policies = this.addTag(support.uuid, 'Policies', '#088F8F', [
			handbook.uuid,
			returnsQa.uuid,
		]);
		const pricingTag = this.addTag(sales.uuid, 'Pricing', '#FF5733', [pricing.uuid]);

		const session = this.addSession(support.uuid);
		const messages = [
			this.addMessage(
				session.uuid,
				'How long do returns take?',
				'Refunds arrive within 5 business days.',
			),
			this.addMessage(
				session.uuid,
				'Can I talk to a person?',
				'Sure, a member of our team will join shortly.',
			),
		];

		return {
			chatbots: { support: support.uuid, sales: sales.uuid },
			agents: { supportGeneral, supportEscalation, salesGeneral },
			sources: {
				supportHandbookFile: handbook.uuid,
				supportHelpCenterLink: helpCenter.uuid,
				supportReturnsQa: returnsQa.uuid,
				salesPricingLink: pricing.uuid,
				salesBrochureFailed: brochure.uuid,
			},
			tags: { supportPolicies: policies.uuid, salesPricing: pricingTag.uuid },
			session: session.uuid,
			messages: messages.map((message) => message.uuid),
		};
	}

	// --- routes (reference section 3) ----------------------------------------------------------

	private registerRoutes(nonStreamEndpoint: boolean): void {
		const s = this.server;
		// Chatbots
		s.route('POST', '/chatbot/create', (req) => this.createChatbot(req));
		s.route('POST', '/chatbot/:uuid/update', (req) => this.updateChatbot(req));
		s.route('GET', '/chatbot/:uuid', (req, res) => res.json(this.requireChatbot(req.params.uuid)));
		s.route('GET', '/chatbots', (_req, res) => res.json([...this.chatbots.values()]));
		s.route('DELETE', '/chatbot/:uuid/delete', (req) => this.deleteChatbot(req));
		// Agents
		s.route('POST', '/chatbot/:uuid/agent/create', (req) => this.createAgent(req));
		s.route('POST', '/agent/:uuid/update', (req) => this.updateAgent(req));
		s.route('GET', '/chatbot/:uuid/agents', (req, res) =>
			res.json(this.agentsOf(this.requireChatbot(req.params.uuid).uuid)),
		);
		s.route('DELETE', '/agent/:uuid/delete', (req) => this.deleteAgent(req));
		// Sessions
		s.route('POST', '/chatbot/:uuid/session/create', (req) => this.createSession(req));
		s.route('GET', '/session/:uuid', (req, res) =>
			res.json(this.requireSessionRow(req.params.uuid).session),
		);
		s.route('GET', '/chatbot/:uuid/sessions', (req, res) =>
			res.json(this.sessionsOf(this.requireChatbot(req.params.uuid).uuid)),
		);
		s.route('POST', '/session/:uuid/delete', (req) => this.deleteSession(req));
		// Messages
		s.route('POST', '/session/:uuid/message/stream', (req, res) => this.streamMessage(req, res));
		if (nonStreamEndpoint)
			s.route('POST', '/session/:uuid/message/non-stream', (req) => this.nonStreamMessage(req));
		// Quirk 2: `POST /session/{uuid}/message` (no suffix) answers 405 on the real host.
		s.methodNotAllowed('/session/:uuid/message');
		s.route('GET', '/session/:uuid/messages', (req, res) =>
			res.json(this.messagesOf(this.requireSessionRow(req.params.uuid).session.uuid)),
		);
		s.route('POST', '/message/:uuid/delete', (req) => this.deleteMessage(req));
		s.route('POST', '/messages/delete', (req) => this.deleteMessages(req));
		// Data sources
		s.route('POST', '/chatbot/:uuid/data-source/upload', (req) => this.uploadSource(req));
		s.route('POST', '/chatbot/:uuid/data-source/qa', (req) => this.createQaSource(req));
		s.route('POST', '/chatbot/:uuid/data-source/url', (req) => this.createUrlSource(req));
		s.route('POST', '/data-source/:uuid/update', (req) => this.updateSource(req));
		s.route('GET', '/chatbot/:uuid/data-sources', (req) => this.listSources(req));
		s.route('POST', '/data-sources/url/re-scrape', (req) => this.reScrape(req));
		s.route('POST', '/data-source/:uuid/delete', (req) => this.deleteSource(req));
		s.route('POST', '/data-sources/delete', (req) => this.deleteSources(req));
		// Source tags
		s.route('POST', '/chatbot/:uuid/source-tag/create', (req) => this.createTag(req));
		s.route('GET', '/chatbot/:uuid/source-tags', (req, res) =>
			res.json(this.tagsOf(this.requireChatbot(req.params.uuid).uuid)),
		);
		s.route('POST', '/source-tag/:uuid/update', (req) => this.updateTag(req));
		s.route('DELETE', '/source-tag/:uuid/delete', (req) => this.deleteTag(req));
	}

	// --- lookups (404 `{"error": "... not found"}`) ---------------------------------------------
	// assumed: an unknown ID gets 404 (the status of a missing object is undocumented)

	private requireChatbot(uuid: string): ChatbotObject {
		const chatbot = this.chatbots.get(uuid);
		if (!chatbot) throw apiError(404, 'Chatbot not found');
		return chatbot;
	}
	private requireAgentRow(uuid: string): AgentRow {
		const row = this.agents.get(uuid);
		if (!row) throw apiError(404, 'Agent not found');
		return row;
	}
	private requireSessionRow(uuid: string): SessionRow {
		const row = this.sessions.get(uuid);
		if (!row) throw apiError(404, 'Session not found');
		return row;
	}
	private requireSourceRow(uuid: string): SourceRow {
		const row = this.sources.get(uuid);
		if (!row) throw apiError(404, 'Data source not found');
		return row;
	}
	private requireTagRow(uuid: string): TagRow {
		const row = this.tags.get(uuid);
		if (!row) throw apiError(404, 'Source tag not found');
		return row;
	}

	// --- chatbots ------------------------------------------------------------------------------

	private createChatbot(req: EmulatorRequest): EmulatorReply {
		const body = jsonBody(req);
		const name = requiredString(body, 'name');
		const chatbot = this.addChatbot({
			name,
			visibility: optionalVisibility(body),
			rate_limit: optionalRateLimit(body),
			rate_limit_message: optionalString(body, 'rate_limit_message'),
			show_citations: optionalBoolean(body, 'show_citations'),
		});
		return { status: 200, json: chatbot };
	}

	private updateChatbot(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		const body = jsonBody(req);
		if (body.name !== undefined) chatbot.name = requiredString(body, 'name');
		const visibility = optionalVisibility(body);
		const rateLimit = optionalRateLimit(body);
		const rateLimitMessage = optionalString(body, 'rate_limit_message');
		const showCitations = optionalBoolean(body, 'show_citations');
		if (visibility !== undefined) chatbot.meta.visibility = visibility;
		if (rateLimit !== undefined) chatbot.meta.rate_limit = rateLimit;
		if (rateLimitMessage !== undefined) chatbot.meta.rate_limit_message = rateLimitMessage;
		if (showCitations !== undefined) chatbot.meta.show_citations = showCitations;
		chatbot.modified_at = isoNow();
		return { status: 200, json: chatbot };
	}

	private deleteChatbot(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		// Everything the chatbot owns goes with it.
		for (const [uuid, row] of this.agents)
			if (row.chatbotUuid === chatbot.uuid) this.agents.delete(uuid);
		for (const [uuid, row] of this.sources)
			if (row.chatbotUuid === chatbot.uuid) this.sources.delete(uuid);
		for (const [uuid, row] of this.tags)
			if (row.chatbotUuid === chatbot.uuid) this.tags.delete(uuid);
		for (const [uuid, row] of this.sessions) {
			if (row.chatbotUuid === chatbot.uuid) this.removeSession(uuid);
		}
		this.chatbots.delete(chatbot.uuid);
		return { status: 200, json: { success: true } };
	}

	private addChatbot(fields: {
		name: string;
		visibility?: ChatbotVisibility;
		rate_limit?: [number, number];
		rate_limit_message?: string;
		show_citations?: boolean;
	}): ChatbotObject {
		const now = isoNow();
		const chatbot: ChatbotObject = {
			created_at: now,
			meta: {
				rate_limit: fields.rate_limit ?? [20, 240],
				rate_limit_message: fields.rate_limit_message ?? 'Too many messages',
				show_citations: fields.show_citations ?? false,
				visibility: fields.visibility ?? 'private',
			},
			modified_at: now,
			name: fields.name,
			uuid: hexId(),
		};
		this.chatbots.set(chatbot.uuid, chatbot);
		// A new chatbot automatically gets a "General Q&A" user-facing agent (reference section 4).
		const general = this.addAgent(chatbot.uuid, {
			name: 'General Q&A',
			type: 'user-facing',
			description: 'Answers general questions using the chatbot’s data sources',
			prompt: 'You are a helpful assistant. Answer using the provided sources.',
			use_all_sources: true,
		});
		general.enabled = true;
		return chatbot;
	}

	// --- agents --------------------------------------------------------------------------------

	private createAgent(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		const body = jsonBody(req);
		const name = requiredString(body, 'name');
		const type = requiredString(body, 'type');
		if (!(AGENT_TYPES as readonly string[]).includes(type)) {
			throw apiError(400, `type must be one of ${AGENT_TYPES.join(', ')}`);
		}
		// At most one human-escalation and one spam-defense agent per chatbot.
		if (
			(type === 'human-escalation' || type === 'spam-defense') &&
			this.agentsOf(chatbot.uuid).some((agent) => agent.type === type)
		) {
			throw apiError(400, `A chatbot can have only one ${type} agent`);
		}
		const metaModel =
			isPlainObject(body.meta) && typeof body.meta.model === 'string' ? body.meta.model : undefined;
		const agent = this.addAgent(chatbot.uuid, {
			name,
			type: type as AgentType,
			description: optionalString(body, 'description'),
			prompt: optionalString(body, 'prompt'),
			model: optionalString(body, 'model') ?? metaModel,
			temperature: optionalUnitNumber(body, 'temperature'),
			bias: optionalUnitNumber(body, 'bias'),
			stickness: optionalUnitNumber(body, 'stickness'),
			default_message: optionalString(body, 'default_message'),
			tags: body.tags,
			use_all_sources: optionalBoolean(body, 'use_all_sources'),
		});
		// The create response is smaller than the stored agent (reference example: no data_source_uuids, tool_functions).
		const created: Partial<AgentObject> = { ...agent };
		delete created.data_source_uuids;
		delete created.tool_functions;
		delete created.human_escalation_settings;
		return { status: 200, json: created };
	}

	private updateAgent(req: EmulatorRequest): EmulatorReply {
		const { agent } = this.requireAgentRow(req.params.uuid);
		const body = jsonBody(req);
		if (body.name !== undefined) agent.name = requiredString(body, 'name');
		const prompt = optionalString(body, 'prompt');
		const description = optionalString(body, 'description');
		const model = optionalString(body, 'model');
		const enabled = optionalBoolean(body, 'enabled');
		const dataSourceUuids = optionalStringArray(body, 'data_source_uuids');
		const temperature = optionalUnitNumber(body, 'temperature');
		const useAllSources = optionalBoolean(body, 'use_all_sources');
		if (body.variables !== undefined && !Array.isArray(body.variables))
			throw apiError(400, 'variables must be an array');
		if (
			body.human_escalation_settings !== undefined &&
			!isPlainObject(body.human_escalation_settings)
		) {
			throw apiError(400, 'human_escalation_settings must be an object');
		}
		if (prompt !== undefined) agent.prompt = prompt;
		if (description !== undefined) agent.description = description;
		if (model !== undefined) agent.meta.model = model;
		if (enabled !== undefined) agent.enabled = enabled;
		if (dataSourceUuids !== undefined) agent.data_source_uuids = dataSourceUuids;
		if (temperature !== undefined) agent.meta.temperature = temperature;
		if (useAllSources !== undefined) agent.meta.use_all_sources = useAllSources;
		if (Array.isArray(body.variables)) agent.variables = body.variables;
		if (isPlainObject(body.human_escalation_settings))
			agent.human_escalation_settings = body.human_escalation_settings;
		if (body.tags !== undefined) agent.meta.tags = body.tags;
		agent.modified_at = isoNow();
		return { status: 200, json: agent };
	}

	private deleteAgent(req: EmulatorRequest): EmulatorReply {
		this.requireAgentRow(req.params.uuid);
		this.agents.delete(req.params.uuid);
		return { status: 200, json: { success: true } };
	}

	private addAgent(
		chatbotUuid: string,
		fields: {
			name: string;
			type: AgentType;
			description?: string;
			prompt?: string;
			model?: string;
			temperature?: number;
			bias?: number;
			stickness?: number;
			default_message?: string;
			tags?: unknown;
			use_all_sources?: boolean;
		},
	): AgentObject {
		const now = isoNow();
		const meta: AgentObject['meta'] = {
			model: fields.model ?? 'gpt-4o-mini-4k',
			tags: fields.tags ?? [],
			temperature: fields.temperature ?? 0,
		};
		if (fields.bias !== undefined) meta.bias = fields.bias;
		if (fields.stickness !== undefined) meta.stickness = fields.stickness;
		if (fields.default_message !== undefined) meta.default_message = fields.default_message;
		if (fields.use_all_sources !== undefined) meta.use_all_sources = fields.use_all_sources;
		const agent: AgentObject = {
			created_at: now,
			data_source_uuids: [],
			description: fields.description ?? '',
			enabled: 0, // new agents are disabled (the API answers 0)
			meta,
			modified_at: now,
			name: fields.name,
			prompt: fields.prompt ?? '',
			tool_functions: [],
			type: fields.type,
			uuid: hexId(),
			variables: [],
		};
		this.agents.set(agent.uuid, { chatbotUuid, agent });
		return agent;
	}

	// --- sessions ------------------------------------------------------------------------------

	private createSession(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		const body = jsonBody(req);
		let initialVariables: JsonObject | undefined;
		if (body.initial_variables !== undefined && body.initial_variables !== null) {
			// "a flat object with only one level of depth"
			const flat =
				isPlainObject(body.initial_variables) &&
				Object.values(body.initial_variables).every(
					(value) => value === null || typeof value !== 'object',
				);
			if (!flat) throw apiError(400, 'initial_variables must be a flat object');
			initialVariables = body.initial_variables as JsonObject;
		}
		const session = this.addSession(chatbot.uuid, initialVariables);
		// The create response shows no `meta` (reference example).
		const created: Partial<SessionObject> = { ...session };
		delete created.meta;
		return { status: 200, json: created };
	}

	private deleteSession(req: EmulatorRequest): EmulatorReply {
		this.requireSessionRow(req.params.uuid);
		this.removeSession(req.params.uuid);
		return { status: 200, json: { success: true } };
	}

	private addSession(chatbotUuid: string, initialVariables?: JsonObject): SessionObject {
		const now = isoNow();
		const session: SessionObject = {
			created_at: now,
			...(initialVariables ? { initial_variables: initialVariables } : {}),
			meta: {},
			modified_at: now,
			uuid: hexId(),
		};
		this.sessions.set(session.uuid, { chatbotUuid, session });
		return session;
	}

	private removeSession(sessionUuid: string): void {
		for (const [uuid, row] of this.messages)
			if (row.sessionUuid === sessionUuid) this.messages.delete(uuid);
		this.sessions.delete(sessionUuid);
	}

	// --- messages ------------------------------------------------------------------------------

	/** Streams the reply as plain text (no SSE, no JSON); the message is stored when the stream ends. */
	private streamMessage(req: EmulatorRequest, res: ResponseTools): EmulatorReply {
		const { session, chatbotUuid } = this.requireSessionRow(req.params.uuid);
		const query = requiredString(jsonBody(req), 'query');
		const response = this.replyFor(query);
		let cutAfterChunks: number | undefined;
		if (this.streamCutsLeft > 0) {
			this.streamCutsLeft--;
			cutAfterChunks = this.streamCutAfterChunks;
		}
		// assumed: the stream's content type and how the text is cut (documented only as plain text)
		return res.stream(splitIntoChunks(response), {
			contentType: 'text/plain; charset=utf-8',
			chunkDelayMs: this.streamChunkDelayMs,
			...(cutAfterChunks !== undefined ? { cutAfterChunks } : {}),
			onComplete: () => {
				if (this.sessions.has(session.uuid))
					this.addMessage(session.uuid, query, response, chatbotUuid);
			},
		});
	}

	// assumed: `/message/non-stream` and its `{ response }` answer (the unofficial SDK's, in no docs)
	/** The SDK-only endpoint, served only with `nonStreamEndpoint: true`. */
	private nonStreamMessage(req: EmulatorRequest): EmulatorReply {
		const { session, chatbotUuid } = this.requireSessionRow(req.params.uuid);
		const query = requiredString(jsonBody(req), 'query');
		const response = this.replyFor(query);
		this.addMessage(session.uuid, query, response, chatbotUuid);
		return { status: 200, json: { response } };
	}

	private deleteMessage(req: EmulatorRequest): EmulatorReply {
		if (!this.messages.has(req.params.uuid)) throw apiError(404, 'Message not found');
		this.messages.delete(req.params.uuid);
		return { status: 200, json: { success: true } };
	}

	// assumed: a bulk delete ignores unknown UUIDs (undocumented)
	private deleteMessages(req: EmulatorRequest): EmulatorReply {
		for (const uuid of uuidList(jsonBody(req))) this.messages.delete(uuid);
		return { status: 200, json: { success: true } };
	}

	private addMessage(
		sessionUuid: string,
		query: string,
		response: string,
		chatbotUuid?: string,
	): MessageObject {
		const owner = chatbotUuid ?? this.sessions.get(sessionUuid)?.chatbotUuid;
		const chatbot = owner ? this.chatbots.get(owner) : undefined;
		// Citations only when the chatbot shows them.
		// assumed: the citation shape inside cite_data_json (undocumented)
		const citations = chatbot?.meta.show_citations
			? this.sourcesOf(chatbot.uuid)
					.filter((source) => source.status === 'success')
					.map((source) => ({ data_source_uuid: source.uuid, title: source.title }))
			: [];
		const now = isoNow();
		const message: MessageObject = {
			cite_data_json: JSON.stringify(citations),
			created_at: now,
			finish_reason: 'stop',
			meta_json: JSON.stringify({}),
			modified_at: now,
			query,
			response,
			uuid: hexId(),
		};
		this.messages.set(message.uuid, { sessionUuid, message });
		const sessionRow = this.sessions.get(sessionUuid);
		if (sessionRow) sessionRow.session.modified_at = now;
		return message;
	}

	// --- data sources --------------------------------------------------------------------------

	/** multipart/form-data: part `file` (required) and optional plain field `reference_source_link`. */
	private uploadSource(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		if (!req.multipart) throw apiError(400, 'Expected multipart/form-data with a file part');
		const file = req.multipart.find((part) => part.name === 'file' && part.filename !== undefined);
		if (!file || !file.filename) throw apiError(400, 'file is required');
		const referenceLink = req.multipart.find(
			(part) => part.name === 'reference_source_link' && part.filename === undefined,
		);
		const contentHash = createHash('sha256').update(file.data).digest('hex');

		// assumed: same name and bytes as a source of the chatbot → 409 with that source (the SDK's)
		const duplicate = [...this.sources.values()].find(
			(row) =>
				row.chatbotUuid === chatbot.uuid &&
				row.source.type === 'file' &&
				row.source.file_name === file.filename &&
				row.contentHash === contentHash,
		);
		if (duplicate) return { status: 409, json: duplicate.source };

		const meta = referenceLink
			? { reference_source_link: referenceLink.data.toString('utf8') }
			: {};
		const source = this.addSource(chatbot.uuid, {
			type: 'file',
			file_name: file.filename,
			file_size: file.data.length,
			title: file.filename,
			meta_json: JSON.stringify(meta),
			contentHash,
		});
		return { status: 200, json: source };
	}

	private createQaSource(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		const body = jsonBody(req);
		const question = requiredString(body, 'question');
		const answer = requiredString(body, 'answer');
		const referenceLink = optionalString(body, 'reference_source_link');
		return { status: 200, json: this.addQaSource(chatbot.uuid, question, answer, referenceLink) };
	}

	private createUrlSource(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		const body = jsonBody(req);
		const url = requiredString(body, 'url');
		if (!isHttpUrl(url)) throw apiError(400, 'url must be a valid http(s) URL');
		const referenceLink = optionalString(body, 'reference_source_link');
		// assumed: a URL source keeps its address in `file_name` (no page names the field), title too at first
		const source = this.addSource(chatbot.uuid, {
			type: 'link',
			file_name: url,
			file_size: 0,
			title: url,
			meta_json: JSON.stringify(referenceLink ? { reference_source_link: referenceLink } : {}),
		});
		return { status: 200, json: source };
	}

	private updateSource(req: EmulatorRequest): EmulatorReply {
		const { source } = this.requireSourceRow(req.params.uuid);
		source.title = requiredString(jsonBody(req), 'title');
		source.modified_at = isoNow();
		return { status: 200, json: source };
	}

	/** Each list read moves in-progress sources one status further (await → running → success by default). */
	private listSources(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		const rows = [...this.sources.values()].filter((row) => row.chatbotUuid === chatbot.uuid);
		if (this.autoAdvanceSources) {
			for (const row of rows) {
				const next = row.pendingStatuses.shift();
				if (next !== undefined) this.applySourceStatus(row, next);
			}
		}
		return { status: 200, json: rows.map((row) => row.source) };
	}

	/** One item per requested UUID, in order; per-item failures arrive inside the 200. */
	private reScrape(req: EmulatorRequest): EmulatorReply {
		const results = uuidList(jsonBody(req)).map((uuid) => {
			const row = this.sources.get(uuid);
			if (!row || row.source.type !== 'link') return { error: 'invalid data source', uuid };
			this.applySourceStatus(row, 'running');
			row.pendingStatuses = [this.sourceOutcome(row.source)];
			return { status: 'restarted scraping', uuid };
		});
		return { status: 200, json: results };
	}

	private deleteSource(req: EmulatorRequest): EmulatorReply {
		this.requireSourceRow(req.params.uuid);
		this.removeSource(req.params.uuid);
		return { status: 200, json: { success: true } };
	}

	// assumed: a bulk delete ignores unknown UUIDs (undocumented)
	private deleteSources(req: EmulatorRequest): EmulatorReply {
		for (const uuid of uuidList(jsonBody(req))) this.removeSource(uuid);
		return { status: 200, json: { success: true } };
	}

	private addQaSource(
		chatbotUuid: string,
		question: string,
		answer: string,
		referenceLink?: string,
	): SourceObject {
		return this.addSource(chatbotUuid, {
			type: 'qa',
			file_name: '',
			file_size: Buffer.byteLength(question + answer, 'utf8'),
			title: question,
			// meta_json holds question/answer as a JSON string (reference section 7).
			meta_json: JSON.stringify({
				question,
				answer,
				...(referenceLink ? { reference_source_link: referenceLink } : {}),
			}),
		});
	}

	private addSource(
		chatbotUuid: string,
		fields: {
			type: SourceType;
			file_name: string;
			file_size: number;
			title: string;
			meta_json: string;
			contentHash?: string;
		},
	): SourceObject {
		const now = isoNow();
		const [initialStatus = 'await', ...laterStatuses] = this.sourceProgression;
		const source: SourceObject = {
			created_at: now,
			file_name: fields.file_name,
			file_size: fields.file_size,
			meta_json: fields.meta_json,
			modified_at: now,
			status: initialStatus,
			title: fields.title,
			tokens: 0,
			type: fields.type,
			uuid: hexId(),
		};
		// The last step of the progression is the outcome, which a test may turn into 'error' or 'error:token'.
		const pendingStatuses =
			laterStatuses.length > 0 ? [...laterStatuses.slice(0, -1), this.sourceOutcome(source)] : [];
		this.sources.set(source.uuid, {
			chatbotUuid,
			source,
			pendingStatuses,
			...(fields.contentHash ? { contentHash: fields.contentHash } : {}),
		});
		return source;
	}

	private applySourceStatus(row: SourceRow, status: string): void {
		row.source.status = status;
		// assumed: tokens count once processing succeeds (~4 bytes a token); failed sources hold none
		row.source.tokens = DONE_STATUSES.includes(status)
			? Math.max(1, Math.ceil(row.source.file_size / 4))
			: 0;
		row.source.modified_at = isoNow();
	}

	private removeSource(sourceUuid: string): void {
		if (!this.sources.delete(sourceUuid)) return;
		// assumed: tags and agents stop referring to a deleted source (undocumented)
		for (const { tag } of this.tags.values()) {
			tag.data_source_uuids = tag.data_source_uuids.filter((uuid) => uuid !== sourceUuid);
		}
		for (const { agent } of this.agents.values()) {
			agent.data_source_uuids = agent.data_source_uuids.filter((uuid) => uuid !== sourceUuid);
		}
	}

	// --- source tags ---------------------------------------------------------------------------

	private createTag(req: EmulatorRequest): EmulatorReply {
		const chatbot = this.requireChatbot(req.params.uuid);
		const body = jsonBody(req);
		const name = requiredString(body, 'name');
		const color = requiredHexColor(body);
		const dataSourceUuids = optionalStringArray(body, 'data_source_uuids') ?? [];
		return { status: 200, json: this.addTag(chatbot.uuid, name, color, dataSourceUuids) };
	}

	// assumed: `data_source_uuids` replaces the tag's list (the likely reading of the reference)
	private updateTag(req: EmulatorRequest): EmulatorReply {
		const { tag } = this.requireTagRow(req.params.uuid);
		const body = jsonBody(req);
		if (body.name !== undefined) tag.name = requiredString(body, 'name');
		if (body.color !== undefined) tag.color = requiredHexColor(body);
		const dataSourceUuids = optionalStringArray(body, 'data_source_uuids');
		if (dataSourceUuids !== undefined) tag.data_source_uuids = dataSourceUuids;
		tag.modified_at = isoNow();
		return { status: 200, json: tag };
	}

	private deleteTag(req: EmulatorRequest): EmulatorReply {
		this.requireTagRow(req.params.uuid);
		this.tags.delete(req.params.uuid);
		return { status: 200, json: { success: true } };
	}

	private addTag(
		chatbotUuid: string,
		name: string,
		color: string,
		dataSourceUuids: string[],
	): TagObject {
		const now = isoNow();
		const tag: TagObject = {
			color,
			created_at: now,
			data_source_uuids: dataSourceUuids,
			modified_at: now,
			name,
			uuid: hexId(),
		};
		this.tags.set(tag.uuid, { chatbotUuid, tag });
		return tag;
	}
}

function requiredHexColor(body: JsonObject): string {
	const color = requiredString(body, 'color');
	if (!/^#[0-9a-fA-F]{6}$/.test(color))
		throw apiError(400, 'color must be a hex colour such as #088F8F');
	return color;
}
