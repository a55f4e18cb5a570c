/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * The benchmarks that need n8n itself (its engine, its HTTP Request and Webhook nodes, its streaming
 * response): the packed package installed as a community package into the n8n of `.e2e/`, against
 * emulators that run inside the benchmark's own process, so that their limits and request logs are
 * at hand. `npm run bench` (scripts/bench.sh) installs n8n, packs the package and exports the
 * environment of scripts/e2e/environment.sh.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	httpReady,
	installPackage,
	n8nCli,
	N8nApi,
	startN8n,
	stopProcesses,
	type N8nInstall,
	type WorkflowJson,
} from '../e2e/harness/n8n';
import { ChatThingEmulator } from '../emulators/chatthing';
import { ChatsbyEmulator } from '../emulators/chatsby';

const root = path.resolve(__dirname, '../..');
export const PACKAGE = 'n8n-nodes-chatbot-platforms';
const OWNER = { email: 'owner@example.com', password: process.env.N8N_DEMO_PASSWORD ?? '' };
const PORTS = { main: 5698, broker: 5699 };

export const CHAT_THING = {
	channelId: '7b1e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
	secretKey: 'bench-secret',
};
export const CHATSBY = {
	apiKey: 'chtb_test_bench',
	// A fixture for the emulator, not a secret.
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
	webhookSecret: 'whsec_YmVuY2gtY2hhdHNieS1zaWduaW5nLXNlY3JldA==',
	agentId: 'agent_demosupprt',
};
export const CREDENTIALS = {
	chatThingApi: { id: 'benchChatThing001', name: 'Chat Thing (bench)' },
	chatsbyApi: { id: 'benchChatsby00001', name: 'Chatsby (bench)' },
};

/** The bench's n8n: a user folder of its own, the emulators, and the n8n processes it started. */
export class BenchN8n {
	readonly home = path.join(root, '.e2e/bench-home');
	readonly chatThing = new ChatThingEmulator(CHAT_THING);
	readonly chatsby = new ChatsbyEmulator({ apiKey: CHATSBY.apiKey });
	readonly baseUrl = `http://127.0.0.1:${PORTS.main}`;
	readonly install: N8nInstall;
	private server?: ReturnType<typeof startN8n>;
	api?: N8nApi;

	constructor() {
		this.install = {
			node: process.env.E2E_NODE ?? '',
			bin: process.env.E2E_N8N_BIN ?? '',
			env: {
				...process.env,
				N8N_USER_FOLDER: this.home,
				N8N_PORT: String(PORTS.main),
				N8N_RUNNERS_BROKER_PORT: String(PORTS.broker),
				N8N_WEBHOOK_URL: `${this.baseUrl}/`,
				N8N_LOG_LEVEL: 'warn',
			},
		};
	}

	/** Emulators up, the package installed, credentials imported. */
	async setUp(): Promise<void> {
		rmSync(this.home, { recursive: true, force: true });
		mkdirSync(path.join(this.home, '.n8n/nodes'), { recursive: true });
		const chatThingUrl = await this.chatThing.start();
		const chatsbyUrl = await this.chatsby.start();
		this.chatsby.seed();
		await installPackage(this.home, process.env.E2E_TARBALL ?? '');
		const credentials = [
			{
				...CREDENTIALS.chatThingApi,
				type: 'chatThingApi',
				data: { ...CHAT_THING, webhookSecret: '', baseUrl: chatThingUrl },
			},
			{
				...CREDENTIALS.chatsbyApi,
				type: 'chatsbyApi',
				data: { apiKey: CHATSBY.apiKey, webhookSecret: CHATSBY.webhookSecret, baseUrl: chatsbyUrl },
			},
		];
		const file = path.join(this.home, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		const imported = await n8nCli(this.install, ['import:credentials', `--input=${file}`]);
		if (imported.code !== 0) throw new Error(`Importing credentials failed: ${imported.output}`);
	}

	/** Imports workflows for `execute` (IDs are taken from the JSON). */
	async importWorkflows(workflows: Array<WorkflowJson & { id: string }>): Promise<void> {
		const file = path.join(this.home, 'workflows.json');
		writeFileSync(
			file,
			JSON.stringify(
				workflows.map((workflow) => ({
					active: false,
					settings: { executionOrder: 'v1' },
					versionId: crypto.randomUUID(),
					...workflow,
				})),
			),
		);
		const imported = await n8nCli(this.install, ['import:workflow', `--input=${file}`]);
		if (imported.code !== 0) throw new Error(`Importing workflows failed: ${imported.output}`);
	}

	/**
	 * Runs a workflow with `n8n execute` and returns how long each node ran (n8n's own
	 * `executionTime`) and the items each node output.
	 */
	async execute(workflowId: string): Promise<{
		nodeTimeMs: (node: string) => number;
		/** When the node started (ms since 1970). */
		nodeStartedAt: (node: string) => number;
		items: (node: string) => Array<{ json: Record<string, unknown> }>;
	}> {
		// `execute` prints the run through n8n's logger, at level info.
		const { output } = await n8nCli(
			this.install,
			['execute', `--id=${workflowId}`, '--rawOutput'],
			{
				N8N_LOG_LEVEL: 'info',
			},
		);
		const start = output.indexOf('\n{');
		if (start < 0) throw new Error(`n8n execute printed no run: ${output.slice(-800)}`);
		const run = JSON.parse(output.slice(start + 1, output.lastIndexOf('}') + 1)) as {
			data: {
				resultData: {
					error?: { message: string };
					runData: Record<
						string,
						Array<{
							executionTime: number;
							startTime: number;
							data?: { main?: Array<Array<{ json: Record<string, unknown> }>> };
						}>
					>;
				};
			};
		};
		const { error, runData } = run.data.resultData;
		if (error) throw new Error(`The run of ${workflowId} failed: ${error.message}`);
		return {
			nodeTimeMs: (node) => runData[node]?.[0]?.executionTime ?? NaN,
			nodeStartedAt: (node) => runData[node]?.[0]?.startTime ?? NaN,
			items: (node) => runData[node]?.[0]?.data?.main?.flat() ?? [],
		};
	}

	/** Starts the n8n server (for webhooks and streaming) and logs in with an API key. */
	async startServer(): Promise<N8nApi> {
		this.server = startN8n(this.install, ['start'], path.join(this.home, 'n8n.log'));
		await httpReady(`${this.baseUrl}/healthz/readiness`);
		await httpReady(`${this.baseUrl}/rest/settings`);
		const api = new N8nApi(this.baseUrl);
		await api.logIn(OWNER.email, OWNER.password);
		await api.createApiKey();
		this.api = api;
		return api;
	}

	async tearDown(): Promise<void> {
		if (this.server) await stopProcesses([this.server]);
		await this.chatThing.stop();
		await this.chatsby.stop();
	}
}

/** A Manual Trigger, then a Code node that makes `count` items `{ n }`. */
export function itemsWorkflow(
	id: string,
	name: string,
	count: number,
	node: Record<string, unknown> & { name: string; type: string },
): WorkflowJson & { id: string } {
	return {
		id,
		name,
		nodes: [
			{
				id: 'b1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b2',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: `return Array.from({ length: ${count} }, (_, n) => ({ json: { n } }));`,
				},
			},
			{ id: 'b3', position: [400, 0], typeVersion: 1, ...node },
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
		},
	};
}

/** n8n's HTTP Request node with one of our credentials, posting JSON. */
export function httpRequestNode(
	name: string,
	credentialType: keyof typeof CREDENTIALS,
	url: string,
	jsonBody: string,
	extra: Record<string, unknown> = {},
): Record<string, unknown> & { name: string; type: string } {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credentialType,
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		},
		credentials: { [credentialType]: CREDENTIALS[credentialType] },
		...extra,
	};
}

/** Our Chatsby "Add a source" (text) node, adding `<prefix><n>` for each item. */
export function chatsbyAddTextNode(
	prefix: string,
	extra: Record<string, unknown> = {},
): Record<string, unknown> & { name: string; type: string } {
	return {
		name: 'Ours',
		type: `${PACKAGE}.chatsby`,
		parameters: {
			resource: 'source',
			operation: 'add',
			agentId: { __rl: true, mode: 'id', value: CHATSBY.agentId },
			type: 'text',
			text: `={{ "${prefix}" + $json.n }}`,
			options: {},
		},
		credentials: { chatsbyApi: CREDENTIALS.chatsbyApi },
		...extra,
	};
}

/** n8n's HTTP Request node making the same call as `chatsbyAddTextNode`. */
export function chatsbyAddTextByHttpRequest(
	chatsbyUrl: string,
	prefix: string,
	extra: Record<string, unknown> = {},
): Record<string, unknown> & { name: string; type: string } {
	return httpRequestNode(
		'HTTP Request',
		'chatsbyApi',
		`${chatsbyUrl}/agents/${CHATSBY.agentId}/sources`,
		`={{ JSON.stringify({ type: "text", content: "${prefix}" + $json.n }) }}`,
		extra,
	);
}
