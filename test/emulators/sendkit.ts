/**
 * SendKit (sendkit.ai) emulator, faithful to ../shared/api/sendkit.md (beside the project) and its
 * seed 002: `X-Api-Key` (platform keys `sk_user_…` also need `X-Workspace-Id`), `{success, data}`
 * envelopes, `{error, message, code}` errors, credits (402), soft delete, retrain with a training
 * state machine (409 while training), the two-step document upload (presigned URL, then
 * process-document), and webhooks (create, list in pages, get, update, test delivery) with signed
 * deliveries to the URLs registered, which tests and the end-to-end suite send with
 * `deliverEvent`.
 */
import { createHmac, randomBytes } from 'crypto';

import { HttpError, PlatformEmulator, type EmulatorReply, type EmulatorRequest } from './kit';

type JsonObject = Record<string, unknown>;

export type TrainingOutcome = 'completed' | 'failed' | 'never';

export interface AgentRecord extends JsonObject {
	_id: string;
	name: string;
	workspaceId: string;
	trainingStatus?: string;
	trainingProgress?: number;
	trainingError?: string;
	uploadedDocuments: JsonObject[];
	isActive: boolean;
}

// The envelope and the 402, 403, 404 and 409 bodies are documented.
const ERRORS: Record<number, [string, string]> = {
	// assumed: the 400 body's words, and that a refused request's reason goes in `details`
	400: ['Bad Request', 'The request was invalid'],
	// assumed: the 401 body's words
	401: ['Unauthorized', 'Invalid or missing API key'],
	402: ['Error', 'Insufficient credits'],
	403: ['Forbidden', "You don't have permission to access this resource"],
	404: ['Not Found', 'The requested resource was not found'],
	409: ['Conflict', 'The request conflicts with the current state of the resource'],
};

function apiError(code: number, details?: string): HttpError {
	const [error, message] = ERRORS[code] ?? ['Error', 'Something went wrong'];
	return new HttpError(code, { error, message, code, ...(details ? { details } : {}) });
}

export interface WebhookRecord extends JsonObject {
	_id: string;
	workspaceId: string;
	name: string;
	url: string;
	events: string[];
	secret: string;
	retryAttempts: number;
	timeoutMs: number;
	status: 'active' | 'inactive';
	createdBy: string;
	createdAt: string;
	updatedAt: string;
	stats: { totalDelivered: number; totalFailed: number };
}

/** How the emulator writes the signature (SendKit documents neither the encoding nor a prefix). */
export type SignatureFormat = 'hex' | 'base64' | 'sha256=hex' | 'sha256=base64';

export type SendKitDeliveryFlaw = 'none' | 'unsigned' | 'wrongSecret' | 'tampered';

export interface SendKitDelivery {
	headers: Record<string, string>;
	rawBody: Buffer;
}

/** What became of one delivery the emulator sent. */
export interface DeliveryRecord {
	webhookId: string;
	url: string;
	event: string;
	/** The HTTP status the URL answered; undefined when it did not answer. */
	status?: number;
	delivered: boolean;
	error?: string;
}

/**
 * A webhook delivery as SendKit would send it, signed with `secret`, or with one flaw for the
 * tests. Documented: HMAC-SHA256 keyed with the webhook's secret in `X-Webhook-Signature`, the
 * event in `X-Webhook-Event`.
 */
export function sendKitDelivery(
	secret: string,
	event: string,
	data: JsonObject,
	options: { flaw?: SendKitDeliveryFlaw; format?: SignatureFormat; now?: Date } = {},
): SendKitDelivery {
	// assumed: the payload envelope { event, timestamp, data } (SendKit documents none)
	const rawBody = Buffer.from(
		JSON.stringify({ event, timestamp: (options.now ?? new Date()).toISOString(), data }),
	);
	const key = options.flaw === 'wrongSecret' ? randomBytes(32).toString('hex') : secret;
	const format = options.format ?? 'hex';
	// assumed: the signed string is the raw body, the digest lowercase hex (or `format`), no timestamp
	const digest = createHmac('sha256', key)
		.update(rawBody)
		.digest(format.endsWith('base64') ? 'base64' : 'hex');
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'x-webhook-event': event,
	};
	if (options.flaw !== 'unsigned') {
		headers['x-webhook-signature'] = format.startsWith('sha256=') ? `sha256=${digest}` : digest;
	}
	const body =
		options.flaw === 'tampered'
			? Buffer.from(rawBody.toString().replace('"data":{', '"data":{"injected":true,'))
			: rawBody;
	return { headers, rawBody: body };
}

/** Only the local machine gets deliveries: tests and demos never reach the network. */
function isLoopback(url: string): boolean {
	try {
		return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
	} catch {
		return false;
	}
}

const isWholeNumber = (value: unknown, min: number, max: number) =>
	typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const objectId = () => randomBytes(12).toString('hex');
const now = () => new Date().toISOString();

function merge(target: JsonObject, patch: unknown): JsonObject {
	return { ...target, ...(patch && typeof patch === 'object' ? (patch as JsonObject) : {}) };
}

export class SendKitEmulator extends PlatformEmulator {
	apiKey: string;
	workspaceId: string;
	credits = 1000;
	/** How a retrain ends; 'never' keeps it training for ever. */
	trainingOutcome: TrainingOutcome = 'completed';
	/** How many agent reads a training takes from pending to its outcome. */
	trainingReads = 3;
	readonly agents = new Map<string, AgentRecord>();
	readonly webhooks = new Map<string, WebhookRecord>();
	/** Every delivery sent, in order. */
	readonly deliveries: DeliveryRecord[] = [];
	/** How deliveries are signed. */
	signatureFormat: SignatureFormat = 'hex';
	/**
	 * What PATCH does with `status`: takes it, refuses it with a 400, or answers 200 and keeps the
	 * old one. SendKit does not document whether `status` is writable.
	 */
	statusUpdates: 'accepted' | 'refused' | 'ignored' = 'accepted';
	/** Whether list items carry the secret, as the webhook object does (the list's items are not spelled out). */
	listShowsSecrets = true;
	/** Bytes received on the presigned upload URLs, by file key. */
	readonly uploads = new Map<string, { contentType?: string; data: Buffer }>();
	private readsLeft = new Map<string, number>();

	constructor(options: { apiKey?: string; workspaceId?: string } = {}) {
		super();
		this.apiKey = options.apiKey ?? 'sk_test_key';
		this.workspaceId = options.workspaceId ?? 'ws_test';
		this.server.authenticate = (req) => {
			if (req.routePath.startsWith('/uploads/')) return undefined; // presigned: no key
			// assumed: a wrong key gets 401, a platform key without X-Workspace-Id 403, with these words
			const key = req.headers['x-api-key'];
			if (key !== this.apiKey) {
				return {
					status: 401,
					json: { error: 'Unauthorized', message: 'Invalid or missing API key', code: 401 },
				};
			}
			if (
				this.apiKey.startsWith('sk_user_') &&
				req.headers['x-workspace-id'] !== this.workspaceId
			) {
				return {
					status: 403,
					json: {
						error: 'Forbidden',
						message: 'X-Workspace-Id is required for platform keys',
						code: 403,
					},
				};
			}
			return undefined;
		};
		this.registerRoutes();
	}

	protected clearState(): void {
		this.agents.clear();
		this.webhooks.clear();
		this.deliveries.length = 0;
		this.signatureFormat = 'hex';
		this.statusUpdates = 'accepted';
		this.listShowsSecrets = true;
		this.uploads.clear();
		this.readsLeft.clear();
		this.credits = 1000;
		this.trainingOutcome = 'completed';
		this.trainingReads = 3;
	}

	addAgent(name: string, extra: JsonObject = {}): AgentRecord {
		const agent: AgentRecord = {
			_id: objectId(),
			name,
			userId: 'user_1',
			workspaceId: this.workspaceId,
			companyInfo: {},
			persona: { tone: 'professional' },
			uploadedDocuments: [],
			isDefault: this.agents.size === 0,
			isActive: true,
			usage: {},
			createdAt: now(),
			updatedAt: now(),
			...extra,
		};
		this.agents.set(agent._id, agent);
		return agent;
	}

	addWebhook(fields: Partial<WebhookRecord> & { url: string }): WebhookRecord {
		const webhook: WebhookRecord = {
			_id: objectId(),
			workspaceId: this.workspaceId,
			name: 'Webhook',
			events: ['email.replied'],
			// Like SendKit's own when none is given: 32 random bytes as 64 hex characters.
			secret: randomBytes(32).toString('hex'),
			retryAttempts: 3,
			timeoutMs: 10000,
			status: 'active',
			createdBy: 'user_1',
			createdAt: now(),
			updatedAt: now(),
			stats: { totalDelivered: 0, totalFailed: 0 },
			...fields,
		};
		this.webhooks.set(webhook._id, webhook);
		return webhook;
	}

	/**
	 * Sends a signed delivery of `event` to every active webhook that has it (`flaw` spoils the
	 * signature, for tests), and answers what each URL said. Only URLs on 127.0.0.1 get one.
	 */
	async deliverEvent(
		event: string,
		data: JsonObject,
		options: { flaw?: SendKitDeliveryFlaw } = {},
	): Promise<DeliveryRecord[]> {
		const targets = [...this.webhooks.values()].filter(
			(webhook) => webhook.status === 'active' && webhook.events.includes(event),
		);
		return await Promise.all(
			targets.map(async (webhook) => await this.sendDelivery(webhook, event, data, options.flaw)),
		);
	}

	private async sendDelivery(
		webhook: WebhookRecord,
		event: string,
		data: JsonObject,
		flaw?: SendKitDeliveryFlaw,
	): Promise<DeliveryRecord> {
		const record: DeliveryRecord = {
			webhookId: webhook._id,
			url: webhook.url,
			event,
			delivered: false,
		};
		if (!isLoopback(webhook.url)) {
			record.error = 'not sent: the emulator delivers only to 127.0.0.1';
		} else {
			const delivery = sendKitDelivery(webhook.secret, event, data, {
				flaw,
				format: this.signatureFormat,
			});
			// assumed: one attempt, no retries (SendKit documents retryAttempts, not its schedule)
			try {
				const response = await fetch(webhook.url, {
					method: 'POST',
					headers: delivery.headers,
					body: delivery.rawBody,
					signal: AbortSignal.timeout(webhook.timeoutMs),
				});
				await response.arrayBuffer();
				record.status = response.status;
				record.delivered = response.ok;
			} catch (error) {
				record.error = (error as Error).message;
			}
		}
		if (record.delivered) webhook.stats.totalDelivered++;
		else webhook.stats.totalFailed++;
		this.deliveries.push(record);
		return record;
	}

	/** Test setup: a document the agent already has, as process-document stores one. */
	addDocument(agentId: string, fileName: string, fileSize: number): JsonObject {
		const key = `documents/${agentId}/${objectId()}-${fileName}`;
		const document = {
			fileName,
			fileKey: key,
			fileUrl: `https://files.example/${key}`,
			fileType: fileName.split('.').pop()?.toLowerCase(),
			fileSize,
			uploadedAt: now(),
			status: 'completed',
		};
		this.agents.get(agentId)!.uploadedDocuments.push(document);
		return document;
	}

	/** The documents an agent has, as `GET /v1/agents/{id}` lists them. */
	documentsOf(agentId: string): JsonObject[] {
		return this.agents.get(agentId)?.uploadedDocuments ?? [];
	}

	seed(): { agents: string[]; webhooks: string[] } {
		return {
			// A webhook of a CRM (never delivered to: it is not on this machine).
			webhooks: [
				this.addWebhook({
					name: 'CRM Sync',
					url: 'https://crm.example.com/webhooks/sendkit',
					events: ['email.replied', 'email.positive_reply'],
				})._id,
			],
			agents: [
				// A fixed ID, so that the example workflows can name the demo agent.
				this.addAgent('Sales Agent', {
					_id: '64f0c0ffee0000000000a001',
					companyInfo: { name: 'Acme Inc' },
					trainingStatus: 'completed',
					trainingProgress: 100,
				})._id,
				this.addAgent('Support Agent', { trainingStatus: 'completed', trainingProgress: 100 })._id,
			],
		};
	}

	/**
	 * Demo documents of an agent (for `npm start` and the editor walk, whose Document operations
	 * need a file key): one file uploaded but not processed yet, as Document → Process takes it,
	 * and one processed document, as Document → Remove takes it.
	 */
	seedDocuments(agentId: string): {
		upload: { fileKey: string; fileUrl: string; fileName: string };
		document: { fileKey: string };
	} {
		const agent = this.agents.get(agentId);
		if (!agent) throw new Error(`No agent ${agentId} to seed documents for`);
		const uploaded = (fileName: string, text: string) => {
			const fileKey = `documents/${agentId}/${objectId()}-${fileName}`;
			this.uploads.set(fileKey, { contentType: 'text/plain', data: Buffer.from(text) });
			return { fileKey, fileUrl: `https://files.example/${fileKey}`, fileName };
		};
		const upload = uploaded('shipping.txt', 'We ship to 40 countries within 5 days.');
		const processed = uploaded('returns.txt', 'Refunds arrive within 5 business days.');
		agent.uploadedDocuments.push({
			...processed,
			fileType: 'txt',
			fileSize: this.uploads.get(processed.fileKey)?.data.length,
			uploadedAt: now(),
			status: 'processed',
		});
		return { upload, document: { fileKey: processed.fileKey } };
	}

	// assumed: every credit-charging call answers 402 when short (documented for retrain only)
	private charge(amount: number): void {
		if (this.credits < amount) throw apiError(402);
		this.credits -= amount;
	}

	private webhook(req: EmulatorRequest): WebhookRecord {
		const webhook = this.webhooks.get(req.params.webhookId);
		if (!webhook) throw apiError(404);
		return webhook;
	}

	/** The documented limits of a webhook's fields (all of them on create, those sent on update). */
	private checkWebhookFields(fields: JsonObject, creating: boolean): void {
		const given = (name: string) => creating || fields[name] !== undefined;
		const problems: string[] = [];
		const { name, url, events, secret, retryAttempts, timeoutMs, status } = fields;
		if (given('name') && (typeof name !== 'string' || name.trim() === ''))
			problems.push('name is required');
		let validUrl = false;
		try {
			validUrl = typeof url === 'string' && /^https?:$/.test(new URL(url).protocol);
		} catch {
			validUrl = false;
		}
		if (given('url') && !validUrl) problems.push('url must be a valid URI');
		// assumed: an empty list of events, or one that is not a list of names, gets a 400
		if (
			given('events') &&
			(!Array.isArray(events) ||
				events.length === 0 ||
				!events.every((event) => typeof event === 'string' && event.trim() !== ''))
		)
			problems.push('events must be a non-empty array of event names');
		if (secret !== undefined && (typeof secret !== 'string' || secret === ''))
			problems.push('secret must be a non-empty string');
		if (retryAttempts !== undefined && !isWholeNumber(retryAttempts, 0, 10))
			problems.push('retryAttempts must be an integer from 0 to 10');
		if (timeoutMs !== undefined && !isWholeNumber(timeoutMs, 1000, 30000))
			problems.push('timeoutMs must be an integer from 1000 to 30000');
		if (!creating && status !== undefined && status !== 'active' && status !== 'inactive')
			problems.push('status must be active or inactive');
		// assumed: the 400 names every refused field in `details`
		if (problems.length > 0) throw apiError(400, problems.join('; '));
	}

	private agent(req: EmulatorRequest): AgentRecord {
		const agent = this.agents.get(req.params.agentId);
		if (!agent || !agent.isActive) throw apiError(404);
		return agent;
	}

	/** Each read of a training agent moves it along: pending → training → outcome. */
	private advanceTraining(agent: AgentRecord): void {
		if (agent.trainingStatus !== 'pending' && agent.trainingStatus !== 'training') return;
		if (this.trainingOutcome === 'never') {
			agent.trainingStatus = 'training';
			agent.trainingProgress = Math.min(95, (agent.trainingProgress ?? 0) + 5);
			return;
		}
		const left = (this.readsLeft.get(agent._id) ?? this.trainingReads) - 1;
		this.readsLeft.set(agent._id, left);
		if (left > 0) {
			agent.trainingStatus = 'training';
			// assumed: trainingProgress counts 0 to 100 (its scale is undocumented)
			agent.trainingProgress = Math.round(100 * (1 - left / this.trainingReads));
			return;
		}
		this.readsLeft.delete(agent._id);
		agent.trainingStatus = this.trainingOutcome;
		agent.trainingProgress = this.trainingOutcome === 'completed' ? 100 : agent.trainingProgress;
		if (this.trainingOutcome === 'failed')
			agent.trainingError = 'Could not crawl https://acme.example';
	}

	private registerRoutes(): void {
		const ok = (data: unknown, meta?: JsonObject): EmulatorReply => ({
			status: 200,
			json: { success: true, data, ...(meta ? { meta } : {}) },
		});
		const body = (req: EmulatorRequest) =>
			req.body && typeof req.body === 'object' ? (req.body as JsonObject) : {};
		const route = (
			method: string,
			path: string,
			handler: (req: EmulatorRequest) => EmulatorReply,
		) => this.server.route(method, path, handler);

		// --- webhooks ---------------------------------------------------------------------------
		// The webhook object without the list's `stats`.
		const webhookObject = (webhook: WebhookRecord) => {
			const object: JsonObject = { ...webhook };
			delete object.stats;
			return object;
		};
		route('GET', '/v1/webhooks', (req) => {
			const page = req.query.page === undefined ? 1 : Number(req.query.page);
			// assumed: the default page size (20, as the documented example shows) and the 400 out of 1–100
			const limit = req.query.limit === undefined ? 20 : Number(req.query.limit);
			if (!Number.isInteger(page) || page < 1) throw apiError(400, 'page must be 1 or more');
			if (!isWholeNumber(limit, 1, 100)) throw apiError(400, 'limit must be from 1 to 100');
			// assumed: oldest first; `cursor` is documented but its values are not, so it is ignored
			const all = [...this.webhooks.values()];
			return {
				status: 200,
				json: {
					success: true,
					// assumed: list items are the webhook object (secret too) plus `stats`
					data: all.slice((page - 1) * limit, page * limit).map(({ secret, ...webhook }) => ({
						...webhook,
						...(this.listShowsSecrets ? { secret } : {}),
					})),
					pagination: { total: all.length, page, limit, pages: Math.ceil(all.length / limit) },
				},
			};
		});
		route('POST', '/v1/webhooks', (req) => {
			const fields = body(req);
			this.checkWebhookFields(fields, true);
			const webhook = this.addWebhook({
				name: String(fields.name).trim(),
				url: String(fields.url),
				events: (fields.events as string[]).map((event) => event.trim()),
				...(typeof fields.secret === 'string' ? { secret: fields.secret } : {}),
				...(fields.retryAttempts !== undefined
					? { retryAttempts: fields.retryAttempts as number }
					: {}),
				...(fields.timeoutMs !== undefined ? { timeoutMs: fields.timeoutMs as number } : {}),
			});
			return ok(webhookObject(webhook));
		});
		route('GET', '/v1/webhooks/:webhookId', (req) => ok(webhookObject(this.webhook(req))));
		route('PATCH', '/v1/webhooks/:webhookId', (req) => {
			const webhook = this.webhook(req);
			const fields = body(req);
			this.checkWebhookFields(fields, false);
			if (fields.status !== undefined && this.statusUpdates === 'refused') {
				throw apiError(400, 'status cannot be changed');
			}
			for (const key of ['name', 'url', 'events', 'secret', 'retryAttempts', 'timeoutMs']) {
				if (fields[key] !== undefined) webhook[key] = fields[key];
			}
			if (typeof fields.name === 'string') webhook.name = fields.name.trim();
			// assumed: status is writable (the reference does not say)
			if (fields.status !== undefined && this.statusUpdates === 'accepted') {
				webhook.status = fields.status as WebhookRecord['status'];
			}
			webhook.updatedAt = now();
			return ok(webhookObject(webhook));
		});
		this.server.route('POST', '/v1/webhooks/:webhookId/test', async (req) => {
			const webhook = this.webhook(req);
			// assumed: the test payload's data (the reference shows only the answer)
			const record = await this.sendDelivery(webhook, 'test', {
				webhookId: webhook._id,
				message: 'This is a test delivery from SendKit',
			});
			// assumed: statusCode null when the URL did not answer
			return ok({ statusCode: record.status ?? null, delivered: record.delivered });
		});

		route('GET', '/v1/agents', () =>
			ok([...this.agents.values()].filter((agent) => agent.isActive).reverse()),
		);
		route('POST', '/v1/agents', (req) => {
			const name = body(req).name;
			if (typeof name !== 'string' || name.trim() === '') throw apiError(400, 'name is required');
			if ([...this.agents.values()].filter((agent) => agent.isActive).length >= 3) {
				// assumed: the 4th agent gets a 400 (the limit is documented, its answer is not)
				throw apiError(400, 'A workspace can have at most 3 agents');
			}
			this.charge(0.5);
			const { companyInfo, persona } = body(req);
			return ok(
				this.addAgent(name.trim(), {
					companyInfo: merge({}, companyInfo),
					persona: merge({}, persona),
				}),
				{
					creditsCharged: 0.5,
				},
			);
		});
		route('GET', '/v1/agents/:agentId', (req) => {
			const agent = this.agent(req);
			this.advanceTraining(agent);
			return ok(agent);
		});
		route('PATCH', '/v1/agents/:agentId', (req) => {
			const agent = this.agent(req);
			const patch = body(req);
			for (const key of ['companyInfo', 'persona', 'autonomousMode', 'followupSettings']) {
				if (patch[key] !== undefined)
					agent[key] = merge((agent[key] as JsonObject) ?? {}, patch[key]);
			}
			for (const key of ['name', 'companyUrl', 'isDefault']) {
				if (patch[key] !== undefined) agent[key] = patch[key];
			}
			agent.updatedAt = now();
			return ok(agent);
		});
		route('DELETE', '/v1/agents/:agentId', (req) => {
			this.agent(req).isActive = false;
			return ok({ message: 'Agent deleted' });
		});
		route('POST', '/v1/agents/:agentId/retrain', (req) => {
			const agent = this.agent(req);
			if (agent.trainingStatus === 'pending' || agent.trainingStatus === 'training') {
				throw apiError(409, 'Resource already exists');
			}
			this.charge(10);
			Object.assign(agent, {
				trainingStatus: 'pending',
				trainingProgress: 0,
				trainingError: undefined,
				updatedAt: now(),
			});
			this.readsLeft.set(agent._id, this.trainingReads);
			return ok(agent, { creditsCharged: 10, jobs: [{ id: objectId(), type: 'retrain' }] });
		});
		route('POST', '/v1/agents/:agentId/generate-reply', (req) => {
			const agent = this.agent(req);
			const { conversationId, context } = body(req);
			if (typeof conversationId !== 'string' || conversationId === '') {
				throw apiError(400, 'conversationId is required');
			}
			this.charge(3);
			return ok({
				response: `Hi! Thanks for your message.${context ? ` (${String(context)})` : ''}`,
				agentUsed: { id: agent._id, name: agent.name },
				debug: {
					model: 'emulated',
					inputTokens: 0,
					outputTokens: 0,
					cost: '$0',
					creditsCharged: 3,
				},
			});
		});
		route('POST', '/v1/agents/:agentId/upload-document', (req) => {
			this.agent(req);
			const { filename, contentType, fileSize } = body(req);
			if (typeof filename !== 'string' || typeof contentType !== 'string') {
				throw apiError(400, 'filename and contentType are required');
			}
			// assumed: a file over 10 MB or of another type gets a 400 (the limits are documented)
			if (typeof fileSize === 'number' && fileSize > 10 * 1024 * 1024)
				throw apiError(400, 'File exceeds 10 MB');
			const fileType = filename.split('.').pop()?.toLowerCase();
			if (!['pdf', 'docx', 'txt'].includes(fileType ?? ''))
				throw apiError(400, 'Only PDF, DOCX and TXT files');
			// assumed: the form of the key and the presigned URL (the fields are documented, not values)
			const key = `documents/${req.params.agentId}/${objectId()}-${filename}`;
			const uploadUrl = `${this.url}/uploads/${encodeURIComponent(key)}`;
			return ok({
				presignedUrl: uploadUrl,
				uploadUrl,
				url: `https://files.example/${key}`,
				key,
				filename,
				fileType,
			});
		});
		// assumed: the presigned URL takes a PUT of the bytes and Content-Type, as S3-style ones do
		route('PUT', '/uploads/:key', (req) => {
			this.uploads.set(req.params.key, {
				contentType: req.headers['content-type'] as string | undefined,
				data: req.rawBody,
			});
			return { status: 200, text: '' };
		});
		route('POST', '/v1/agents/:agentId/process-document', (req) => {
			const agent = this.agent(req);
			const { fileKey, fileUrl, fileName, fileType, fileSize } = body(req);
			// assumed: a fileKey with no uploaded bytes gets a 404 (the required fields are undocumented)
			if (typeof fileKey !== 'string' || !this.uploads.has(fileKey))
				throw apiError(404, 'No uploaded file with this key');
			const document = {
				fileName,
				fileKey,
				fileUrl,
				fileType,
				fileSize,
				uploadedAt: now(),
				status: 'processing',
			};
			agent.uploadedDocuments.push(document);
			return ok({
				message: 'Document queued for processing',
				document,
				job: { id: objectId(), type: 'process-document' },
			});
		});
		route('DELETE', '/v1/agents/:agentId/documents', (req) => {
			const agent = this.agent(req);
			const { fileKey } = body(req);
			const index = agent.uploadedDocuments.findIndex((document) => document.fileKey === fileKey);
			// assumed: removing a document that is not there gets a 404
			if (index === -1) throw apiError(404);
			agent.uploadedDocuments.splice(index, 1);
			return ok({});
		});
	}
}
