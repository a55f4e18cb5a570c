/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/*
 * Benchmark (a command, not a test): 1,000 input items of AI Chatbot Hub "Create Q&A" against
 * the emulator set to answer 429 whenever more than 5 requests are in flight.
 * Run: npm run bench:aichatbothub
 */
process.env.N8N_LOG_LEVEL ??= 'silent';

import { AiChatbotHubEmulator } from '../emulators/aichatbothub';
import { runNode } from '../harness/runNode';

const ITEMS = 1000;
const TOKEN = 'bench-token';
const LATENCY_MS = 20;

async function scenario(label: string, maxInFlight?: number) {
	const emulator = new AiChatbotHubEmulator({ token: TOKEN });
	const baseUrl = await emulator.start();
	const { chatbots } = emulator.seed();
	const before = emulator.sourcesOf(chatbots.support).length;
	emulator.server.reset();
	emulator.server.limitInFlight(5, 1);
	// A realistic service takes time to answer; with instant answers requests would never overlap.
	emulator.server.injectFault({ kind: 'slow', delayMs: LATENCY_MS });

	const started = process.hrtime.bigint();
	const { items, error } = await runNode({
		type: 'aiChatbotHub',
		parameters: {
			resource: 'dataSource',
			operation: 'createQa',
			chatbot: { __rl: true, mode: 'id', value: chatbots.support },
			question: '={{ "Question " + $json.n }}',
			answer: '={{ "Answer " + $json.n }}',
			...(maxInFlight ? { requestLimits: { maxInFlight } } : {}),
		},
		credentials: { aiChatbotHubApi: { apiToken: TOKEN, baseUrl } },
		input: Array.from({ length: ITEMS }, (_, n) => ({ json: { n } })),
	});
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;

	const created = emulator
		.sourcesOf(chatbots.support)
		.slice(before)
		.map((source) => JSON.parse(String(source.meta_json)).question as string);
	const distinct = new Set(created).size;
	const rejected = emulator.server.requests.filter((request) => request.status === 429).length;
	await emulator.stop();

	return {
		scenario: label,
		latency: `${LATENCY_MS} ms`,
		'items completed': items.filter((item) => !item.error && item.json.uuid).length,
		'sources created': created.length,
		duplicates: created.length - distinct,
		'429s seen': rejected,
		'peak in flight': emulator.server.peakInFlight,
		'requests sent': emulator.server.requests.length,
		'wall time (ms)': Math.round(wallMs),
		error: error?.message ?? '',
	};
}

async function main() {
	const rows = [
		await scenario('default settings (5 in flight)'),
		await scenario("'Max Requests in Flight' = 10 (429s are retried)", 10),
	];
	console.table(rows);
	const failed = rows.some((row) => row['items completed'] !== ITEMS || row.duplicates !== 0);
	process.exitCode = failed ? 1 : 0;
}

void main();
