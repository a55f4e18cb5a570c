/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * A small HTTP emulator kit: a real `node:http` server on 127.0.0.1 with routing, a request log,
 * in-flight tracking, request limits and fault injection. Every platform emulator builds on it, so
 * the nodes' real request path (auth, headers, body encoding, retries, limits) is exercised in tests.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** One part of a multipart/form-data body. */
export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/** What a route handler (and the `authenticate` hook) sees of a request. */
export interface EmulatorRequest {
	method: string;
	/** Full path including basePath, without the query string, still URL-encoded as received. */
	path: string;
	/** The path relative to basePath (e.g. `/chatbot/abc/update`), still URL-encoded as received. */
	routePath: string;
	/** Route parameters (`:uuid`), URL-decoded. Empty until a route matched. */
	params: Record<string, string>;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** JSON-parsed body when the content-type is JSON and the body parses; otherwise undefined. */
	body: unknown;
	/** Parsed parts when the content-type is multipart/form-data. */
	multipart?: MultipartPart[];
}

/** A request as kept in the log, with what happened to it. */
export interface RecordedRequest extends EmulatorRequest {
	/** Arrival time (ms since epoch). */
	startedAt: number;
	/** When the response finished or the connection closed (ms since epoch). */
	finishedAt?: number;
	/** The status sent; undefined when no response was sent (reset, hang, still running). */
	status?: number;
	/** True when the connection closed before the response was complete (reset, cut stream, client abort). */
	aborted: boolean;
	/** The fault applied to this request, if any. */
	fault?: FaultKind;
	/** Set when a request limit rejected this request with 429. */
	rejectedBy?: 'inFlightLimit' | 'rateLimit';
	/** For a streamed reply: when its first chunk was written (ms since epoch, sub-millisecond). */
	firstChunkAt?: number;
}

export interface JsonReply {
	status: number;
	json: unknown;
	headers?: Record<string, string>;
}

export interface TextReply {
	status: number;
	text: string;
	contentType?: string;
	headers?: Record<string, string>;
}

export interface StreamReply {
	status: number;
	/** Chunks written one after another, with `chunkDelayMs` between them (chunked transfer encoding). */
	stream: Array<string | Buffer>;
	contentType?: string;
	chunkDelayMs?: number;
	/** Destroy the connection after writing this many chunks (a stream cut midway). */
	cutAfterChunks?: number;
	/**
	 * Called after the last chunk is written and just before the response ends, so whatever it stores
	 * is visible to the client's next request. Not called when the stream is cut or the client leaves.
	 */
	onComplete?: () => void;
	headers?: Record<string, string>;
}

export type EmulatorReply = JsonReply | TextReply | StreamReply;

/** Builders for replies, passed to every handler. `raw` is an escape hatch: write to it and return nothing. */
export interface ResponseTools {
	json(json: unknown, status?: number, headers?: Record<string, string>): JsonReply;
	/** `{ "error": message }` with the given status. */
	error(status: number, message: string): JsonReply;
	text(text: string, options?: { status?: number; contentType?: string }): TextReply;
	stream(
		chunks: Array<string | Buffer>,
		options?: Omit<StreamReply, 'stream' | 'status'> & { status?: number },
	): StreamReply;
	raw: http.ServerResponse;
}

export type RouteHandler = (
	req: EmulatorRequest,
	res: ResponseTools,
) => EmulatorReply | void | Promise<EmulatorReply | void>;

/** Throw from a handler to answer with a given status and JSON body instead of a 500. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly json: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
	}
}

export type FaultKind =
	| 'status'
	| 'slow'
	| 'reset'
	| 'malformedJson'
	| 'htmlError'
	| 'hang'
	| 'truncate';

/** Which requests a fault applies to, and how many times. */
export interface FaultMatch {
	/** HTTP method, case-insensitive; any method when omitted. */
	method?: string;
	/** Tested against `routePath` (relative to basePath, still URL-encoded); any path when omitted. */
	path?: RegExp;
	/** Apply to the next N matching requests only; unlimited when omitted. */
	times?: number;
	/**
	 * Only requests this accepts (e.g. one input item's request, told apart by its body or query).
	 * Called before routing, so `params` is still empty.
	 */
	where?: (request: EmulatorRequest) => boolean;
	/**
	 * Let the route handle the request first, so whatever it creates or changes stays, then apply
	 * the fault to the answer: the service did the work, but the client never got its reply.
	 * Without it a fault answers in place of the route (`slow` delays, then the route answers).
	 * A handler that writes to `res.raw` itself gets no fault.
	 */
	afterProcessing?: boolean;
}

export type FaultSpec = FaultMatch &
	(
		| {
				kind: 'status';
				status: number;
				/** Sent as the `Retry-After` header (seconds). */
				retryAfterSeconds?: number;
				/** Body; defaults to `{ "error": <status text> }`. */
				json?: unknown;
				/** Plain-text body instead of JSON. */
				text?: string;
		  }
		| { kind: 'slow'; delayMs: number }
		| { kind: 'reset' }
		| { kind: 'malformedJson'; body?: string }
		| { kind: 'htmlError'; status?: number; html?: string }
		| { kind: 'hang' }
		| {
				/**
				 * The route's answer breaks off: its status and headers go out (with the full
				 * content-length), then only part of the body. Always after processing.
				 */
				kind: 'truncate';
				/** Bytes of a whole (JSON or text) body that are sent; default: half of it. */
				afterBytes?: number;
				/** Chunks of a streamed answer that are sent; default: all but the last one. */
				afterChunks?: number;
				/** Keep the connection open without sending more (a stalled answer) instead of closing it. */
				stall?: boolean;
		  }
	);

/** An installed fault; `hits` counts the requests it has been applied to. */
export type ActiveFault = FaultSpec & { hits: number };

interface Route {
	/** Upper-case method; '' marks a path that exists but accepts no method (always 405). */
	method: string;
	segments: string[];
	handler?: RouteHandler;
}

// ---------------------------------------------------------------------------------------------
// Helpers for realistic data
// ---------------------------------------------------------------------------------------------

/** 32 lowercase hex characters without dashes, like AI Chatbot Hub's `uuid`. */
export function hexId(): string {
	return randomBytes(16).toString('hex');
}

/** The current time as `2024-07-25T21:19:01Z` (no milliseconds). */
export function isoNow(): string {
	return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---------------------------------------------------------------------------------------------
// Body parsing
// ---------------------------------------------------------------------------------------------

function headerValue(headers: http.IncomingHttpHeaders, name: string): string {
	const value = headers[name];
	return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

function isJsonContentType(contentType: string): boolean {
	return /^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim());
}

/**
 * Parses a multipart/form-data body. The boundary comes from the content-type header.
 * Returns undefined when the content-type has no boundary.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] | undefined {
	const boundaryMatch = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	if (!boundaryMatch) return undefined;
	const boundary = boundaryMatch[1] ?? boundaryMatch[2];
	const delimiter = Buffer.from(`--${boundary}`);
	// Every delimiter after the first is preceded by CRLF, which belongs to the delimiter, not the data.
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`);

	const parts: MultipartPart[] = [];
	let position = body.indexOf(delimiter);
	if (position < 0) return parts;
	position += delimiter.length;

	while (position < body.length) {
		// "--" right after a delimiter closes the body.
		if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
		if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;

		const end = body.indexOf(nextDelimiter, position);
		if (end < 0) break; // truncated body: ignore the unterminated part
		const part = body.subarray(position, end);
		position = end + nextDelimiter.length;

		let headerText = '';
		let data: Buffer;
		if (part[0] === 0x0d && part[1] === 0x0a) {
			data = part.subarray(2); // a part without headers
		} else {
			const headerEnd = part.indexOf('\r\n\r\n');
			if (headerEnd < 0) continue;
			headerText = part.subarray(0, headerEnd).toString('utf8');
			data = part.subarray(headerEnd + 4);
		}

		const headers: Record<string, string> = {};
		for (const line of headerText.split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0)
				headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const disposition = headers['content-disposition'] ?? '';
		const name =
			/;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? /;\s*name=([^;\s]+)/i.exec(disposition)?.[1];
		const encodedFilename = /;\s*filename\*=(?:UTF-8|utf-8)''([^;\s]+)/.exec(disposition)?.[1];
		const filename = encodedFilename
			? decodeURIComponent(encodedFilename)
			: (/;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ??
				/;\s*filename=([^;\s]+)/i.exec(disposition)?.[1]);

		parts.push({
			name: name ?? '',
			...(filename !== undefined ? { filename } : {}),
			...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
			data,
		});
	}
	return parts;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
		// A client that leaves mid-body may not emit 'end'; settle with what arrived (no-op if already settled).
		req.on('close', () => resolve(Buffer.concat(chunks)));
	});
}

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------

function splitPath(path: string): string[] {
	return path.split('/').filter((segment) => segment !== '');
}

/**
 * Matches raw (still encoded) path segments against a pattern like `/chatbot/:uuid/update`.
 * Literal segments compare as received; `:name` segments are URL-decoded into params.
 */
function matchSegments(pattern: string[], path: string[]): Record<string, string> | undefined {
	if (pattern.length !== path.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith(':')) {
			try {
				params[pattern[i].slice(1)] = decodeURIComponent(path[i]);
			} catch {
				return undefined; // malformed percent-encoding
			}
		} else if (pattern[i] !== path[i]) {
			return undefined;
		}
	}
	return params;
}

const STREAM_CONTENT_TYPE = 'text/plain; charset=utf-8';

const DEFAULT_HTML_ERROR = (status: number) =>
	`<html>\r\n<head><title>${status} ${http.STATUS_CODES[status] ?? 'Error'}</title></head>\r\n<body>\r\n` +
	`<center><h1>${status} ${http.STATUS_CODES[status] ?? 'Error'}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

export class EmulatorServer {
	readonly basePath: string;

	/** Every request received, in arrival order of completed bodies, with the status it got. */
	readonly requests: RecordedRequest[] = [];

	/** Checked before routing (after faults); return a reply to refuse the request (e.g. 401). */
	authenticate?: (req: EmulatorRequest) => JsonReply | undefined;

	/** Requests currently between arrival and the end of their response. */
	inFlight = 0;
	/** Highest `inFlight` seen since start or the last `resetPeak()`. */
	peakInFlight = 0;
	/** Requests answered 429 by `limitInFlight` or `limitRate`. */
	rejectedByLimit = 0;

	private readonly routes: Route[] = [];
	private faults: ActiveFault[] = [];
	private inFlightLimit?: { max: number; retryAfterSeconds: number };
	private rateLimit?: { perSecond: number; retryAfterSeconds: number };
	/** Arrival times of requests accepted within the last second (for `limitRate`). */
	private recentArrivals: number[] = [];

	private httpServer?: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private baseUrl?: string;

	constructor(options: { basePath?: string } = {}) {
		// Normalise to '' or '/something' without a trailing slash.
		const base = (options.basePath ?? '').replace(/\/+$/, '');
		this.basePath = base === '' || base.startsWith('/') ? base : `/${base}`;
	}

	// --- lifecycle -------------------------------------------------------------------------

	/** Starts listening on 127.0.0.1 (random port unless given) and returns the base URL. */
	async start(port = 0): Promise<string> {
		if (this.httpServer) throw new Error('Emulator already started');
		const server = http.createServer((req, res) => this.onRequest(req, res));
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.httpServer = server;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const address = server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${address.port}${this.basePath}`;
		return this.baseUrl;
	}

	/** Closes the server, destroying open (also hanging and keep-alive) connections and pending timers. */
	async stop(): Promise<void> {
		const server = this.httpServer;
		if (!server) return;
		this.httpServer = undefined;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	/** The base URL returned by `start()` (e.g. `http://127.0.0.1:43121/api/v1`). */
	get url(): string {
		if (!this.baseUrl) throw new Error('Emulator not started');
		return this.baseUrl;
	}

	// --- routing ---------------------------------------------------------------------------

	/** Adds a route; `pattern` is relative to basePath, `:name` segments become URL-decoded params. */
	route(method: string, pattern: string, handler: RouteHandler): this {
		this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
		return this;
	}

	/** Declares a path that exists but accepts no method, so every request to it gets 405. */
	methodNotAllowed(pattern: string): this {
		this.routes.push({ method: '', segments: splitPath(pattern) });
		return this;
	}

	// --- request log -----------------------------------------------------------------------

	clearRequests(): void {
		this.requests.length = 0;
	}

	/**
	 * Logged requests with this method ('*' for any) whose routePath matches: a string is a route
	 * pattern (`/chatbot/:uuid/update`, or an exact path), a RegExp is tested against routePath.
	 */
	requestsTo(method: string, routePathOrRegex: string | RegExp): RecordedRequest[] {
		const wantedMethod = method.toUpperCase();
		const patternSegments = typeof routePathOrRegex === 'string' ? splitPath(routePathOrRegex) : [];
		return this.requests.filter((request) => {
			if (wantedMethod !== '*' && request.method !== wantedMethod) return false;
			return typeof routePathOrRegex === 'string'
				? matchSegments(patternSegments, splitPath(request.routePath)) !== undefined
				: routePathOrRegex.test(request.routePath);
		});
	}

	resetPeak(): void {
		this.peakInFlight = this.inFlight;
	}

	// --- faults and limits -------------------------------------------------------------------

	/** Installs a fault; the first installed fault matching a request applies. Returns it (see `hits`). */
	injectFault(fault: FaultSpec): ActiveFault {
		const active = { ...fault, hits: 0 } as ActiveFault;
		this.faults.push(active);
		return active;
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** A request arriving while `max` are in flight gets 429 with `Retry-After`. Pass undefined to remove. */
	limitInFlight(max: number | undefined, retryAfterSeconds = 0): void {
		this.inFlightLimit = max === undefined ? undefined : { max, retryAfterSeconds };
	}

	/** More than `perSecond` requests within any 1-second window get 429. Pass undefined to remove. */
	limitRate(perSecond: number | undefined, retryAfterSeconds = 1): void {
		this.rateLimit = perSecond === undefined ? undefined : { perSecond, retryAfterSeconds };
		this.recentArrivals = [];
	}

	clearLimits(): void {
		this.inFlightLimit = undefined;
		this.rateLimit = undefined;
		this.recentArrivals = [];
	}

	/** Clears the log, faults, limits and counters (not the routes). */
	reset(): void {
		this.clearRequests();
		this.clearFaults();
		this.clearLimits();
		this.rejectedByLimit = 0;
		this.resetPeak();
	}

	/** A delay that `stop()` cancels, so no timer outlives the server. */
	delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	// --- request handling --------------------------------------------------------------------

	private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
		const startedAt = Date.now();
		// Limits are decided at arrival; rejected requests never count as in flight.
		const rejectedBy = this.checkLimits(startedAt);
		if (!rejectedBy) {
			this.inFlight++;
			this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		}
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			if (!rejectedBy) this.inFlight--;
		};
		// 'close' fires after a complete response and also when the connection dies first.
		res.once('finish', release);
		res.once('close', release);

		this.processRequest(req, res, startedAt, rejectedBy).catch((error: unknown) => {
			if (!res.headersSent) {
				this.sendJson(res, 500, {
					error: `Emulator failure: ${(error as Error)?.message ?? String(error)}`,
				});
			} else {
				res.destroy();
			}
		});
	}

	private checkLimits(now: number): RecordedRequest['rejectedBy'] {
		if (this.inFlightLimit && this.inFlight >= this.inFlightLimit.max) return 'inFlightLimit';
		if (this.rateLimit) {
			this.recentArrivals = this.recentArrivals.filter((time) => now - time < 1000);
			if (this.recentArrivals.length >= this.rateLimit.perSecond) return 'rateLimit';
			this.recentArrivals.push(now);
		}
		return undefined;
	}

	private async processRequest(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		startedAt: number,
		rejectedBy: RecordedRequest['rejectedBy'],
	): Promise<void> {
		const rawBody = await readBody(req);
		const rawUrl = req.url ?? '/';
		const queryStart = rawUrl.indexOf('?');
		const path = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
		const query = Object.fromEntries(
			new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1)),
		);
		const insideBase =
			this.basePath === '' || path === this.basePath || path.startsWith(`${this.basePath}/`);
		const routePath = insideBase ? path.slice(this.basePath.length) || '/' : path;

		const contentType = headerValue(req.headers, 'content-type');
		let body: unknown;
		if (rawBody.length > 0 && isJsonContentType(contentType)) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = undefined;
			}
		}
		const multipart = /^multipart\/form-data/i.test(contentType)
			? parseMultipart(rawBody, contentType)
			: undefined;

		const record: RecordedRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			path,
			routePath,
			params: {},
			query,
			headers: req.headers,
			rawBody,
			body,
			...(multipart ? { multipart } : {}),
			startedAt,
			aborted: false,
			...(rejectedBy ? { rejectedBy } : {}),
		};
		this.requests.push(record);
		res.once('close', () => {
			record.finishedAt = Date.now();
			if (res.headersSent) record.status = res.statusCode;
			record.aborted = !res.writableFinished;
		});

		if (rejectedBy) {
			this.rejectedByLimit++;
			const limit = rejectedBy === 'inFlightLimit' ? this.inFlightLimit : this.rateLimit;
			// assumed: a limit's 429, Retry-After in seconds, this body (no platform documents limits)
			this.sendJson(
				res,
				429,
				{ error: 'Too many requests' },
				{
					'retry-after': String(limit?.retryAfterSeconds ?? 0),
				},
			);
			return;
		}

		const fault = this.takeFault(record);
		const faultAfterProcessing =
			fault && (fault.afterProcessing === true || fault.kind === 'truncate');
		if (fault) record.fault = fault.kind;
		if (fault && !faultAfterProcessing) {
			if (fault.kind !== 'slow') {
				await this.applyFault(fault, req, res);
				return;
			}
			await this.delay(fault.delayMs); // then answer normally
		}

		const reply = this.authenticate?.(record) ?? (await this.dispatch(record, res, insideBase));
		// No reply: the handler wrote to `res.raw` itself.
		if (!reply) return;
		if (fault && faultAfterProcessing) await this.applyFault(fault, req, res, reply, record);
		else await this.sendReply(res, reply, record);
	}

	/**
	 * Answers with a fault. `reply` is the route's own answer when the fault applies after
	 * processing (`slow` then sends it late, `truncate` sends part of it).
	 */
	private async applyFault(
		fault: ActiveFault,
		req: http.IncomingMessage,
		res: http.ServerResponse,
		reply?: EmulatorReply,
		record?: RecordedRequest,
	): Promise<void> {
		switch (fault.kind) {
			case 'status': {
				const headers: Record<string, string> = {};
				if (fault.retryAfterSeconds !== undefined)
					headers['retry-after'] = String(fault.retryAfterSeconds);
				if (fault.text !== undefined) {
					this.sendText(res, fault.status, fault.text, 'text/plain; charset=utf-8', headers);
				} else {
					this.sendJson(
						res,
						fault.status,
						// A test that needs the platform's error body gives it (`json`); this is a stand-in.
						fault.json ?? { error: http.STATUS_CODES[fault.status] ?? 'Error' },
						headers,
					);
				}
				return;
			}
			case 'slow':
				await this.delay(fault.delayMs);
				if (reply) await this.sendReply(res, reply, record);
				return;
			case 'reset':
				// RST instead of FIN where available, like a proxy dropping the connection.
				if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
				else req.socket.destroy();
				return;
			case 'malformedJson':
				this.sendText(
					res,
					200,
					fault.body ?? '{"uuid": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "name": "trunc',
					'application/json',
				);
				return;
			case 'htmlError': {
				const status = fault.status ?? 502;
				this.sendText(res, status, fault.html ?? DEFAULT_HTML_ERROR(status), 'text/html');
				return;
			}
			case 'hang':
				return; // never answer; stop() or the client closes the connection
			case 'truncate':
				if (reply) await this.sendTruncated(res, reply, fault, record);
				return;
		}
	}

	private takeFault(record: RecordedRequest): ActiveFault | undefined {
		const fault = this.faults.find(
			(candidate) =>
				(candidate.times === undefined || candidate.hits < candidate.times) &&
				(candidate.method === undefined || candidate.method.toUpperCase() === record.method) &&
				(candidate.path === undefined || candidate.path.test(record.routePath)) &&
				(candidate.where === undefined || candidate.where(record)),
		);
		if (fault) fault.hits++;
		return fault;
	}

	/** Routes a request and returns the handler's answer (404/405 when no route takes it). */
	private async dispatch(
		record: RecordedRequest,
		res: http.ServerResponse,
		insideBase: boolean,
	): Promise<EmulatorReply | void> {
		const pathSegments = splitPath(record.routePath);
		let pathExists = false;
		let matched: { route: Route; params: Record<string, string> } | undefined;
		if (insideBase) {
			for (const route of this.routes) {
				const params = matchSegments(route.segments, pathSegments);
				if (!params) continue;
				pathExists = true;
				if (route.method === record.method && route.handler) {
					matched = { route, params };
					break;
				}
			}
		}
		if (!matched) {
			// assumed: these 404/405 bodies, alike on every platform (one AI Chatbot Hub 405 is known)
			return pathExists
				? { status: 405, json: { error: 'Method not allowed' } }
				: { status: 404, json: { error: 'Not found' } };
		}

		record.params = matched.params;
		try {
			return await matched.route.handler!(record, this.responseTools(res));
		} catch (error) {
			if (error instanceof HttpError) {
				return { status: error.status, json: error.json, headers: error.headers };
			}
			return {
				status: 500,
				json: { error: `Emulator handler failed: ${(error as Error)?.message ?? String(error)}` },
			};
		}
	}

	private responseTools(res: http.ServerResponse): ResponseTools {
		return {
			json: (json, status = 200, headers) => ({ status, json, ...(headers ? { headers } : {}) }),
			error: (status, message) => ({ status, json: { error: message } }),
			text: (text, options = {}) => ({
				status: options.status ?? 200,
				text,
				contentType: options.contentType ?? 'text/plain; charset=utf-8',
			}),
			stream: (chunks, options = {}) => ({
				...options,
				status: options.status ?? 200,
				stream: chunks,
			}),
			raw: res,
		};
	}

	private async sendReply(
		res: http.ServerResponse,
		reply: EmulatorReply,
		record?: RecordedRequest,
	): Promise<void> {
		if ('stream' in reply) {
			await this.sendStream(res, reply, record);
		} else if ('text' in reply) {
			this.sendText(
				res,
				reply.status,
				reply.text,
				reply.contentType ?? 'text/plain; charset=utf-8',
				reply.headers,
			);
		} else {
			this.sendJson(res, reply.status, reply.json, reply.headers);
		}
	}

	private sendJson(
		res: http.ServerResponse,
		status: number,
		json: unknown,
		headers: Record<string, string> = {},
	): void {
		this.sendText(res, status, JSON.stringify(json), 'application/json', headers);
	}

	private sendText(
		res: http.ServerResponse,
		status: number,
		text: string,
		contentType: string,
		headers: Record<string, string> = {},
	): void {
		if (res.destroyed) return;
		const body = Buffer.from(text, 'utf8');
		res.writeHead(status, {
			...headers,
			'content-type': contentType,
			'content-length': String(body.length),
		});
		res.end(body);
	}

	/** Sends the status, headers and part of a reply, then closes the connection or stalls. */
	private async sendTruncated(
		res: http.ServerResponse,
		reply: EmulatorReply,
		fault: Extract<FaultSpec, { kind: 'truncate' }>,
		record?: RecordedRequest,
	): Promise<void> {
		if ('stream' in reply) {
			const keep = fault.afterChunks ?? Math.max(0, reply.stream.length - 1);
			await this.sendStream(res, { ...reply, cutAfterChunks: keep }, record, fault.stall === true);
			return;
		}
		if (res.destroyed) return;
		const isText = 'text' in reply;
		const body = Buffer.from(isText ? reply.text : JSON.stringify(reply.json), 'utf8');
		res.writeHead(reply.status, {
			...reply.headers,
			'content-type': isText
				? (reply.contentType ?? 'text/plain; charset=utf-8')
				: 'application/json',
			'content-length': String(body.length),
		});
		res.write(body.subarray(0, fault.afterBytes ?? Math.floor(body.length / 2)));
		if (!fault.stall) res.destroy();
	}

	private async sendStream(
		res: http.ServerResponse,
		reply: StreamReply,
		record?: RecordedRequest,
		stallAtCut = false,
	): Promise<void> {
		if (res.destroyed) return;
		// No content-length: Node uses chunked transfer encoding, so each write reaches the client on its own.
		res.writeHead(reply.status, {
			...reply.headers,
			'content-type': reply.contentType ?? STREAM_CONTENT_TYPE,
		});
		res.flushHeaders();
		const delayMs = reply.chunkDelayMs ?? 0;
		for (let index = 0; index < reply.stream.length; index++) {
			if (reply.cutAfterChunks !== undefined && index >= reply.cutAfterChunks) {
				// A stall leaves the connection open: stop() or the client closes it.
				if (!stallAtCut) res.destroy();
				return;
			}
			if (res.destroyed) return;
			if (index === 0 && record) record.firstChunkAt = performance.timeOrigin + performance.now();
			res.write(reply.stream[index]);
			if (index < reply.stream.length - 1 && delayMs > 0) await this.delay(delayMs);
		}
		if (res.destroyed) return;
		reply.onComplete?.();
		res.end();
	}
}

// ---------------------------------------------------------------------------------------------
// The platform emulator
// ---------------------------------------------------------------------------------------------

/**
 * What every platform emulator shares: a server (routes, request log, faults, limits), start and
 * stop, the Base URL a credential uses, and `reset` between tests. A platform emulator adds its
 * routes and state in its constructor and says in `clearState` how to forget that state.
 */
export abstract class PlatformEmulator {
	/** The HTTP server: its request log, faults and limits (`limitInFlight`, `limitRate`, …). */
	readonly server: EmulatorServer;

	constructor(options: { basePath?: string } = {}) {
		this.server = new EmulatorServer(options);
	}

	/** Starts listening on 127.0.0.1 (a random port unless given); returns `url`. */
	async start(port?: number): Promise<string> {
		await this.server.start(port);
		return this.url;
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}

	/** The Base URL a credential gives to reach this emulator. */
	get url(): string {
		return this.server.url;
	}

	/** Every request received, in arrival order, with what happened to it. */
	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	/** Forgets the requests received so far (e.g. those a test made to set up its data). */
	clearRequests(): void {
		this.server.clearRequests();
	}

	/** Installs a fault (see `FaultSpec`); returns it, with the count of requests it hit. */
	injectFault(fault: FaultSpec): ActiveFault {
		return this.server.injectFault(fault);
	}

	/** An empty service again: no data, default test controls, an empty log, no faults or limits. */
	reset(): void {
		this.clearState();
		this.server.reset();
	}

	/** Forgets the platform's data and puts its test controls back to their defaults. */
	protected abstract clearState(): void;
}
