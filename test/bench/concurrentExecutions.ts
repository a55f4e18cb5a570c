/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
/**
 * Table 9 (issue 17): many executions at once share one platform limit. A Chat Trigger workflow
 * that answers with its last node sends each chat message to Chatsby (Conversation → Send Message)
 * or Chat Thing (Message → Send); N messages arrive within one second; the emulator takes 5
 * requests in flight and 20 per second for the whole account (429 with Retry-After beyond). Beside
 * each, the same workflow with n8n's HTTP Request node making the same call. Once in regular mode
 * (one n8n runs every execution at once) and once in queue mode (Redis, a main, a webhook process
 * that receives the messages, two workers running up to 10 executions each).
 *
 * This table starts its own n8n processes, emulators, Redis and Postgres on ports of its own
 * (other tables and the e2e suite run real n8n on other ports), each mode in a user folder and a
 * throwaway Postgres cluster of its own. Postgres in both modes, with a pool of 20 connections per
 * n8n process: on SQLite, or on Postgres with n8n's default pool of 2, 1,000 executions at once
 * queue on the database until n8n's database ping times out, and n8n then answers every request
 * "503 Database is not ready!" — the database's limit, long before the platform's shows (queue
 * mode's four processes on one SQLite file fail with SQLITE_BUSY at 20 messages already).
 * BENCH9_MESSAGES=50 (or "50,100") picks the message counts, BENCH9_MODES=regular (or queue) the
 * modes, for a quick run; the chart goes to docs/ only from a full run. BENCH9_REPEAT=3 measures
 * our node's runs three times each (the rows move by 0.1 to 0.2 × between runs of the same code):
 * the target then asks every run to answer every message and the median run to be within 1.2 ×.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	chownSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';

import {
	httpReady,
	installPackage,
	n8nCli,
	N8nApi,
	runCommand,
	sleep,
	startN8n,
	startProcess,
	stopProcesses,
	waitFor,
	type N8nInstall,
	type WorkflowJson,
} from '../e2e/harness/n8n';
import { ChatThingEmulator } from '../emulators/chatthing';
import { ChatsbyEmulator } from '../emulators/chatsby';
import type { EmulatorServer } from '../emulators/kit';
import { perSecondChartSvg, type ChartRow } from './chart';
import {
	CHAT_THING,
	CHATSBY,
	CREDENTIALS,
	emulatorCredentials,
	httpRequestNode,
	PACKAGE,
	waitUntilChatLive,
} from './realN8n';
import { percentile, type BenchTable } from './table';

const root = path.resolve(__dirname, '../..');
const scratch = path.join(root, '.e2e/bench9');
const FULL_COUNTS = [200, 1000];
const ALL_MODES: Mode[] = ['regular', 'queue'];
const IN_FLIGHT = 5;
const PER_SECOND = 20;
// The kit's 429s carry `Retry-After: <seconds>`; its in-flight limit would say 0 by default.
// 1 s for both, as in table 2: what a platform's limit typically asks for.
const RETRY_AFTER_SECONDS = 1;
/** Database connections per n8n process (n8n's default is 2). */
const DB_POOL_SIZE = 20;
/**
 * n8n's expression engine. 2.41's default, `vm`, evaluates expressions in an isolate that each
 * execution builds and disposes of (isolated-vm, vendor libraries loaded into it): 30 % of the
 * main process's busy CPU time in a profile of a 200-message burst, and n8n then got through
 * about 11 executions a second on a 2-core machine with either node (HTTP Request: 200 in 18.5 s)
 * — below the platform's 20, so the table would measure n8n's engine, not the limit. With
 * `legacy`, n8n's in-process engine, the same burst took 7.9 s. N8N_EXPRESSION_ENGINE=vm runs the
 * table with n8n's default.
 */
const EXPRESSION_ENGINE = process.env.N8N_EXPRESSION_ENGINE ?? 'legacy';
/** Messages of the burst that warms a freshly started n8n up before the measured runs. */
const WARM_UP_MESSAGES = 200;
const WORKERS = 2;
const WORKER_CONCURRENCY = 10;
/**
 * Finished jobs kept in Redis in queue mode (n8n's default is 0: removed at once). The process
 * that took a message enqueues its job, runs its pre-execution hooks and only then waits for the
 * job with Bull's `job.finished()`. In a burst that process is busy, and a job a worker finished
 * in between is gone from Redis, its "completed" event already past: the wait never ends, and
 * the message is never answered although its execution succeeded (n8n issue 30392 describes
 * the same endless wait). About 1 message in 200 went so, with either node. With the last jobs
 * kept, the wait finds the job among the completed ones.
 */
const KEEP_FINISHED_JOBS = 5000;
/** How long an n8n process may take to start on a loaded machine. */
const START_TIMEOUT_MS = 240_000;
/**
 * A message n8n has not answered by then counts as failed (status 0): past any Max Wait and retry,
 * and in queue mode an execution n8n lost (seen now and then) costs the run this long.
 */
const ANSWER_TIMEOUT_MS = 150_000;
const OWNER = { email: 'owner@example.com', password: process.env.N8N_DEMO_PASSWORD ?? '' };
// Ports of this table only: 5720-5740 for n8n, 5741 for Postgres, 5750+ for the emulators, Redis
// on 6395.
const PORTS = {
	regular: { main: 5720, broker: 5721 },
	queue: {
		main: 5722,
		broker: 5723,
		webhook: 5724,
		workers: [
			{ broker: 5725, health: 5726 },
			{ broker: 5727, health: 5728 },
		],
	},
	redis: 6395,
	postgres: 5741,
	chatsby: 5750,
	chatThing: 5751,
};

type Mode = 'regular' | 'queue';
type Platform = 'Chatsby' | 'Chat Thing';
type Implementation = 'ours' | 'HTTP Request';

interface Answer {
	message: string;
	/** When the message was sent, ms after the first one was. */
	sentMs: number;
	/** When its first request reached the platform, ms after the first send; undefined if none did. */
	reachedMs?: number;
	/** What the platform answered each of its requests (tries and retries), in order. */
	platformStatuses: number[];
	/** When each of those requests reached the platform, ms after the first send. */
	platformMs: number[];
	/** When n8n's answer had fully arrived (or the request failed), ms after the first send. */
	answeredMs: number;
	/** n8n's status; 0 when no answer came (connection error, timeout). */
	status: number;
	/** 200 with the platform's reply to this very message in it. */
	replied: boolean;
	body: string;
}

interface RunResult {
	mode: Mode;
	platform: Platform;
	implementation: Implementation;
	messages: number;
	answers: Answer[];
	/** One message alone, just before the burst: what n8n takes on this machine at this moment. */
	aloneMs: number;
	tooManyRequests: number;
	/** Of those, the ones refused for the requests in flight (the others: for the rate). */
	tooManyInFlight: number;
	/** Where the failures came from: n8n's answers, and the errors of failed executions. */
	causes: string;
	/** Which round of BENCH9_REPEAT it was measured in, from 1. */
	round: number;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** The machine's load average over 1, 5 and 15 minutes: other jobs share it. */
const loadAverage = () =>
	loadavg()
		.map((value) => value.toFixed(2))
		.join(' / ');

function chosenCounts(): number[] {
	const text = process.env.BENCH9_MESSAGES;
	if (!text) return FULL_COUNTS;
	const counts = text.split(',').map((part) => Number(part.trim()));
	if (counts.some((count) => !Number.isInteger(count) || count < 1))
		throw new Error(`BENCH9_MESSAGES must be whole numbers, e.g. 50 or 200,1000; got "${text}"`);
	return counts;
}

function chosenRepeat(): number {
	const text = process.env.BENCH9_REPEAT;
	if (!text) return 1;
	const repeat = Number(text);
	if (!Number.isInteger(repeat) || repeat < 1)
		throw new Error(`BENCH9_REPEAT must be a whole number of rounds, e.g. 3; got "${text}"`);
	return repeat;
}

function chosenModes(): Mode[] {
	const text = process.env.BENCH9_MODES;
	if (!text) return ALL_MODES;
	const modes = text.split(',').map((part) => part.trim());
	if (modes.some((mode) => !ALL_MODES.includes(mode as Mode)))
		throw new Error(`BENCH9_MODES must be regular, queue or both; got "${text}"`);
	return modes as Mode[];
}

// ---------------------------------------------------------------------------------------------
// The n8n processes of one mode
// ---------------------------------------------------------------------------------------------

/** Every process this table started and has not stopped yet: killed if the bench ends early. */
const running = new Set<ChildProcess>();
const killLeftovers = () => {
	for (const child of running) child.kill('SIGKILL');
};
/** Ctrl-C or a kill of the bench alone: no n8n, Redis or Postgres of this table outlives it. */
const stopOnSignal = (signal: NodeJS.Signals) => {
	killLeftovers();
	process.exit(signal === 'SIGINT' ? 130 : 143);
};

class Deployment {
	readonly home: string;
	readonly install: N8nInstall;
	readonly mainUrl: string;
	/** Where chat messages go: the main in regular mode, the webhook process in queue mode. */
	readonly chatBaseUrl: string;
	readonly netlog: string;
	private readonly processes: ChildProcess[] = [];
	/** Outside the repository: Postgres (as its own user) must own it. */
	private readonly postgresData = path.join(tmpdir(), 'bench9-postgres');
	api = new N8nApi('');

	constructor(readonly mode: Mode) {
		this.home = path.join(scratch, mode);
		this.netlog = path.join(this.home, 'network.log');
		const ports = mode === 'regular' ? PORTS.regular : PORTS.queue;
		this.mainUrl = `http://127.0.0.1:${ports.main}`;
		this.chatBaseUrl =
			mode === 'regular' ? this.mainUrl : `http://127.0.0.1:${PORTS.queue.webhook}`;
		this.install = {
			node: process.env.E2E_NODE ?? '',
			bin: process.env.E2E_N8N_BIN ?? '',
			env: {
				...process.env,
				N8N_USER_FOLDER: this.home,
				N8N_PORT: String(ports.main),
				N8N_RUNNERS_BROKER_PORT: String(ports.broker),
				N8N_WEBHOOK_URL: `${this.chatBaseUrl}/`,
				N8N_LOG_LEVEL: 'warn',
				// The e2e suite's network guard: any connection beyond 127.0.0.1 lands in this file.
				NODE_OPTIONS: `--require ${path.join(root, 'scripts/e2e/netguard.cjs')}`,
				E2E_NETLOG: this.netlog,
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(PORTS.postgres),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: 'postgres',
				DB_POSTGRESDB_PASSWORD: '',
				DB_POSTGRESDB_POOL_SIZE: String(DB_POOL_SIZE),
				N8N_EXPRESSION_ENGINE: EXPRESSION_ENGINE,
				...(mode === 'queue'
					? {
							EXECUTIONS_MODE: 'queue',
							QUEUE_BULL_REDIS_HOST: '127.0.0.1',
							QUEUE_BULL_REDIS_PORT: String(PORTS.redis),
							N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: String(KEEP_FINISHED_JOBS),
							N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: String(KEEP_FINISHED_JOBS),
						}
					: {}),
			},
		};
	}

	private track(child: ChildProcess): void {
		this.processes.push(child);
		running.add(child);
		child.once('exit', () => running.delete(child));
	}

	private log(name: string): string {
		return path.join(this.home, `${name}.log`);
	}

	/** Package installed, credentials imported, the processes up, the owner logged in. */
	async start(credentials: unknown[]): Promise<void> {
		rmSync(this.home, { recursive: true, force: true });
		mkdirSync(path.join(this.home, '.n8n/nodes'), { recursive: true });
		await installPackage(this.home, process.env.E2E_TARBALL ?? '');
		// In queue mode even n8n's import commands connect to Redis.
		if (this.mode === 'queue') await this.startRedis();
		await this.startPostgres();
		const file = path.join(this.home, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		const imported = await n8nCli(this.install, ['import:credentials', `--input=${file}`]);
		if (imported.code !== 0) throw new Error(`Importing credentials failed: ${imported.output}`);

		// The main first, alone: it runs the database migrations the other processes wait for.
		this.track(startN8n(this.install, ['start'], this.log('main')));
		await httpReady(`${this.mainUrl}/healthz/readiness`, START_TIMEOUT_MS);
		await httpReady(`${this.mainUrl}/rest/settings`, START_TIMEOUT_MS);
		if (this.mode === 'queue') {
			const ready: string[] = [];
			PORTS.queue.workers.forEach((ports, index) => {
				this.track(
					startN8n(
						this.install,
						['worker', `--concurrency=${WORKER_CONCURRENCY}`],
						this.log(`worker${index + 1}`),
						{
							N8N_RUNNERS_BROKER_PORT: String(ports.broker),
							QUEUE_HEALTH_CHECK_ACTIVE: 'true',
							QUEUE_HEALTH_CHECK_PORT: String(ports.health),
							N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						},
					),
				);
				ready.push(`http://127.0.0.1:${ports.health}`);
			});
			this.track(
				startN8n(this.install, ['webhook'], this.log('webhook'), {
					N8N_PORT: String(PORTS.queue.webhook),
				}),
			);
			ready.push(this.chatBaseUrl);
			for (const url of ready) await httpReady(`${url}/healthz/readiness`, START_TIMEOUT_MS);
		}
		this.api = new N8nApi(this.mainUrl);
		await this.api.logIn(OWNER.email, OWNER.password);
		await this.api.createApiKey();
	}

	private async startRedis(): Promise<void> {
		this.track(
			startProcess(
				'redis-server',
				['--bind', '127.0.0.1', '--port', String(PORTS.redis), '--save', '', '--appendonly', 'no'],
				this.log('redis'),
			),
		);
		await waitFor('Redis', async () =>
			(await runCommand('redis-cli', ['-p', String(PORTS.redis), 'ping'])).output.includes('PONG')
				? true
				: undefined,
		);
	}

	/**
	 * A throwaway Postgres cluster for this mode, trusting local connections. Postgres refuses to
	 * run as root, so under root it runs as the system's `postgres` user, in a folder it owns.
	 */
	private async startPostgres(): Promise<void> {
		const data = this.postgresData;
		rmSync(data, { recursive: true, force: true });
		mkdirSync(data, { mode: 0o700 });
		const user: { uid?: number; gid?: number } =
			process.getuid?.() === 0 ? await systemUser('postgres') : {};
		if (user.uid !== undefined && user.gid !== undefined) chownSync(data, user.uid, user.gid);
		const bin = postgresBin();
		const initdb = await runAs(user, bin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust']);
		if (initdb.code !== 0) throw new Error(`initdb failed: ${initdb.output}`);
		const postgres = spawn(
			bin('postgres'),
			[
				'-D',
				data,
				'-p',
				String(PORTS.postgres),
				'-k',
				data,
				'-c',
				'listen_addresses=127.0.0.1',
				// Up to 4 n8n processes × DB_POOL_SIZE, and n8n's own extra connections.
				'-c',
				'max_connections=200',
				// A throwaway cluster: nothing to keep through a crash, so no waiting for the disk.
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			],
			{ ...user, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const log = createWriteStream(this.log('postgres'));
		postgres.stdout.pipe(log);
		postgres.stderr.pipe(log);
		this.track(postgres);
		await waitFor('Postgres', async () =>
			(await runCommand(bin('pg_isready'), ['-h', '127.0.0.1', '-p', String(PORTS.postgres)]))
				.code === 0
				? true
				: undefined,
		);
		const created = await runCommand(bin('createdb'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(PORTS.postgres),
			'-U',
			'postgres',
			'n8n',
		]);
		if (created.code !== 0) throw new Error(`createdb failed: ${created.output}`);
	}

	/** Connections the n8n processes tried beyond 127.0.0.1 (the network guard's log). */
	outboundConnections(): string[] {
		return existsSync(this.netlog)
			? readFileSync(this.netlog, 'utf8').split('\n').filter(Boolean)
			: [];
	}

	/** Webhook process, workers, main, then Redis: the reverse of the start. */
	async stop(): Promise<void> {
		await stopProcesses([...this.processes].reverse());
		this.processes.length = 0;
		rmSync(this.postgresData, { recursive: true, force: true });
	}
}

/**
 * Where Postgres's programs are: on PATH if initdb is there, else Debian's
 * /usr/lib/postgresql/<version>/bin (the newest version; Debian puts only wrappers of the client
 * programs on PATH). scripts/bench.sh installs Debian's postgresql package when neither has it.
 */
function postgresBin(): (program: string) => string {
	const onPath = (process.env.PATH ?? '')
		.split(path.delimiter)
		.some((folder) => folder && existsSync(path.join(folder, 'initdb')));
	if (onPath) return (program) => program;
	const debian = '/usr/lib/postgresql';
	const versions = existsSync(debian)
		? readdirSync(debian)
				.filter((version) => existsSync(path.join(debian, version, 'bin/initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0)
		throw new Error(
			"Table 9 needs Postgres (initdb and postgres): install Debian's postgresql package, or put Postgres's bin folder on PATH",
		);
	return (program) => path.join(debian, versions[0], 'bin', program);
}

/** The uid and gid of a system user (to run Postgres as, when the bench runs as root). */
async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
	const [uid, gid] = await Promise.all(
		['-u', '-g'].map(async (flag) => {
			const { code, output } = await runCommand('id', [flag, name]);
			if (code !== 0) throw new Error(`No user ${name} to run Postgres as: ${output}`);
			return Number(output.trim());
		}),
	);
	return { uid, gid };
}

/** Runs a short command as `user` (when given) to its end. */
async function runAs(
	user: { uid?: number; gid?: number },
	command: string,
	args: string[],
): Promise<{ code: number; output: string }> {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (data: Buffer) => (output += data.toString()));
		child.stderr.on('data', (data: Buffer) => (output += data.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

// ---------------------------------------------------------------------------------------------
// The workflows
// ---------------------------------------------------------------------------------------------

/** Chat Trigger (public, answering with the last node's first item) → one action node. */
function chatWorkflow(
	name: string,
	action: Record<string, unknown> & { name: string; type: string },
): WorkflowJson {
	return {
		name,
		nodes: [
			{
				id: 'c1',
				name: 'Chat message',
				type: '@n8n/n8n-nodes-langchain.chatTrigger',
				typeVersion: 1.2,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				parameters: { public: true, mode: 'hostedChat', options: { responseMode: 'lastNode' } },
			},
			{ id: 'c2', position: [220, 0], typeVersion: 1, ...action },
		],
		connections: {
			'Chat message': { main: [[{ node: action.name, type: 'main', index: 0 }]] },
		},
	};
}

/** A workflow's key: its platform and node, and for ours the round it is measured in. */
const workflowKey = (platform: Platform, implementation: Implementation, round: number) =>
	implementation === 'ours' ? `${platform}, ours, round ${round}` : `${platform}, HTTP Request`;

/**
 * The credentials our node uses in round `round` of BENCH9_REPEAT. Round 1 has the table's own.
 * A later round has the same accounts under credentials of its own, so that its runs start at
 * limits of their own as round 1's do: our node keeps what it learned of an account's limits for
 * 10 minutes after its last request.
 */
function roundCredentials(round: number): typeof CREDENTIALS {
	if (round === 1) return CREDENTIALS;
	const renamed = (credential: { id: string; name: string }) => ({
		id: `${credential.id}r${round}`,
		name: `${credential.name}, round ${round}`,
	});
	return {
		chatThingApi: renamed(CREDENTIALS.chatThingApi),
		chatsbyApi: renamed(CREDENTIALS.chatsbyApi),
	};
}

/** Every round's credentials for `n8n import:credentials`, pointing at the emulators. */
function allRoundsCredentials(chatThingUrl: string, chatsbyUrl: string, rounds: number) {
	return Array.from({ length: rounds }, (_, index) =>
		emulatorCredentials(chatThingUrl, chatsbyUrl).map((credential) => ({
			...credential,
			...roundCredentials(index + 1)[credential.type as keyof typeof CREDENTIALS],
		})),
	).flat();
}

/**
 * The four action nodes: ours (with the round's credentials) and n8n's HTTP Request node for each
 * platform, with defaults.
 */
function actionNodes(chatsbyUrl: string, chatThingUrl: string, round: number) {
	const credentials = roundCredentials(round);
	const chatThingChannel = `${chatThingUrl}/api/public/channels/${CHAT_THING.channelId}/1.0`;
	return {
		Chatsby: {
			ours: {
				name: 'Chatsby',
				type: `${PACKAGE}.chatsby`,
				parameters: {
					resource: 'conversation',
					operation: 'send',
					agentId: { __rl: true, mode: 'id', value: CHATSBY.agentId },
					message: '={{ $json.chatInput }}',
					options: {},
				},
				credentials: { chatsbyApi: credentials.chatsbyApi },
			},
			'HTTP Request': httpRequestNode(
				'HTTP Request',
				'chatsbyApi',
				`${chatsbyUrl}/conversations`,
				`={{ JSON.stringify({ agent_id: "${CHATSBY.agentId}", message: $json.chatInput }) }}`,
			),
		},
		'Chat Thing': {
			ours: {
				name: 'Chat Thing',
				type: `${PACKAGE}.chatThing`,
				parameters: {
					resource: 'message',
					operation: 'send',
					conversationMode: 'oneOff',
					message: '={{ $json.chatInput }}',
					options: {},
				},
				credentials: { chatThingApi: credentials.chatThingApi },
			},
			'HTTP Request': httpRequestNode(
				'HTTP Request',
				'chatThingApi',
				`${chatThingChannel}/message`,
				'={{ JSON.stringify({ message: $json.chatInput }) }}',
			),
		},
	} satisfies Record<
		Platform,
		Record<Implementation, Record<string, unknown> & { name: string; type: string }>
	>;
}

// ---------------------------------------------------------------------------------------------
// One run: N chat messages within one second
// ---------------------------------------------------------------------------------------------

/**
 * Sends `count` chat messages evenly spread over one second, each on its own connection without
 * waiting for the others, and notes when each answer arrives and whether it holds the reply.
 */
async function sendMessages(
	url: string,
	count: number,
	runId: string,
	expectedReply: (message: string) => string,
): Promise<{ startedAt: number; answers: Answer[] }> {
	const start = performance.now();
	const answers = await Promise.all(
		Array.from({ length: count }, async (_, index): Promise<Answer> => {
			await sleep(Math.max(0, start + (index * 1000) / count - performance.now()));
			const message = `Message ${index} of run ${runId}`;
			const sent = performance.now();
			const answer = { message, sentMs: sent - start, platformStatuses: [], platformMs: [] };
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						action: 'sendMessage',
						sessionId: `${runId}-${index}`,
						chatInput: message,
					}),
					signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
				});
				const body = await response.text();
				return {
					...answer,
					answeredMs: performance.now() - start,
					status: response.status,
					replied: response.status === 200 && body.includes(expectedReply(message)),
					body,
				};
			} catch (error) {
				return {
					...answer,
					answeredMs: performance.now() - start,
					status: 0,
					replied: false,
					body: String((error as Error).cause ?? error),
				};
			}
		}),
	);
	// On the clock of the emulators' request log (ms since 1970).
	return { startedAt: performance.timeOrigin + start, answers };
}

/** Notes what became of each message's requests at the platform (matched by its text). */
function noteArrivals(answers: Answer[], server: EmulatorServer, startedAt: number): void {
	const byMessage = new Map(answers.map((answer) => [answer.message, answer]));
	for (const request of server.requests) {
		const message = (request.body as { message?: unknown } | undefined)?.message;
		const answer = typeof message === 'string' ? byMessage.get(message) : undefined;
		if (!answer) continue;
		answer.reachedMs ??= request.startedAt - startedAt;
		answer.platformStatuses.push(request.status ?? 0);
		answer.platformMs.push(request.startedAt - startedAt);
	}
}

/** A failed message whose every request the platform refused with 429 (none got through). */
const failedOnTooManyRequests = (answer: Answer) =>
	!answer.replied &&
	answer.platformStatuses.length > 0 &&
	answer.platformStatuses.every((status) => status === 429);

/** Waits until no request has reached the emulators for a second (late retries have ended). */
async function emulatorsQuiet(servers: EmulatorServer[]): Promise<void> {
	await waitFor(
		'the emulators to see no more requests',
		async () => {
			const last = Math.max(
				0,
				...servers.flatMap((server) => server.requests.at(-1)?.startedAt ?? 0),
			);
			return Date.now() - last > 1000 ? true : undefined;
		},
		120_000,
		250,
	);
}

/** "k × what" for each distinct value, most frequent first. */
function tally(values: string[]): string {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts.entries()]
		.sort((a, b) => b[1] - a[1])
		.map(([value, count]) => `${count} × ${value}`)
		.join('; ');
}

/** A failed answer in a few words: its status, n8n's message and the first line of its stack. */
function describeAnswer(answer: Answer): string {
	if (answer.status === 0) return `no answer (${answer.body.slice(0, 100)})`;
	let parsed: { message?: unknown; stacktrace?: unknown } = {};
	try {
		parsed = JSON.parse(answer.body) as typeof parsed;
	} catch {
		return `${answer.status} ${answer.body.slice(0, 100)}`;
	}
	const stack = typeof parsed.stacktrace === 'string' ? parsed.stacktrace.split('\n')[0] : '';
	return `${answer.status} "${String(parsed.message ?? answer.body.slice(0, 100))}"${stack ? ` (${stack})` : ''}`;
}

/**
 * How many executions of the workflow that started at `since` or later n8n saved as succeeded.
 * More of them than answered messages are executions n8n finished but never answered for.
 */
async function succeededExecutions(
	api: N8nApi,
	workflowId: string,
	since: number,
): Promise<number> {
	let count = 0;
	let cursor = '';
	for (;;) {
		const { body } = await api.publicApi<{
			data?: Array<{ startedAt?: string }>;
			nextCursor?: string | null;
		}>('GET', `/executions?workflowId=${workflowId}&status=success&limit=250${cursor}`);
		const page = body.data ?? [];
		const inRun = page.filter((run) => Date.parse(run.startedAt ?? '') >= since).length;
		count += inRun;
		// Newest first: a page that reaches before the run ends the count.
		if (inRun < page.length || !body.nextCursor) return count;
		cursor = `&cursor=${encodeURIComponent(body.nextCursor)}`;
	}
}

/**
 * n8n's answers to the failed messages, the errors of the newest failed executions, and how many
 * executions succeeded without their message being answered.
 */
async function failureCauses(
	api: N8nApi,
	workflowId: string,
	failures: Answer[],
	run: { since: number; answered: number },
): Promise<string> {
	if (failures.length === 0) return '';
	const answers = tally(failures.map(describeAnswer));
	const unanswered = (await succeededExecutions(api, workflowId, run.since)) - run.answered;
	const sample = 10;
	const { body } = await api.publicApi<{
		data?: Array<{ data?: { resultData?: { error?: { message?: string } } } }>;
	}>('GET', `/executions?workflowId=${workflowId}&status=error&includeData=true&limit=${sample}`);
	const errors = tally(
		(body.data ?? []).map((run) => `"${run.data?.resultData?.error?.message ?? '?'}"`),
	);
	return `answers: ${answers}. Newest ${sample} failed executions: ${errors || 'none found'}. Executions that succeeded without an answer: ${unanswered}`;
}

/**
 * A freshly started n8n runs its first burst slower than the next ones (its code not yet
 * compiled hot, its database connections not yet open), and the measured runs should not depend
 * on which of them comes first. So each mode starts with WARM_UP_MESSAGES messages at each
 * platform's HTTP Request workflow, the emulators' limits off, not measured: our node's shared
 * limits learn nothing from it. Says how long each took.
 */
async function warmUp(
	mode: Mode,
	workflows: Map<string, { id: string; url: string }>,
	emulatorOf: Record<Platform, { server: EmulatorServer }>,
	replyTo: Record<Platform, (message: string) => string>,
): Promise<string> {
	const allServers = Object.values(emulatorOf).map((emulator) => emulator.server);
	const took: string[] = [];
	for (const platform of ['Chatsby', 'Chat Thing'] as const) {
		emulatorOf[platform].server.reset();
		const { answers } = await sendMessages(
			workflows.get(workflowKey(platform, 'HTTP Request', 1))!.url,
			WARM_UP_MESSAGES,
			`${mode}-warm-up-${platform}`,
			replyTo[platform],
		);
		await emulatorsQuiet(allServers);
		const answered = answers.filter((answer) => answer.replied).length;
		const lastMs = Math.max(...answers.map((answer) => answer.answeredMs));
		took.push(`${platform} ${answered} answered, last after ${seconds(lastMs)} s`);
		emulatorOf[platform].server.reset();
		// As between the measured runs: n8n finishes saving the executions first.
		await sleep(2000);
	}
	return `Warm-up, ${mode} mode (not measured): ${WARM_UP_MESSAGES} messages within 1 s to each HTTP Request workflow, no limits: ${took.join('; ')}.`;
}

/**
 * One run: one message alone (the baseline of the moment), then `messages` within one second
 * against a fresh account with the limits on; waits until late retries have ended.
 */
async function measureRun(run: {
	mode: Mode;
	platform: Platform;
	implementation: Implementation;
	messages: number;
	workflow: { id: string; url: string };
	server: EmulatorServer;
	allServers: EmulatorServer[];
	api: N8nApi;
	expectedReply: (message: string) => string;
}): Promise<Omit<RunResult, 'round'>> {
	const { server, workflow, messages } = run;
	const runId = `${run.mode}-${messages}-${run.platform}-${run.implementation}`.replace(/\W+/g, '');
	server.reset();
	const [alone] = (await sendMessages(workflow.url, 1, `${runId}-alone`, run.expectedReply))
		.answers;
	if (!alone.replied)
		throw new Error(`One message alone was not answered: ${describeAnswer(alone)}`);
	// A fresh account for the run: no requests logged, the limits' windows empty.
	server.reset();
	server.limitInFlight(IN_FLIGHT, RETRY_AFTER_SECONDS);
	server.limitRate(PER_SECOND, RETRY_AFTER_SECONDS);
	const { startedAt, answers } = await sendMessages(
		workflow.url,
		messages,
		runId,
		run.expectedReply,
	);
	await emulatorsQuiet(run.allServers);
	noteArrivals(answers, server, startedAt);
	const tooManyRequests = server.rejectedByLimit;
	const tooManyInFlight = server.requests.filter(
		(request) => request.rejectedBy === 'inFlightLimit',
	).length;
	server.clearLimits();
	const failures = answers.filter((answer) => !answer.replied);
	return {
		mode: run.mode,
		platform: run.platform,
		implementation: run.implementation,
		messages,
		answers,
		aloneMs: alone.answeredMs - alone.sentMs,
		tooManyRequests,
		tooManyInFlight,
		causes: await failureCauses(run.api, workflow.id, failures, {
			since: startedAt,
			answered: answers.length - failures.length,
		}),
	};
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

export async function benchConcurrentExecutions(): Promise<BenchTable> {
	const counts = chosenCounts();
	const modes = chosenModes();
	const repeat = chosenRepeat();
	const loadAtStart = loadAverage();
	const chatsby = new ChatsbyEmulator({ apiKey: CHATSBY.apiKey });
	const chatThing = new ChatThingEmulator(CHAT_THING);
	const results: RunResult[] = [];
	const outbound: string[] = [];
	const unfinished: string[] = [];
	const warmUps: string[] = [];
	const started = performance.now();
	mkdirSync(scratch, { recursive: true });
	process.on('exit', killLeftovers);
	process.once('SIGINT', stopOnSignal);
	process.once('SIGTERM', stopOnSignal);
	try {
		const chatsbyUrl = await chatsby.start(PORTS.chatsby);
		const chatThingUrl = await chatThing.start(PORTS.chatThing);
		chatsby.seed();
		const credentials = allRoundsCredentials(chatThingUrl, chatsbyUrl, repeat);
		const emulatorOf = { Chatsby: chatsby, 'Chat Thing': chatThing };
		const replyTo = { Chatsby: ChatsbyEmulator.answer, 'Chat Thing': ChatThingEmulator.echo };

		for (const mode of modes) {
			const deployment = new Deployment(mode);
			try {
				await deployment.start(credentials);
				const workflows = new Map<string, { id: string; url: string }>();
				const addWorkflow = async (
					key: string,
					action: Record<string, unknown> & { name: string; type: string },
				) => {
					const created = await deployment.api.createActiveWorkflow(
						chatWorkflow(`Bench 9: ${key}`, action),
					);
					const url = `${deployment.chatBaseUrl}/webhook/${created.nodes[0].webhookId}/chat`;
					await waitUntilChatLive(url, 30_000);
					workflows.set(key, { id: created.id, url });
				};
				for (let round = 1; round <= repeat; round++) {
					const nodes = actionNodes(chatsbyUrl, chatThingUrl, round);
					for (const platform of ['Chatsby', 'Chat Thing'] as const) {
						await addWorkflow(workflowKey(platform, 'ours', round), nodes[platform].ours);
						if (round === 1)
							await addWorkflow(
								workflowKey(platform, 'HTTP Request', round),
								nodes[platform]['HTTP Request'],
							);
					}
				}
				warmUps.push(await warmUp(mode, workflows, emulatorOf, replyTo));
				// Round by round, each as a run without repeats would be; the HTTP Request node in the
				// first only (it keeps no state between runs, and it is there to compare with).
				for (let round = 1; round <= repeat; round++) {
					for (const messages of counts) {
						for (const platform of ['Chatsby', 'Chat Thing'] as const) {
							const implementations: Implementation[] =
								round === 1 ? ['ours', 'HTTP Request'] : ['ours'];
							for (const implementation of implementations) {
								const result = await measureRun({
									mode,
									platform,
									implementation,
									messages,
									workflow: workflows.get(workflowKey(platform, implementation, round))!,
									server: emulatorOf[platform].server,
									allServers: [chatsby.server, chatThing.server],
									api: deployment.api,
									expectedReply: replyTo[platform],
								});
								results.push({ ...result, round });
								// Let n8n finish saving the executions before the next burst.
								await sleep(2000);
							}
						}
					}
				}
			} catch (error) {
				// The other mode's figures still count: note this one's failure and go on.
				unfinished.push(`${mode} mode stopped early: ${(error as Error).message}`);
			} finally {
				await deployment.stop();
				outbound.push(...deployment.outboundConnections());
			}
		}
	} finally {
		await chatsby.stop();
		await chatThing.stop();
		process.off('exit', killLeftovers);
		process.off('SIGINT', stopOnSignal);
		process.off('SIGTERM', stopOnSignal);
	}
	const fullRun = counts.join() === FULL_COUNTS.join() && modes.join() === ALL_MODES.join();
	const chartFile = fullRun
		? path.join(root, 'docs/bench-table9.svg')
		: path.join(scratch, 'table9-chart.svg');
	writeFileSync(chartFile, chart(results, loadAtStart));
	// Every answer of the run, for a look beyond the table and the chart.
	writeFileSync(path.join(scratch, 'results.json'), JSON.stringify(results));
	return table(results, {
		loadAtStart,
		loadAtEnd: loadAverage(),
		unfinished,
		warmUps,
		chartFile,
		outbound,
		minutes: (performance.now() - started) / 60_000,
	});
}

/** The time the platform needs for a run's messages at its rate. */
const idealMs = (result: RunResult) => (result.messages / PER_SECOND) * 1000;

/** The last answer's time over the ideal. */
const timesIdeal = (result: RunResult) =>
	Math.max(...result.answers.map((answer) => answer.answeredMs)) / idealMs(result);

/**
 * Our node's runs by scenario (mode, messages, platform), each with its median run by total time:
 * the middle one, or with an even number of runs the slower of the two in the middle.
 */
function oursByScenario(results: RunResult[]): Array<{ runs: RunResult[]; median: RunResult }> {
	const scenarios = new Map<string, RunResult[]>();
	for (const result of results.filter((run) => run.implementation === 'ours')) {
		const key = `${result.mode}|${result.messages}|${result.platform}`;
		scenarios.set(key, [...(scenarios.get(key) ?? []), result]);
	}
	return [...scenarios.values()].map((runs) => {
		const byTime = [...runs].sort((a, b) => timesIdeal(a) - timesIdeal(b));
		return { runs, median: byTime[Math.floor(byTime.length / 2)] };
	});
}

/**
 * When the last request the platform accepted reached it, ms after the first message was sent;
 * NaN when it accepted none.
 */
function lastAcceptedMs(result: RunResult): number {
	const accepted = result.answers.flatMap((answer) =>
		answer.platformMs.filter((_, index) => answer.platformStatuses[index] !== 429),
	);
	return accepted.length ? Math.max(...accepted) : NaN;
}

/**
 * How soon the platform could have taken the last message, given when n8n's executions got to the
 * action node. The HTTP Request node's run shows when: each of its executions sends its one request
 * as soon as it gets there (no limit of its own), so its arrivals at the emulator are what n8n
 * delivered. A node that knew the platform's limit in advance (and so met no 429) could have sent
 * the i-th of them on arrival, but no sooner than a second after the one PER_SECOND before it. An
 * estimate of what n8n allowed at about that moment, from another run (n8n runs executions that
 * fail on a 429 differently from ones that wait for their turns), not a measure of ours; undefined
 * when some message never reached the platform.
 */
function soonestLastAcceptedMs(httpRequestRun: RunResult): number | undefined {
	const supply = httpRequestRun.answers
		.map((answer) => answer.reachedMs)
		.filter((ms): ms is number => ms !== undefined)
		.sort((a, b) => a - b);
	if (supply.length < httpRequestRun.messages) return undefined;
	const taken: number[] = [];
	supply.forEach((reached, index) =>
		taken.push(index < PER_SECOND ? reached : Math.max(reached, taken[index - PER_SECOND] + 1000)),
	);
	return taken.at(-1);
}

function rowOf(result: RunResult, repeat: number): BenchTable['rows'][number] {
	const { answers, messages } = result;
	const answered = answers.filter((answer) => answer.replied);
	const latencies = answered.map((answer) => (answer.answeredMs - answer.sentMs) / 1000);
	const round1 = (value: number) => (Number.isNaN(value) ? '—' : Math.round(value * 10) / 10);
	const toPlatform = answers
		.filter((answer) => answer.reachedMs !== undefined)
		.map((answer) => (answer.reachedMs! - answer.sentMs) / 1000);
	const totalMs = Math.max(...answers.map((answer) => answer.answeredMs));
	return {
		mode: result.mode,
		platform: result.platform,
		node: result.implementation,
		...(repeat > 1
			? { run: result.implementation === 'ours' ? `${result.round} of ${repeat}` : 'once' }
			: {}),
		messages,
		answered: answered.length,
		failed: messages - answered.length,
		'failed on 429': answers.filter(failedOnTooManyRequests).length,
		'429s seen': result.tooManyRequests,
		'of them in flight': result.tooManyInFlight,
		'p50 (s)': round1(percentile(latencies, 50)),
		'p95 (s)': round1(percentile(latencies, 95)),
		'max (s)': round1(latencies.length ? Math.max(...latencies) : NaN),
		'to platform p50 (s)': round1(percentile(toPlatform, 50)),
		'alone (s)': round1(result.aloneMs / 1000),
		'last at platform (s)': round1(lastAcceptedMs(result) / 1000),
		'total (s)': seconds(totalMs),
		'ideal (s)': seconds(idealMs(result)),
		'× ideal': round2(timesIdeal(result)),
	};
}

function table(
	results: RunResult[],
	context: {
		loadAtStart: string;
		loadAtEnd: string;
		unfinished: string[];
		warmUps: string[];
		chartFile: string;
		outbound: string[];
		minutes: number;
	},
): BenchTable {
	const repeat = Math.max(...results.map((result) => result.round));
	const rows = inTableOrder(results).map((result) => rowOf(result, repeat));
	const scenarios = oursByScenario(results);
	const everyMessageAnswered = (result: RunResult) =>
		result.answers.every((answer) => answer.replied);
	const met =
		context.unfinished.length === 0 &&
		scenarios.every(
			({ runs, median }) => runs.every(everyMessageAnswered) && timesIdeal(median) <= 1.2,
		);
	const byScenario = scenarios.map(({ runs, median }) => {
		const httpRequestRun = results.find(
			(result) =>
				result.implementation === 'HTTP Request' &&
				result.mode === median.mode &&
				result.messages === median.messages &&
				result.platform === median.platform,
		);
		const soonestMs = httpRequestRun && soonestLastAcceptedMs(httpRequestRun);
		const times =
			runs.length > 1
				? `${runs.map((run) => round2(timesIdeal(run))).join(', ')} × ideal (median ${round2(timesIdeal(median))})`
				: `${round2(timesIdeal(median))} × ideal`;
		const allowed =
			soonestMs === undefined
				? ''
				: `; n8n's pace in the HTTP Request node's run allowed ${seconds(soonestMs)} s (${round2(soonestMs / idealMs(median))} × ideal)`;
		return `  ${median.mode}, ${median.messages}, ${median.platform}: ours ${times}, the last request at the platform after ${seconds(lastAcceptedMs(median))} s${allowed}.`;
	});
	const causes = results
		.filter((result) => result.causes)
		.map(
			(result) =>
				`  ${result.mode}, ${result.messages}, ${result.platform} ${result.implementation}: ${result.causes}`,
		);
	return {
		title: `Many executions at once, one platform limit: chat messages arriving within 1 s at a Chat Trigger → Send, emulator allows ${IN_FLIGHT} in flight and ${PER_SECOND}/s per account (429 + Retry-After: ${RETRY_AFTER_SECONDS} beyond); regular mode, and queue mode with a webhook process and ${WORKERS} workers × concurrency ${WORKER_CONCURRENCY} (n8n ${process.env.N8N_VERSION} on Postgres, ${DB_POOL_SIZE} connections per process, expression engine ${EXPRESSION_ENGINE})`,
		rows,
		target:
			repeat > 1
				? `ours: every message answered in every run, the last within 1.2× the ideal (messages ÷ ${PER_SECOND}/s) in the median run of each row`
				: `ours: every message answered, the last within 1.2× the ideal (messages ÷ ${PER_SECOND}/s)`,
		met,
		notes: [
			...context.unfinished,
			repeat > 1
				? `Our node's runs were measured ${repeat} times each, round by round (each round with credentials of its own, so that it starts with nothing learned of the limits, as the first does). By row, each round's time, and what n8n allowed:`
				: 'By row, and what n8n allowed:',
			...byScenario,
			`What n8n's pace allowed: the HTTP Request node's requests reached the platform as soon as n8n's executions got to the node; had a node sent each of them then, but no more than ${PER_SECOND} within any second (so meeting no 429), the platform would have taken the last at that time. An estimate from the run beside, not a bound: n8n's pace differs from run to run.`,
			"Answered: n8n answered 200 with the platform's reply to that message; failed: anything else; failed on 429: failed, and the platform refused every request made for it with 429 (the other failures happened in n8n or the test rig: see below). Latency (p50/p95/max) is of the answered ones, from sending the message to n8n's whole answer; total: from the first message sent to the last answer (answered or not).",
			"To platform: from sending a message to its first request reaching the emulator (n8n's own part of the latency, before any 429). Alone: one message by itself just before the burst, the same path with nobody else waiting.",
			`429s seen: the 429s the emulator sent in that run (each carries Retry-After: ${RETRY_AFTER_SECONDS}; the rate limit is a sliding 1-second window of accepted requests; the emulator answers at once otherwise). Of them in flight: refused because ${IN_FLIGHT} requests were open, the others for the rate.`,
			"HTTP Request node: n8n's defaults (no retry); a 429 fails its execution. Chat Trigger: 'Respond: When Last Node Finishes'.",
			...context.warmUps,
			`The emulators and the message sender run in the bench's own process; n8n, the bench and other jobs share this ${cpus().length}-core machine (load average ${context.loadAtStart} at the start, ${context.loadAtEnd} at the end).`,
			`Chart: ${path.relative(root, context.chartFile)}. Whole table: ${context.minutes.toFixed(1)} min.`,
			context.outbound.length === 0
				? 'Network guard: no n8n process tried to connect beyond 127.0.0.1.'
				: `Network guard: ${context.outbound.length} connection(s) beyond 127.0.0.1: ${context.outbound.slice(0, 3).join(' | ')}`,
			...(causes.length ? ['Where the failures come from:', ...causes] : []),
		],
	};
}

/** By scenario in the order first measured: our node's runs by round, then the HTTP Request node's. */
function inTableOrder(results: RunResult[]): RunResult[] {
	const scenario = (result: RunResult) => `${result.mode}|${result.messages}|${result.platform}`;
	const order = [...new Set(results.map(scenario))];
	const rank = (result: RunResult) =>
		order.indexOf(scenario(result)) * 1000 +
		(result.implementation === 'ours' ? result.round : 999);
	return [...results].sort((a, b) => rank(a) - rank(b));
}

/** Each scenario's median run of our node beside the HTTP Request node's run. */
function chart(results: RunResult[], loadAtStart: string): string {
	const repeat = Math.max(...results.map((result) => result.round));
	const rows: ChartRow[] = [];
	for (const { median } of oursByScenario(results)) {
		const { mode, messages, platform } = median;
		const runs = [
			median,
			...results.filter(
				(result) =>
					result.implementation === 'HTTP Request' &&
					result.mode === mode &&
					result.messages === messages &&
					result.platform === platform,
			),
		];
		const length = Math.ceil(
			Math.max(...runs.flatMap((run) => run.answers.map((a) => a.answeredMs))) / 1000,
		);
		rows.push({
			title: `${platform}\n${messages} messages\n${mode === 'regular' ? 'regular mode' : `queue, ${WORKERS} × ${WORKER_CONCURRENCY}`}`,
			cells: runs.map((run) => {
				const answered = Array.from({ length }, () => 0);
				const failed = Array.from({ length }, () => 0);
				for (const answer of run.answers) {
					const second = Math.min(length - 1, Math.floor(answer.answeredMs / 1000));
					if (answer.replied) answered[second]++;
					else failed[second]++;
				}
				const ok = answered.reduce((sum, count) => sum + count, 0);
				const total = Math.max(...run.answers.map((answer) => answer.answeredMs));
				return {
					answered,
					failed,
					caption: `${ok} answered, ${run.messages - ok} failed (${run.answers.filter(failedOnTooManyRequests).length} on 429), ${run.tooManyRequests} × 429, last answer ${seconds(total)} s`,
				};
			}),
		});
	}
	return perSecondChartSvg({
		title: 'Table 9: chat messages answered and failed per second (Chat Trigger → Send)',
		subtitle: [
			`Messages arrive within the first second; the platform takes ${IN_FLIGHT} in flight and ${PER_SECOND}/s per account (429 + Retry-After: ${RETRY_AFTER_SECONDS} beyond).`,
			`n8n ${process.env.N8N_VERSION} on a shared ${cpus().length}-core machine (load average ${loadAtStart} over 1/5/15 min at the start), ${new Date().toISOString().slice(0, 10)}.`,
		],
		columns: [
			repeat > 1 ? `our node (the median of ${repeat} runs)` : 'our node',
			"n8n's HTTP Request node",
		],
		rows,
		rateLine: PER_SECOND,
	});
}
