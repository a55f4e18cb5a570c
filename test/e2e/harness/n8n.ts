/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
/*
 * What the end-to-end suite (and `npm start`, `npm run bench`) needs to drive a real n8n: its
 * processes and CLI, its REST and public APIs (with the differences between the oldest and the
 * latest supported 2.x), the emulators' control port, and waiting on a condition with a deadline.
 * Everything talks to 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `probe` until it returns a value (not undefined) or `timeoutMs` passes; then fails with `what`. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs = 30_000,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
			);
		}
		await sleep(intervalMs);
	}
}

/**
 * Throws `explanation` unless `condition` holds: for the harness's own preconditions (an API that
 * answered, a list that has an entry). The checks themselves use jest's `expect`.
 */
export function ensure(condition: unknown, explanation: string | undefined): asserts condition {
	if (!condition) throw new Error(explanation ?? 'the condition does not hold');
}

// ---------------------------------------------------------------------------------------------
// n8n processes and CLI
// ---------------------------------------------------------------------------------------------

export interface N8nInstall {
	/** The node binary n8n runs on. */
	node: string;
	/** n8n's bin/n8n. */
	bin: string;
	/** The environment of every n8n process (environment.sh, plus the network guard). */
	env: NodeJS.ProcessEnv;
}

/** Starts a long-running n8n command (`start`, `worker`, `webhook`), its output going to `logFile`. */
export function startN8n(
	install: N8nInstall,
	args: string[],
	logFile: string,
	env: NodeJS.ProcessEnv = {},
): ChildProcess {
	return startProcess(install.node, [install.bin, ...args], logFile, { ...install.env, ...env });
}

/** Starts a long-running process, its output going to `logFile`. */
export function startProcess(
	command: string,
	args: string[],
	logFile: string,
	env: NodeJS.ProcessEnv = process.env,
	cwd?: string,
): ChildProcess {
	const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
	const log = createWriteStream(logFile);
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	child.on('error', (error) => log.write(`Could not start: ${error.message}\n`));
	return child;
}

/** Runs a short n8n CLI command to its end and returns its exit code and output. */
export async function n8nCli(
	install: N8nInstall,
	args: string[],
	env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; output: string }> {
	return await runCommand(install.node, [install.bin, ...args], { ...install.env, ...env });
}

export async function runCommand(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv = process.env,
	cwd?: string,
): Promise<{ code: number; output: string }> {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (data: Buffer) => (output += data.toString()));
		child.stderr.on('data', (data: Buffer) => (output += data.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

/** Stops processes with SIGTERM (then SIGKILL after `graceMs`), in the order given. */
export async function stopProcesses(children: ChildProcess[], graceMs = 10_000): Promise<void> {
	for (const child of children) {
		if (child.exitCode !== null || child.signalCode !== null) continue;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(killer);
	}
}

/** Installs the packed package where n8n keeps community packages (`<user folder>/.n8n/nodes`). */
export async function installPackage(userFolder: string, tarball: string): Promise<void> {
	const nodes = path.join(userFolder, '.n8n/nodes');
	mkdirSync(nodes, { recursive: true });
	writeFileSync(path.join(nodes, 'package.json'), '{"name":"installed-nodes","private":true}');
	const { code, output } = await runCommand(
		'npm',
		[
			'install',
			'--silent',
			'--no-audit',
			'--no-fund',
			'--ignore-scripts',
			'--legacy-peer-deps',
			'--no-package-lock',
			tarball,
		],
		process.env,
		nodes,
	);
	if (code !== 0) throw new Error(`Installing ${tarball} failed: ${output}`);
}

/**
 * Reads n8n's streaming response (one JSON chunk a line: begin, item…, end) and notes when each
 * chunk arrived (ms since the epoch, sub-millisecond, on this process's clock).
 */
export async function readStreamedChunks(
	response: Response,
): Promise<Array<{ type: string; content?: string; at: number }>> {
	const chunks: Array<{ type: string; content?: string; at: number }> = [];
	const decoder = new TextDecoder();
	let buffered = '';
	for await (const part of response.body as unknown as AsyncIterable<Uint8Array>) {
		const at = performance.timeOrigin + performance.now();
		buffered += decoder.decode(part, { stream: true });
		const lines = buffered.split('\n');
		buffered = lines.pop() ?? '';
		for (const line of lines.filter((text) => text.trim() !== '')) {
			chunks.push({ ...(JSON.parse(line) as { type: string; content?: string }), at });
		}
	}
	return chunks;
}

export async function httpReady(url: string, timeoutMs = 90_000): Promise<void> {
	await waitFor(
		`${url} to answer 200`,
		async () => ((await fetch(url)).ok ? true : undefined),
		timeoutMs,
		500,
	);
}

// ---------------------------------------------------------------------------------------------
// The REST API (the editor's, with a login cookie) and the public API (with an API key)
// ---------------------------------------------------------------------------------------------

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string; webhookId?: string }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface Execution {
	id: string;
	status: string;
	mode: string;
	finished: boolean;
	data?: { resultData?: { runData?: Record<string, unknown>; error?: { message?: string } } };
}

/** The statuses of an execution that has not finished yet. */
const UNFINISHED = ['new', 'running', 'waiting'];

export class N8nApi {
	private cookie = '';
	private apiKey = '';

	constructor(readonly baseUrl: string) {}

	/**
	 * Logs in as the owner. n8n 2.41 creates the owner from N8N_INSTANCE_OWNER_* at start; n8n 2.0
	 * has no such settings, so the owner is set up over REST, which works once, without auth.
	 */
	async logIn(email: string, password: string): Promise<void> {
		let response = await this.postLogin(email, password);
		if (response.status === 401) {
			const setup = await fetch(`${this.baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email, firstName: 'Demo', lastName: 'Owner', password }),
			});
			ensure(setup.ok, `owner setup answered ${setup.status}: ${await setup.text()}`);
			response = await this.postLogin(email, password);
		}
		ensure(response.ok, `login answered ${response.status}: ${await response.text()}`);
		this.cookie = (response.headers.getSetCookie?.() ?? [])
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
	}

	private async postLogin(email: string, password: string): Promise<Response> {
		// n8n 2.0 and 2.41 both take this body; 2.0 also knows the older `email` field.
		return await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
		});
	}

	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		ensure(
			response.ok,
			`${method} /rest${path} answered ${response.status}: ${text.slice(0, 300)}`,
		);
		return (text ? JSON.parse(text) : {}).data as T;
	}

	/** A file the editor loads with its login cookie, such as `/types/nodes.json`. */
	async editorFile<T>(path: string): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
		ensure(response.ok, `GET ${path} answered ${response.status}`);
		return (await response.json()) as T;
	}

	/** Creates an API key with every scope the instance offers, for the public API. */
	async createApiKey(): Promise<void> {
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
			label: `e2e-${Date.now()}`,
			scopes,
			expiresAt: null,
		});
		this.apiKey = created.rawApiKey;
	}

	async publicApi<T>(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'x-n8n-api-key': this.apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : {};
		} catch {
			// Not JSON: keep the text for the error message.
		}
		return { status: response.status, body: parsed as T };
	}

	/**
	 * Creates a workflow and makes it live. Workflows imported with the CLI cannot be activated on
	 * n8n 2.0 (they have no history version), so trigger workflows are created over the public API,
	 * which works on every 2.x. 2.41 calls going live "publish" (`/activate` is kept, deprecated).
	 */
	async createActiveWorkflow(workflow: WorkflowJson): Promise<WorkflowJson & { id: string }> {
		const { name, nodes, connections, settings } = workflow;
		const created = await this.publicApi<WorkflowJson & { id: string }>('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings: settings ?? { executionOrder: 'v1' },
		});
		ensure(
			created.status === 200,
			`creating "${name}" answered ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`,
		);
		const id = created.body.id;
		let live = await this.publicApi('POST', `/workflows/${id}/publish`, {});
		if (live.status === 404 || live.status === 405)
			live = await this.publicApi('POST', `/workflows/${id}/activate`);
		ensure(
			live.status === 200,
			`activating "${name}" answered ${live.status}: ${JSON.stringify(live.body).slice(0, 300)}`,
		);
		return created.body;
	}

	/**
	 * Waits until n8n has applied the workflow's last publish or unpublish. n8n 2.41 answers a
	 * publish once it is queued (its publication service applies it a moment later: triggers
	 * activated, webhooks registered) and says at /rest/workflows/<id>/publication-status when
	 * none is in progress; n8n 2.0 has no such route and activates before it answers.
	 */
	async publicationSettled(workflowId: string, timeoutMs = 30_000): Promise<void> {
		await waitFor(
			`n8n to apply the publication of workflow ${workflowId}`,
			async () => {
				const response = await fetch(
					`${this.baseUrl}/rest/workflows/${workflowId}/publication-status`,
					{ headers: { cookie: this.cookie } },
				);
				// No such route (2.0): a 404, or the editor's page for a path it does not know.
				const json = (response.headers.get('content-type') ?? '').includes('json');
				if (response.status === 404 || (response.ok && !json)) return true;
				ensure(response.ok, `publication-status answered ${response.status}`);
				const { data } = (await response.json()) as { data?: { status?: string } };
				ensure(typeof data?.status === 'string', 'publication-status answered without a status');
				return data.status === 'in_progress' ? undefined : true;
			},
			timeoutMs,
			250,
		);
	}

	async executions(workflowId: string): Promise<Execution[]> {
		const { status, body } = await this.publicApi<{ data: Execution[] }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true`,
		);
		ensure(status === 200, `listing executions answered ${status}`);
		return body.data;
	}

	/** Waits until the workflow has `count` finished executions (none still running), then returns them. */
	async finishedExecutions(
		workflowId: string,
		count: number,
		timeoutMs = 20_000,
	): Promise<Execution[]> {
		return await waitFor(
			`${count} finished execution(s) of workflow ${workflowId}`,
			async () => {
				const runs = await this.executions(workflowId);
				const done = runs.filter((run) => !UNFINISHED.includes(run.status));
				return done.length >= count && done.length === runs.length ? runs : undefined;
			},
			timeoutMs,
			500,
		);
	}

	/**
	 * The workflow's executions once they have settled: at least `count`, none unfinished, and the
	 * same list on every read for `quietMs`, so that an execution created a moment after the
	 * sender got its answer is in the list (n8n 2.0 answers an `onReceived` webhook before it
	 * creates the execution; 2.41 creates it first).
	 */
	async settledExecutions(
		workflowId: string,
		count: number,
		{ timeoutMs = 20_000, quietMs = 1_000 } = {},
	): Promise<Execution[]> {
		let seen: { list: string; since: number } | undefined;
		return await waitFor(
			`the executions of workflow ${workflowId} to settle (at least ${count}, all finished, unchanged for ${quietMs} ms)`,
			async () => {
				const runs = await this.executions(workflowId);
				if (runs.length < count || runs.some((run) => UNFINISHED.includes(run.status))) {
					seen = undefined;
					return undefined;
				}
				const list = runs.map((run) => `${run.id}:${run.status}`).join(',');
				if (seen?.list !== list) seen = { list, since: Date.now() };
				return Date.now() - seen.since >= quietMs ? runs : undefined;
			},
			timeoutMs,
			250,
		);
	}
}

/** The JSON items a node output in an execution (first run, first output). */
export function nodeOutput(execution: Execution, node: string): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData?.runData?.[node] as
		| Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>
		| undefined;
	return (runs?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

// ---------------------------------------------------------------------------------------------
// The emulators (run by test/emulators/serve.ts in another process)
// ---------------------------------------------------------------------------------------------

export interface Emulators {
	aiChatbotHub: { baseUrl: string; token: string };
	chatThing: { baseUrl: string; channelId: string; secretKey: string };
	sendKit: { baseUrl: string; apiKey: string; seed: { agents: string[] } };
	chatsby: { baseUrl: string; apiKey: string; seed: { agents: string[] } };
	control: string;
}

export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	status?: number;
	startedAt: number;
	finishedAt?: number;
	firstChunkAt?: number;
}

export function readEmulators(file: string): Emulators {
	return JSON.parse(readFileSync(file, 'utf8')) as Emulators;
}

export async function receivedBy(
	emulators: Emulators,
	platform: keyof Omit<Emulators, 'control'>,
): Promise<ReceivedRequest[]> {
	return (await (
		await fetch(`${emulators.control}/requests/${platform}`)
	).json()) as ReceivedRequest[];
}

export async function forgetRequests(emulators: Emulators): Promise<void> {
	await fetch(`${emulators.control}/requests`, { method: 'DELETE' });
}
