/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/*
 * One profile of the end-to-end suite: the packed package installed as a community package into
 * one n8n version (N8N_VERSION), in one execution mode (E2E_MODE: `regular`, or `queue` with
 * Redis, a main, a worker and a webhook process), against the emulators. Run by test.sh, which
 * installs n8n, builds and packs the package, starts the emulators and exports the environment.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { chatsbyDelivery, deliverTo, type DeliveryFlaw } from '../../test/emulators/chatsby';
import {
	Checks,
	expect,
	forgetRequests,
	httpReady,
	installPackage,
	readStreamedChunks,
	n8nCli,
	N8nApi,
	nodeOutput,
	readEmulators,
	receivedBy,
	runCommand,
	sleep,
	startProcess,
	startN8n,
	stopProcesses,
	waitFor,
	type Emulators,
	type N8nInstall,
	type WorkflowJson,
} from './n8n';

const root = path.resolve(__dirname, '../..');
const e2e = process.env.E2E_DIR ?? path.join(root, '.e2e');
const version = process.env.N8N_VERSION ?? '';
const mode = process.env.E2E_MODE === 'queue' ? 'queue' : 'regular';
const isLatest = process.env.E2E_LATEST === 'true';
const home = path.join(e2e, `test-${version}-${mode}`);
const PACKAGE = 'n8n-nodes-chatbot-platforms';
const OWNER = { email: 'owner@example.com', password: process.env.N8N_DEMO_PASSWORD ?? '' };
const PORTS = {
	main: 5688,
	mainBroker: 5689,
	webhook: 5690,
	workerBroker: 5692,
	workerHealth: 5693,
	redis: 6390,
};

const checks = new Checks(`n8n ${version} ${mode}`);
const emulatorsFile = path.join(home, 'emulators.json');
const credentialsFile = path.join(home, 'credentials.json');
let emulators: Emulators;
const install: N8nInstall = {
	node: process.env.E2E_NODE ?? '',
	bin: process.env.E2E_N8N_BIN ?? '',
	env: {
		...process.env,
		N8N_USER_FOLDER: home,
		N8N_PORT: String(PORTS.main),
		N8N_RUNNERS_BROKER_PORT: String(PORTS.mainBroker),
		N8N_WEBHOOK_URL: `http://127.0.0.1:${mode === 'queue' ? PORTS.webhook : PORTS.main}/`,
		NODE_OPTIONS: `--require ${path.join(root, 'scripts/e2e/netguard.cjs')}`,
		...(mode === 'queue'
			? {
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: '127.0.0.1',
					QUEUE_BULL_REDIS_PORT: String(PORTS.redis),
					OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				}
			: {}),
	},
};
const processes: ChildProcess[] = [];
const logOf = (name: string) => path.join(home, `${name}.log`);
const readJson = (file: string) =>
	JSON.parse(readFileSync(path.join(root, file), 'utf8')) as WorkflowJson;

async function main() {
	rmSync(home, { recursive: true, force: true });
	mkdirSync(path.join(home, '.n8n/nodes'), { recursive: true });
	try {
		await startEmulators();
		await installPackage(home, process.env.E2E_TARBALL ?? '');
		if (mode === 'queue') await startRedis();
		await importFixtures();
		if (mode === 'regular') {
			await runExamplesFromCli();
			await startRegular();
		} else {
			await startQueue();
		}
		const api = new N8nApi(`http://127.0.0.1:${PORTS.main}`);
		await checks.check('the owner logs in and gets an API key', async () => {
			await api.logIn(OWNER.email, OWNER.password);
			await api.createApiKey();
		});
		await checkNodeList(api);
		await checkChatsbyWebhookTrigger(api);
		await checkChatStreaming(api);
		if (mode === 'regular') {
			await checkPollingTrigger(api);
			if (isLatest) await walkTheEditor(api);
		} else {
			await checkQueueActions(api);
		}
	} finally {
		await stopProcesses([...processes].reverse());
	}
	await checks.check('n8n loaded the package without skipping it', () => {
		const logs = readdirSync(home).filter((file) => file.endsWith('.log'));
		const skipped = logs.filter((file) =>
			readFileSync(path.join(home, file), 'utf8').includes('Skipping package'),
		);
		expect(skipped.length === 0, `"Skipping package" in ${skipped.join(', ')}`);
	});
	console.log(`e2e [n8n ${version} ${mode}]: ${checks.passed} passed, ${checks.failed} failed`);
	process.exitCode = checks.failed === 0 ? 0 : 1;
}

/** The four emulators with their demo data (fresh for each profile), and credentials for them. */
async function startEmulators() {
	const serve = startProcess(
		'node',
		['-r', 'ts-node/register/transpile-only', 'test/emulators/serve.ts', emulatorsFile],
		logOf('emulators'),
		{ ...process.env, E2E_EMULATOR_PORT: '5711' },
		root,
	);
	processes.push(serve);
	await waitFor(
		`the emulators (see ${logOf('emulators')})`,
		async () => (existsSync(emulatorsFile) ? true : undefined),
		30_000,
		200,
	);
	emulators = readEmulators(emulatorsFile);
	const { code, output } = await runCommand(
		'node',
		['scripts/e2e/credentials.mjs', emulatorsFile, credentialsFile],
		process.env,
		root,
	);
	if (code !== 0) throw new Error(`Writing the credentials failed: ${output}`);
}

async function importFixtures() {
	const imported = await checks.check(
		'the demo credentials and the example workflows import',
		async () => {
			for (const args of [
				['import:credentials', `--input=${credentialsFile}`],
				['import:workflow', '--separate', `--input=${path.join(root, 'examples')}`],
				[
					'import:workflow',
					`--input=${path.join(root, 'test/e2e/http-request-with-credentials.json')}`,
				],
			]) {
				const { code, output } = await n8nCli(install, args);
				expect(
					code === 0 && /Successfully imported/.test(output),
					`n8n ${args[0]} failed: ${output.slice(-500)}`,
				);
			}
		},
	);
	if (!imported) throw new Error('Without the fixtures the rest of this profile cannot run');
}

// ---------------------------------------------------------------------------------------------
// Regular mode: the example workflows through `n8n execute`, then a server
// ---------------------------------------------------------------------------------------------

async function runExample(
	id: string,
	node: string,
	expectOutput: (items: Array<Record<string, unknown>>) => string | undefined,
	expectRequests?: () => Promise<string | undefined>,
) {
	await forgetRequests(emulators);
	const { output } = await n8nCli(install, ['execute', `--id=${id}`, '--rawOutput'], {
		N8N_LOG_LEVEL: 'info',
	});
	writeFileSync(path.join(home, `run-${id}.log`), output);
	const json = output.slice(output.indexOf('\n{') + 1, output.lastIndexOf('}') + 1);
	const run = JSON.parse(json) as {
		finished?: boolean;
		data: { resultData: { error?: { message: string }; runData: Record<string, unknown> } };
	};
	const error = run.data.resultData.error;
	expect(!error, `the run failed: ${error?.message}`);
	const items = nodeOutput(run as never, node);
	const problem = expectOutput(items);
	expect(!problem, `${node}: ${problem} (output: ${JSON.stringify(items).slice(0, 400)})`);
	const requestProblem = await expectRequests?.();
	expect(!requestProblem, requestProblem);
}

/** `undefined` when exactly `count` requests matched, otherwise what was seen. */
async function exactly(
	count: number,
	platform: Parameters<typeof receivedBy>[1],
	method: string,
	pathPattern: RegExp,
): Promise<string | undefined> {
	const seen = (await receivedBy(emulators, platform)).filter(
		(request) => request.method === method && pathPattern.test(request.path),
	);
	return seen.length === count
		? undefined
		: `expected ${count} × ${method} ${pathPattern} at ${platform}, saw ${seen.length}`;
}

async function runExamplesFromCli() {
	await checks.check(
		'AI Chatbot Hub example: re-scrape, wait for training, a streamed answer',
		() =>
			runExample(
				'exampleAiHub0001',
				'Smoke-test question',
				(items) =>
					items.length === 1 && items[0].response === 'Echo: What are your opening hours?'
						? undefined
						: 'wrong answer',
				async () =>
					(await exactly(1, 'aiChatbotHub', 'POST', /\/data-sources\/url\/re-scrape$/)) ??
					(await exactly(1, 'aiChatbotHub', 'POST', /\/message\/stream$/)),
			),
	);
	await checks.check('Chat Thing example: rows into a data source, one sync', () =>
		runExample(
			'exampleChatThing1',
			'Sync',
			(items) =>
				items.length === 1 && items[0].syncStarted === true ? undefined : 'sync not started once',
			async () => await exactly(1, 'chatThing', 'POST', /\/data-sources\/sync$/),
		),
	);
	await checks.check('SendKit example: retrain once and wait for training', () =>
		runExample(
			'exampleSendKit001',
			'Retrain',
			(items) => (items[0]?.trainingStatus === 'completed' ? undefined : 'training not completed'),
			async () => await exactly(1, 'sendKit', 'POST', /\/retrain$/),
		),
	);
	await checks.check('Chatsby example: add Q&A once, wait, ask with a streamed reply', () =>
		runExample(
			'exampleChatsby001',
			'Ask',
			(items) =>
				items[0]?.streamed === true && String(items[0]?.response).startsWith('Our answer to:')
					? undefined
					: 'no streamed answer',
			async () =>
				(await exactly(1, 'chatsby', 'POST', /\/agents\/[^/]+\/sources$/)) ??
				(await exactly(1, 'chatsby', 'POST', /\/conversations$/)),
		),
	);
	await checkSyncExamples();
	await checks.check(
		"each credential works in n8n's HTTP Request node (predefined credential type)",
		() =>
			runExample('e2eHttpRequest01', 'HTTP chatsbyApi', (items) =>
				items.length >= 1 ? undefined : 'no output',
			),
	);
}

/** The sync examples (a Code node for the sheet, then Sync): what changed, then a run that writes nothing. */
async function checkSyncExamples() {
	const actions = (items: Array<Record<string, unknown>>) =>
		items.map((item) => `${String(item.action)}:${String(item.status)}`).sort();
	const nothingChanged = (items: Array<Record<string, unknown>>) =>
		items.length > 0 && items.every((item) => item.action === 'unchanged' && item.status === 'done')
			? undefined
			: `the second run planned ${actions(items).join(', ')}`;
	await checks.check(
		'Chat Thing sync example: one create, one update, one sync; a second run writes nothing',
		async () => {
			await runExample(
				'exampleChatThing2',
				'Sync FAQ',
				(items) =>
					actions(items).join(', ') === 'add:done, unchanged:done, update:done'
						? undefined
						: `planned ${actions(items).join(', ')}`,
				async () =>
					(await exactly(1, 'chatThing', 'POST', /\/data-sources\/row$/)) ??
					(await exactly(1, 'chatThing', 'PUT', /\/data-sources\/row$/)) ??
					(await exactly(1, 'chatThing', 'POST', /\/data-sources\/sync$/)),
			);
			await runExample(
				'exampleChatThing2',
				'Sync FAQ',
				nothingChanged,
				async () =>
					(await exactly(0, 'chatThing', 'POST', /\/data-sources\/(row|sync)$/)) ??
					(await exactly(0, 'chatThing', 'PUT', /./)) ??
					(await exactly(0, 'chatThing', 'DELETE', /./)),
			);
		},
	);
	await checks.check(
		'Chatsby sync example: the changed text added before the old one is deleted, the website refreshed; a second run writes nothing',
		async () => {
			await runExample(
				'exampleChatsby002',
				'Sync knowledge',
				(items) => {
					const added = items.find((item) =>
						String(item.key).startsWith('text:Acme Corp offers three plans:'),
					);
					const deleted = items.find((item) => item.key === 'text:Acme Corp offers three plans...');
					if (items.some((item) => item.status !== 'done'))
						return `planned ${actions(items).join(', ')}`;
					if (added?.action !== 'add' || added.sourceStatus !== 'trained')
						return 'the new text was not added and trained';
					return deleted?.action === 'delete' ? undefined : 'the old text was not deleted';
				},
				async () => await exactly(1, 'chatsby', 'POST', /\/sources\/[^/]+\/refresh$/),
			);
			await runExample(
				'exampleChatsby002',
				'Sync knowledge',
				nothingChanged,
				async () =>
					(await exactly(0, 'chatsby', 'POST', /./)) ??
					(await exactly(0, 'chatsby', 'DELETE', /./)),
			);
		},
	);
}

/** n8n 2.0 reports ready before its REST routes exist: wait for the settings the editor loads first. */
async function mainReady() {
	await httpReady(`http://127.0.0.1:${PORTS.main}/healthz/readiness`);
	await httpReady(`http://127.0.0.1:${PORTS.main}/rest/settings`);
}

async function startRegular() {
	processes.push(startN8n(install, ['start'], logOf('main')));
	await mainReady();
}

// ---------------------------------------------------------------------------------------------
// Queue mode: Redis, then a main, a worker and a webhook process sharing the user folder
// ---------------------------------------------------------------------------------------------

/** Redis first: in queue mode even n8n's import commands connect to it. */
async function startRedis() {
	const redis = startProcess(
		'redis-server',
		['--bind', '127.0.0.1', '--port', String(PORTS.redis), '--save', '', '--appendonly', 'no'],
		logOf('redis'),
	);
	processes.push(redis);
	await waitFor('Redis', async () =>
		(await runCommand('redis-cli', ['-p', String(PORTS.redis), 'ping'])).output.includes('PONG')
			? true
			: undefined,
	);
}

async function startQueue() {
	processes.push(startN8n(install, ['start'], logOf('main')));
	processes.push(
		startN8n(install, ['worker', '--concurrency=5'], logOf('worker'), {
			N8N_RUNNERS_BROKER_PORT: String(PORTS.workerBroker),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(PORTS.workerHealth),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		}),
	);
	processes.push(
		startN8n(install, ['webhook'], logOf('webhook'), { N8N_PORT: String(PORTS.webhook) }),
	);
	await checks.check('Redis, a main, a worker and a webhook process start', async () => {
		for (const port of [PORTS.main, PORTS.workerHealth, PORTS.webhook]) {
			await httpReady(`http://127.0.0.1:${port}/healthz/readiness`);
		}
		await mainReady();
	});
}

/** The execution was enqueued by the webhook process and ran on the worker (read in their logs). */
function expectRanOnWorker(executionId: string) {
	const worker = readFileSync(logOf('worker'), 'utf8');
	expect(
		new RegExp(`Worker (started|finished) execution ${executionId} `).test(worker),
		`the worker log does not show execution ${executionId}`,
	);
	const webhook = readFileSync(logOf('webhook'), 'utf8');
	expect(
		new RegExp(`Enqueued execution ${executionId} `).test(webhook),
		`the webhook process did not enqueue execution ${executionId}`,
	);
}

async function checkQueueActions(api: N8nApi) {
	await checks.check(
		'queue: a Webhook node calling SendKit and Chatsby runs on the worker and answers',
		async () => {
			const workflow = await api.createActiveWorkflow(
				readJson('test/e2e/queue-webhook-actions.json'),
			);
			const url = `http://127.0.0.1:${PORTS.webhook}/webhook/e2e-queue-actions`;
			const response = await waitFor('the webhook path to be registered', async () => {
				const answer = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ agentId: emulators.sendKit.seed.agents[0] }),
				});
				return answer.status === 404 ? undefined : answer;
			});
			const body = (await response.json()) as Record<string, unknown>;
			expect(
				response.status === 200,
				`the webhook answered ${response.status}: ${JSON.stringify(body)}`,
			);
			expect(
				body.id === emulators.chatsby.seed.agents[0],
				`the last node's output was ${JSON.stringify(body).slice(0, 300)}`,
			);
			const [run] = await api.finishedExecutions(workflow.id, 1);
			expect(run.status === 'success', `execution status ${run.status}`);
			expect(
				nodeOutput(run, 'SendKit agent')[0]?.name === 'Sales Agent',
				'SendKit agent output is wrong',
			);
			expectRanOnWorker(run.id);
		},
	);
}

// ---------------------------------------------------------------------------------------------
// Both modes
// ---------------------------------------------------------------------------------------------

async function checkNodeList(api: N8nApi) {
	await checks.check(
		'n8n lists every node, the tool variant of each action node, and no trigger tool',
		async () => {
			const names = (await api.editorFile<Array<{ name: string }>>('/types/nodes.json'))
				.map((type) => type.name)
				.filter((name) => name.startsWith(`${PACKAGE}.`));
			const expected = ['aiChatbotHub', 'chatThing', 'sendKit', 'chatsby'].flatMap((node) => [
				node,
				`${node}Tool`,
				`${node}Trigger`,
			]);
			const missing = expected.filter((name) => !names.includes(`${PACKAGE}.${name}`));
			const triggerTools = names.filter((name) => name.endsWith('TriggerTool'));
			expect(
				missing.length === 0 && triggerTools.length === 0,
				`missing: ${missing.join(', ')}; trigger tools: ${triggerTools.join(', ')}`,
			);
		},
	);
}

async function checkChatsbyWebhookTrigger(api: N8nApi) {
	const webhookUrl = `http://127.0.0.1:${mode === 'queue' ? PORTS.webhook : PORTS.main}`;
	const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Array<{
		type: string;
		data: Record<string, string>;
	}>;
	const secret =
		credentials.find((credential) => credential.type === 'chatsbyApi')?.data.webhookSecret ?? '';
	let workflowId = '';
	let hook = '';
	const delivery = (flaw: DeliveryFlaw) =>
		chatsbyDelivery(
			secret,
			'source.failed',
			{
				id: 'src_e2efailed1',
				type: 'website',
				content: 'https://acme.com/help',
				status: 'failed',
				agent_id: 'agent_demosupprt',
				error_message: 'The website could not be reached',
			},
			{ flaw },
		);
	const deliver = async (flaw: DeliveryFlaw) => await deliverTo(hook, delivery(flaw));
	const published = await checks.check('the Chatsby Trigger example goes live', async () => {
		const example = readJson('examples/chatsby-source-failed-alert.json');
		if (mode === 'queue') {
			// In queue mode the alert also looks the agent up, so an action node runs on the worker.
			example.nodes.push({
				id: 'q1',
				name: 'Agent',
				type: `${PACKAGE}.chatsby`,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'agent',
					operation: 'getAll',
					returnAll: false,
					limit: 1,
					filters: { status: 'active' },
				},
				credentials: { chatsbyApi: { id: 'demoChatsby000001', name: 'Chatsby (demo)' } },
			});
			example.connections['Alert text'] = { main: [[{ node: 'Agent', type: 'main', index: 0 }]] };
		}
		const workflow = await api.createActiveWorkflow(example);
		workflowId = workflow.id;
		const trigger = workflow.nodes.find((node) => node.type === `${PACKAGE}.chatsbyTrigger`);
		hook = `${webhookUrl}/webhook/${trigger?.webhookId}/webhook`;
		// Going live registers the webhook path a moment later: until then n8n answers 404.
		await waitFor('the trigger webhook to be registered', async () =>
			(await deliver('unsigned')) === 401 ? true : undefined,
		);
	});
	if (!published) return;
	await checks.check(
		"a signed Chatsby delivery to n8n's webhook URL is accepted; the same one again (a sender's retry) gets 200",
		async () => {
			const signed = delivery('none');
			const status = await deliverTo(hook, signed);
			expect(status === 200, `answered ${status}`);
			// A sender keeps the delivery's ID when it retries; the check below proves it starts
			// no second execution.
			const retried = await deliverTo(hook, signed);
			expect(retried === 200, `the retried delivery answered ${retried}`);
		},
	);
	await checks.check('unsigned, wrongly signed and stale deliveries get 401', async () => {
		for (const flaw of ['unsigned', 'wrongSecret', 'stale'] as const) {
			const status = await deliver(flaw);
			expect(status === 401, `${flaw} answered ${status}`);
		}
	});
	await checks.check(
		'exactly one execution, from the signed delivery (none from its retry), with the alert text',
		async () => {
			const runs = await api.finishedExecutions(workflowId, 1);
			await sleep(1000); // a late second execution would show now
			const all = await api.executions(workflowId);
			expect(
				all.length === 1,
				`${all.length} executions: ${JSON.stringify(all.map((run) => [run.status, run.mode]))}`,
			);
			const [run] = runs;
			const alert = String(nodeOutput(run, 'Alert text')[0]?.alert);
			expect(
				run.status === 'success' && run.mode === 'webhook',
				`execution ${run.status} ${run.mode}`,
			);
			expect(
				/src_e2efailed1 .* failed: The website could not be reached/.test(alert),
				`alert: ${alert}`,
			);
			if (mode === 'queue') {
				expect(
					nodeOutput(run, 'Agent')[0]?.id === 'agent_demosupprt',
					'the Chatsby action node did not return the agent',
				);
				expectRanOnWorker(run.id);
			}
		},
	);
}

/**
 * The Chat Trigger example, live: a chat message POSTed to n8n's chat URL comes back as n8n's
 * streamed JSON lines, with the Chatsby reply split into the chunks Chatsby sent. Measures the time
 * from the emulator writing its first token to the first chunk arriving from n8n.
 */
async function checkChatStreaming(api: N8nApi) {
	await checks.check(
		'Chat Trigger example: the Chatsby reply streams through n8n to the chat',
		async () => {
			const workflow = await api.createActiveWorkflow(
				readJson('examples/chatsby-chat-streamed-reply.json'),
			);
			const trigger = workflow.nodes.find(
				(node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger',
			);
			const url = `http://127.0.0.1:${mode === 'queue' ? PORTS.webhook : PORTS.main}/webhook/${trigger?.webhookId}/chat`;
			const message = 'Do you ship abroad?';
			await forgetRequests(emulators);
			const response = await waitFor('the chat webhook to be registered', async () => {
				const answer = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						action: 'sendMessage',
						sessionId: 'e2e-session',
						chatInput: message,
					}),
				});
				return answer.status === 404 ? undefined : answer;
			});
			expect(response.status === 200 && response.body, `the chat URL answered ${response.status}`);
			const chunks = await readStreamedChunks(response);
			const items = chunks.filter((chunk) => chunk.type === 'item');
			const text = items.map((chunk) => chunk.content).join('');
			const expected = `Our answer to: ${message}`;
			expect(
				chunks[0]?.type === 'begin' && chunks.some((chunk) => chunk.type === 'end'),
				`chunk types: ${chunks.map((chunk) => chunk.type).join(',')}`,
			);
			expect(text === expected, `streamed text "${text}", expected "${expected}"`);
			expect(
				items.length === expected.split(' ').length,
				`${items.length} item chunks for ${expected.split(' ').length} tokens`,
			);
			const [upstream] = (await receivedBy(emulators, 'chatsby')).filter((request) =>
				request.path.endsWith('/conversations'),
			);
			expect(upstream?.firstChunkAt, 'Chatsby received no conversation request');
			const latency = items[0].at - upstream.firstChunkAt!;
			console.log(`     first token at Chatsby → first chunk out of n8n: ${latency.toFixed(1)} ms`);
			if (mode === 'queue') {
				const [run] = await api.finishedExecutions(workflow.id, 1);
				expectRanOnWorker(run.id);
			}
			writeFileSync(
				path.join(home, 'stream-latency.json'),
				JSON.stringify({ version, mode, latencyMs: latency }),
			);
		},
	);
}

/**
 * A polling trigger through one state change: the SendKit Trigger goes live (its first poll only
 * remembers the agent's state), the agent is retrained at SendKit, and the trigger starts exactly
 * one execution when training completes. Its poll times fire every 5 s (each a once-a-minute
 * cron at another second, which n8n allows) so that the test does not wait minutes.
 */
async function checkPollingTrigger(api: N8nApi) {
	await checks.check(
		'SendKit Trigger (polling) starts one execution when a retraining completes',
		async () => {
			const workflow = await api.createActiveWorkflow(
				readJson('test/e2e/sendkit-trigger-polling.json'),
			);
			await sleep(1000);
			expect(
				(await api.executions(workflow.id)).length === 0,
				'the first poll started an execution',
			);
			const agentId = emulators.sendKit.seed.agents[0];
			const retrain = await fetch(`${emulators.sendKit.baseUrl}/v1/agents/${agentId}/retrain`, {
				method: 'POST',
				headers: { 'x-api-key': emulators.sendKit.apiKey },
			});
			expect(retrain.ok, `retrain answered ${retrain.status}`);
			const [run] = await api.finishedExecutions(workflow.id, 1, 45_000);
			const [item] = nodeOutput(run, 'Training finished');
			expect(
				run.status === 'success' && run.mode === 'trigger',
				`execution ${run.status} ${run.mode}`,
			);
			expect(
				item?.event === 'agent.trained' && item?._id === agentId,
				`trigger output ${JSON.stringify(item).slice(0, 300)}`,
			);
			expect(
				item?.previousStatus === 'training' || item?.previousStatus === 'pending',
				`previousStatus ${String(item?.previousStatus)}`,
			);
			await sleep(6000); // one more poll: the finished training must not start a second execution
			const all = await api.executions(workflow.id);
			expect(all.length === 1, `${all.length} executions after one more poll`);
		},
	);
}

/**
 * The editor walk (editorWalk.ts) in headless Chromium: every operation of every action node
 * picked, filled and executed the way a user does it, every trigger opened; one check per
 * resource and per trigger, and a screenshot of each into .e2e/screenshots (the README's).
 */
async function walkTheEditor(api: N8nApi) {
	const chromium = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
	if (!existsSync(chromium)) {
		await checks.check('Chromium: the editor walk', () => {
			throw new Error(
				`${chromium} is missing: install Debian's chromium (test.sh does this when run as root)`,
			);
		});
		return;
	}
	const started = Date.now();
	const { EditorWalk } = await import('./editorWalk');
	let walk: Awaited<ReturnType<typeof EditorWalk.open>> | undefined;
	await checks.check('Chromium signs in to the editor for the editor walk', async () => {
		walk = await EditorWalk.open({
			chromium,
			baseUrl: `http://127.0.0.1:${PORTS.main}`,
			owner: OWNER,
			api,
			emulatorsFile,
			out: path.join(e2e, 'screenshots'),
		});
	});
	if (!walk) return;
	try {
		for (const step of walk.steps()) await checks.check(step.name, step.run);
	} finally {
		await walk.close();
	}
	console.log(`     the editor walk took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

void main().catch(async (error) => {
	console.error(error);
	await stopProcesses([...processes].reverse());
	process.exitCode = 1;
});
