/**
 * SendKit (sendkit.ai) emulator, faithful to ../shared/api/sendkit.md (beside the project) and its
 * seed 002: `X-Api-Key` (platform keys `sk_user_…` also need `X-Workspace-Id`), `{success, data}`
 * envelopes, `{error, message, code}` errors, credits (402), soft delete, retrain with a training
 * state machine (409 while training), and the two-step document upload (presigned URL, then
 * process-document).
 */
import { randomBytes } from 'crypto';

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

	seed(): { agents: string[] } {
		return {
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
