/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
/*
 * The profiles of the end-to-end suite, and the one way to start one. A profile is one n8n
 * version in one execution mode: regular (one main process) or queue (Redis, a main, a worker and
 * a webhook process on one user folder). Everything that differs between the modes is decided
 * here — the processes, their environment, where webhook calls arrive — so that a check reads
 * the same in every profile; a check that applies to one mode only is declared with `itIf` /
 * `describeIf`, which say why they skip.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import {
	appendFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

import {
	ensure,
	forgetRequests,
	httpReady,
	installPackage,
	n8nCli,
	N8nApi,
	readEmulators,
	receivedBy,
	runCommand,
	startN8n,
	startProcess,
	stopProcesses,
	waitFor,
	type Emulators,
	type Execution,
	type N8nInstall,
	type WorkflowJson,
} from './n8n';

export const ROOT = path.resolve(__dirname, '../../..');
export const E2E_DIR = process.env.E2E_DIR ?? path.join(ROOT, '.e2e');
/** Lines the summary reporter prints under each profile (timings, measurements). */
export const NOTES_FILE = path.join(E2E_DIR, 'e2e-notes.jsonl');
export const PACKAGE = 'n8n-nodes-chatbot-platforms';

export type Mode = 'regular' | 'queue';

export interface Profile {
	/** `n8n 2.41.1 regular`: the title of the profile's tests and of its summary line. */
	name: string;
	version: string;
	mode: Mode;
	/** The latest pinned n8n (scripts/e2e/versions.sh), not the oldest 2.x the README claims. */
	latest: boolean;
}

/** The two pinned n8n versions, read from scripts/e2e/versions.sh (the one place they are set). */
function pinnedVersions(): { latest: string; oldest: string } {
	const [latest, oldest] = execFileSync(
		'bash',
		['-c', 'source scripts/e2e/versions.sh && echo "$N8N_LATEST_VERSION $N8N_OLDEST_VERSION"'],
		{ cwd: ROOT, encoding: 'utf8' },
	)
		.trim()
		.split(' ');
	return { latest, oldest };
}

/** Latest and oldest n8n, each in regular and in queue mode, in the order they run. */
export const PROFILES: Profile[] = (() => {
	const { latest, oldest } = pinnedVersions();
	return [latest, oldest].flatMap((version) =>
		(['regular', 'queue'] as const).map((mode) => ({
			name: `n8n ${version} ${mode}`,
			version,
			mode,
			latest: version === latest,
		})),
	);
})();

/** Fixed loopback ports (the emulators take 5711–5715); profiles run one after another. */
const PORTS = {
	main: 5688,
	mainBroker: 5689,
	webhook: 5690,
	/** The task broker of `n8n execute`, which runs while the main process is up. */
	cliBroker: 5691,
	workerBroker: 5692,
	workerHealth: 5693,
	redis: 6390,
	emulators: 5711,
};

/** A test that runs where `applies` holds and is otherwise reported as skipped, saying why. */
export function itIf(applies: boolean, reason: string) {
	return (name: string, run: () => Promise<void>, timeoutMs?: number) =>
		applies ? it(name, run, timeoutMs) : it.skip(`${name} (skipped: ${reason})`, () => undefined);
}

/** A block of tests that runs where `applies` holds and is otherwise one skipped test saying why. */
export function describeIf(applies: boolean, name: string, reason: string, body: () => void) {
	describe(name, applies ? body : () => it.skip(`skipped: ${reason}`, () => undefined));
}

/** Appends a line to the profile's part of the summary (see reporter.js). */
export function note(profile: Profile, text: string): void {
	mkdirSync(E2E_DIR, { recursive: true });
	appendFileSync(NOTES_FILE, `${JSON.stringify({ profile: profile.name, text })}\n`);
}

/**
 * A started profile, as the checks use it. Its fields are there once the profile's `beforeAll`
 * has run; reading one before (or after a failed start) throws.
 */
export class RunningProfile {
	readonly home: string;
	readonly mainUrl = `http://127.0.0.1:${PORTS.main}`;
	/** Where webhook calls and chat messages go: the main process, or queue mode's webhook process. */
	readonly webhookUrl: string;
	readonly emulatorsFile: string;
	private readonly credentialsFile: string;
	private readonly processes: ChildProcess[] = [];
	/** The main n8n process (restartMain replaces it). */
	private mainProcess?: ChildProcess;
	/** Set by `prepare` (the profile's beforeAll). */
	private prepared?: { emulators: Emulators; install: N8nInstall };
	/** The start steps begun (by their tests, or by ensureStarted), so that none runs twice. */
	private readonly begun = new Set<'fixtures' | 'processes' | 'logIn'>();
	/** Set by `logIn`, once n8n runs. */
	private session?: { api: N8nApi; owner: { email: string; password: string } };
	private startedAt = 0;

	constructor(readonly profile: Profile) {
		this.home = path.join(E2E_DIR, `test-${profile.version}-${profile.mode}`);
		this.webhookUrl = `http://127.0.0.1:${profile.mode === 'queue' ? PORTS.webhook : PORTS.main}`;
		this.emulatorsFile = path.join(this.home, 'emulators.json');
		this.credentialsFile = path.join(this.home, 'credentials.json');
	}

	/** The owner's REST and public API on the main process (logged in, with an API key). */
	get api(): N8nApi {
		return this.loggedIn().api;
	}

	/** The owner n8n creates at start (environment.sh), as the editor's sign-in form takes it. */
	get owner(): { email: string; password: string } {
		return this.loggedIn().owner;
	}

	/** The emulators' URLs, keys and demo data (emulators.json). */
	get emulators(): Emulators {
		return this.ready().emulators;
	}

	private ready() {
		ensure(this.prepared, `${this.profile.name} was not prepared (see its beforeAll error)`);
		return this.prepared;
	}

	private loggedIn() {
		ensure(
			this.session,
			`n8n did not start in ${this.profile.name}, or the owner did not log in (see "n8n starts")`,
		);
		return this.session;
	}

	logOf(name: string): string {
		return path.join(this.home, `${name}.log`);
	}

	/** The lines of a process's log (`main`, `worker`, `webhook`, …) that match `pattern`. */
	logLines(name: string, pattern: RegExp): string[] {
		return readFileSync(this.logOf(name), 'utf8')
			.split('\n')
			.filter((line) => pattern.test(line));
	}

	/** Every log of the profile (processes and CLI runs), by file name. */
	logs(): Array<{ file: string; text: string }> {
		return readdirSync(this.home)
			.filter((file) => file.endsWith('.log'))
			.map((file) => ({ file, text: readFileSync(path.join(this.home, file), 'utf8') }));
	}

	/** The demo credential of a type, as imported (the secrets a sender signs with). */
	credential(type: string): Record<string, string> {
		const credentials = JSON.parse(readFileSync(this.credentialsFile, 'utf8')) as Array<{
			type: string;
			data: Record<string, string>;
		}>;
		const found = credentials.find((credential) => credential.type === type);
		ensure(found, `no demo credential of type ${type}`);
		return found.data;
	}

	/** A workflow fixture (path from the repository root). */
	fixture(file: string): WorkflowJson {
		return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as WorkflowJson;
	}

	/** What an emulator received since the last `forgetRequests`, matching a method and path. */
	async requests(
		platform: Parameters<typeof receivedBy>[1],
		method: string,
		pathPattern: RegExp,
	): Promise<string[]> {
		return (await receivedBy(this.emulators, platform))
			.filter((request) => request.method === method && pathPattern.test(request.path))
			.map((request) => `${request.method} ${request.path}`);
	}

	async forgetRequests(): Promise<void> {
		await forgetRequests(this.emulators);
	}

	/**
	 * Runs an imported workflow with `n8n execute` (its log in run-<id>.log) and returns the
	 * execution it prints. `execute` runs in-process in regular mode whatever the profile.
	 */
	async runFromCli(workflowId: string): Promise<Execution> {
		const { output } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			N8N_LOG_LEVEL: 'info',
		});
		writeFileSync(this.logOf(`run-${workflowId}`), output);
		// Log lines share stdout with the JSON (n8n-notes §6b step 3).
		const json = output.slice(output.indexOf('\n{') + 1, output.lastIndexOf('}') + 1);
		ensure(json.startsWith('{'), `n8n execute printed no execution: ${output.slice(-500)}`);
		return JSON.parse(json) as Execution;
	}

	/** Runs a short n8n CLI command (with a task broker port of its own) to its end. */
	async cli(args: string[], env: NodeJS.ProcessEnv = {}) {
		return await n8nCli(this.ready().install, args, {
			N8N_RUNNERS_BROKER_PORT: String(PORTS.cliBroker),
			...env,
		});
	}

	/** The execution was enqueued by the webhook process and ran on the worker (their logs say so). */
	expectRanOnWorker(executionId: string): void {
		expect(this.logLines('webhook', /Enqueued execution/)).toContainEqual(
			expect.stringMatching(new RegExp(`Enqueued execution ${executionId} `)),
		);
		expect(this.logLines('worker', /Worker (started|finished) execution/)).toContainEqual(
			expect.stringMatching(new RegExp(`Worker (started|finished) execution ${executionId} `)),
		);
	}

	// -------------------------------------------------------------------------------------------
	// Start and stop
	// -------------------------------------------------------------------------------------------

	/**
	 * The profile's beforeAll: emulators with fresh demo data (and the credentials that point at
	 * them), the packed package installed as a community package into a fresh user folder, and in
	 * queue mode Redis (even n8n's import commands connect to it). n8n itself is started by the
	 * tests of "n8n starts" (startProcesses, logIn), after the fixtures are imported and, in
	 * regular mode, after the examples ran through `n8n execute` with no server running.
	 */
	async prepare(): Promise<void> {
		this.startedAt = Date.now();
		rmSync(this.home, { recursive: true, force: true });
		mkdirSync(path.join(this.home, '.n8n/nodes'), { recursive: true });
		const env = await this.environment();
		const install: N8nInstall = { node: env.E2E_NODE ?? '', bin: env.E2E_N8N_BIN ?? '', env };
		const emulators = await this.startEmulators();
		await installPackage(this.home, process.env.E2E_TARBALL ?? '');
		if (this.profile.mode === 'queue') await this.startRedis();
		this.prepared = { emulators, install };
	}

	/** The demo credentials, the example workflows and the HTTP Request fixture, with n8n's CLI. */
	async importFixtures(): Promise<void> {
		this.begun.add('fixtures');
		const imports = [
			['import:credentials', `--input=${this.credentialsFile}`],
			['import:workflow', '--separate', `--input=${path.join(ROOT, 'examples')}`],
			[
				'import:workflow',
				`--input=${path.join(ROOT, 'test/e2e/http-request-with-credentials.json')}`,
			],
		];
		for (const [index, args] of imports.entries()) {
			const { code, output } = await this.cli(args);
			writeFileSync(this.logOf(`import-${index + 1}`), output);
			expect({ command: args[0], code, imported: /Successfully imported/.test(output) }).toEqual({
				command: args[0],
				code: 0,
				imported: true,
			});
		}
	}

	/**
	 * The profile's n8n processes, until each answers: regular mode a main; queue mode a main, a
	 * worker and a webhook process on the same user folder and Redis.
	 */
	async startProcesses(): Promise<void> {
		this.begun.add('processes');
		const { install } = this.ready();
		this.mainProcess = startN8n(install, ['start'], this.logOf('main'));
		this.processes.push(this.mainProcess);
		const ready = [`${this.mainUrl}/healthz/readiness`];
		if (this.profile.mode === 'queue') {
			this.processes.push(
				startN8n(install, ['worker', '--concurrency=5'], this.logOf('worker'), {
					N8N_RUNNERS_BROKER_PORT: String(PORTS.workerBroker),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(PORTS.workerHealth),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
				startN8n(install, ['webhook'], this.logOf('webhook'), { N8N_PORT: String(PORTS.webhook) }),
			);
			ready.push(
				`http://127.0.0.1:${PORTS.workerHealth}/healthz/readiness`,
				`${this.webhookUrl}/healthz/readiness`,
			);
		}
		for (const url of ready) await httpReady(url);
		await this.mainReady();
	}

	/** The owner logs in (the editor's session cookie) and creates an API key for the public API. */
	async logIn(): Promise<void> {
		this.begun.add('logIn');
		const { env } = this.ready().install;
		const owner = {
			email: env.N8N_INSTANCE_OWNER_EMAIL ?? '',
			password: env.N8N_DEMO_PASSWORD ?? '',
		};
		const api = new N8nApi(this.mainUrl);
		await api.logIn(owner.email, owner.password);
		await api.createApiKey();
		this.session = { api, owner };
	}

	/**
	 * The start steps that no test has begun: when jest's `-t` leaves out the tests of "Fixtures"
	 * and "n8n starts", each concern's beforeAll starts n8n with this (otherwise it does nothing).
	 */
	async ensureStarted(): Promise<void> {
		if (!this.begun.has('fixtures')) await this.importFixtures();
		if (!this.begun.has('processes')) await this.startProcesses();
		if (!this.begun.has('logIn')) await this.logIn();
	}

	/** n8n 2.0 reports ready before its REST routes exist: wait for the settings the editor loads first. */
	private async mainReady(): Promise<void> {
		await httpReady(`${this.mainUrl}/healthz/readiness`);
		await httpReady(`${this.mainUrl}/rest/settings`);
	}

	/**
	 * Stops the main process and starts it again, with `env` added, its log in main-<label>.log;
	 * returns once it answers REST (the same session and API key go on working: they are in the
	 * database).
	 */
	async restartMain(label: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
		const { install } = this.ready();
		if (this.mainProcess) {
			await stopProcesses([this.mainProcess]);
			this.processes.splice(this.processes.indexOf(this.mainProcess), 1);
		}
		this.mainProcess = startN8n(install, ['start'], this.logOf(`main-${label}`), env);
		this.processes.push(this.mainProcess);
		await this.mainReady();
	}

	/**
	 * Waits until the main process (its log `main` or `main-<label>`) has finished starting:
	 * n8n prints "Editor is now accessible via" after it has activated the published workflows
	 * (2.0, and 2.41 with its publication service off, await every trigger's activation before;
	 * 2.41 with the service on has started its outbox consumer and reconciler by then).
	 */
	async startedUp(log = 'main', timeoutMs = 90_000): Promise<void> {
		await waitFor(
			`"Editor is now accessible" in ${this.logOf(log)}`,
			async () =>
				readFileSync(this.logOf(log), 'utf8').includes('Editor is now accessible via')
					? true
					: undefined,
			timeoutMs,
			250,
		);
	}

	/**
	 * The one execution of a workflow, once the list has settled (all finished, unchanged for a
	 * second, see N8nApi.settledExecutions): fails when there is a second one, such as one from a
	 * sender's retry that should have been recognised.
	 */
	async onlyExecution(workflowId: string): Promise<Execution> {
		const runs = await this.api.settledExecutions(workflowId, 1);
		expect(runs.map(({ id, status, mode }) => ({ id, status, mode }))).toHaveLength(1);
		return runs[0];
	}

	/** Stops every process the profile started, last started first, and notes how long it ran. */
	async stop(): Promise<void> {
		await stopProcesses([...this.processes].reverse());
		this.processes.length = 0;
		if (this.startedAt) {
			const seconds = Math.round((Date.now() - this.startedAt) / 1000);
			note(this.profile, `profile: ${Math.floor(seconds / 60)} min ${seconds % 60} s`);
		}
	}

	/**
	 * The environment of every n8n process of the profile: scripts/e2e/environment.sh for its
	 * version (the one description of n8n's environment, shared with `npm start` and the bench),
	 * the profile's user folder and ports, the network guard, and in queue mode the queue.
	 */
	private async environment(): Promise<NodeJS.ProcessEnv> {
		const script = [
			'set -e',
			'source scripts/e2e/environment.sh',
			'export E2E_NODE="$node24" E2E_N8N_BIN="$n8n_bin"',
			`export N8N_INSTANCE_OWNER_PASSWORD_HASH="$(cd "$e2e/n8n-$N8N_VERSION" && "$node24" -e "console.log(require('bcryptjs').hashSync(process.env.N8N_DEMO_PASSWORD, 10))")"`,
			'env -0',
		].join('\n');
		const { code, output } = await runCommand('bash', ['-c', script], {
			...jestless(process.env),
			root: ROOT,
			N8N_VERSION: this.profile.version,
		});
		ensure(code === 0, `scripts/e2e/environment.sh failed: ${output.slice(-500)}`);
		const env: NodeJS.ProcessEnv = {};
		for (const entry of output.split('\0')) {
			const equals = entry.indexOf('=');
			if (equals > 0) env[entry.slice(0, equals)] = entry.slice(equals + 1);
		}
		return {
			...env,
			N8N_USER_FOLDER: this.home,
			N8N_PORT: String(PORTS.main),
			N8N_RUNNERS_BROKER_PORT: String(PORTS.mainBroker),
			N8N_WEBHOOK_URL: `${this.webhookUrl}/`,
			// n8n 2.0 reads only the older name: without it, the URL a trigger registers at a platform
			// (SendKit Event Trigger) would be the main process's, not the webhook process's.
			...(/^2\.0\./.test(this.profile.version) ? { WEBHOOK_URL: `${this.webhookUrl}/` } : {}),
			NODE_OPTIONS: `--require ${path.join(ROOT, 'scripts/e2e/netguard.cjs')}`,
			...(this.profile.mode === 'queue'
				? {
						EXECUTIONS_MODE: 'queue',
						QUEUE_BULL_REDIS_HOST: '127.0.0.1',
						QUEUE_BULL_REDIS_PORT: String(PORTS.redis),
						OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
					}
				: {}),
		};
	}

	/** The four emulators with their demo data, and the credentials that point at them. */
	private async startEmulators(): Promise<Emulators> {
		this.processes.push(
			startProcess(
				'node',
				['-r', 'ts-node/register/transpile-only', 'test/emulators/serve.ts', this.emulatorsFile],
				this.logOf('emulators'),
				{ ...jestless(process.env), E2E_EMULATOR_PORT: String(PORTS.emulators) },
				ROOT,
			),
		);
		await waitFor(
			`the emulators (see ${this.logOf('emulators')})`,
			async () => (existsSync(this.emulatorsFile) ? true : undefined),
			30_000,
			200,
		);
		const { code, output } = await runCommand(
			'node',
			['scripts/e2e/credentials.mjs', this.emulatorsFile, this.credentialsFile],
			process.env,
			ROOT,
		);
		ensure(code === 0, `Writing the credentials failed: ${output}`);
		return readEmulators(this.emulatorsFile);
	}

	private async startRedis(): Promise<void> {
		this.processes.push(
			startProcess(
				'redis-server',
				['--bind', '127.0.0.1', '--port', String(PORTS.redis), '--save', '', '--appendonly', 'no'],
				this.logOf('redis'),
			),
		);
		await waitFor('Redis', async () =>
			(await runCommand('redis-cli', ['-p', String(PORTS.redis), 'ping'])).output.includes('PONG')
				? true
				: undefined,
		);
	}
}

/** The environment without what jest sets for itself (n8n must not run with NODE_ENV=test). */
function jestless(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const rest = { ...env };
	delete rest.NODE_ENV;
	delete rest.JEST_WORKER_ID;
	return rest;
}

/**
 * Prepares the profile before its tests (RunningProfile.prepare) and stops everything it started
 * after them (also when a start failed half-way). Returns the handle the checks use.
 */
export function useProfile(profile: Profile): RunningProfile {
	const running = new RunningProfile(profile);
	beforeAll(() => running.prepare(), 5 * 60_000);
	afterAll(() => running.stop(), 2 * 60_000);
	return running;
}
