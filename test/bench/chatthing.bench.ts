/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/*
 * Benchmark (a command, not a test): Chat Thing bulk rows and a long conversation history.
 * Run: npm run bench:chatthing
 */
process.env.N8N_LOG_LEVEL ??= 'silent';

import { randomUUID } from 'crypto';

import { ChatThingEmulator } from '../emulators/chatthing';
import { runNode } from '../harness/runNode';

const CHANNEL = randomUUID();
const SECRET = 'bench-secret';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const started = process.hrtime.bigint();
	const result = await work();
	return [result, Math.round(Number(process.hrtime.bigint() - started) / 1e6)];
}

async function main() {
	const emulator = new ChatThingEmulator({ channelId: CHANNEL, secretKey: SECRET });
	const baseUrl = await emulator.start();
	const credentials = { chatThingApi: { channelId: CHANNEL, secretKey: SECRET, baseUrl } };

	// 1. 10,000 rows into one manual data source.
	const ROWS = 10_000;
	const source = emulator.addDataSource();
	const [rowsRun, rowsMs] = await timed(() =>
		runNode({
			type: 'chatThing',
			parameters: {
				resource: 'dataSourceRow',
				operation: 'create',
				dataSourceId: { __rl: true, mode: 'id', value: source.id },
				name: '={{ "faq-" + $json.n + ".md" }}',
				content: '={{ "# Question " + $json.n + "\\nAnswer " + $json.n }}',
				options: {},
			},
			credentials,
			input: Array.from({ length: ROWS }, (_, n) => ({ json: { n } })),
		}),
	);
	const rowRequests = emulator.server.requests.length;

	// 2. A conversation history of 1,000 pages (100,000 messages), read with Return All.
	const PAGES = 1000;
	const conversation = emulator.addConversation('');
	conversation.messages.length = 0;
	for (let i = 0; i < PAGES * 100; i++) {
		conversation.messages.push({
			id: randomUUID(),
			message: `m${i}`,
			role: i % 2 ? 'assistant' : 'user',
			createdAt: new Date().toISOString(),
		});
	}
	emulator.server.clearRequests();
	const [historyRun, historyMs] = await timed(() =>
		runNode({
			type: 'chatThing',
			parameters: {
				resource: 'message',
				operation: 'getAll',
				conversationId: { __rl: true, mode: 'id', value: conversation.id },
				returnAll: true,
			},
			credentials,
		}),
	);
	const historyRequests = emulator.server.requests.length;
	await emulator.stop();

	console.table([
		{
			benchmark: `create ${ROWS} rows`,
			'output items': rowsRun.items.length,
			'rows stored': source.rows.size,
			requests: rowRequests,
			'target / minimum': '≤ 100',
			'wall time (ms)': rowsMs,
			error: rowsRun.error?.message ?? '',
		},
		{
			benchmark: `message history, ${PAGES} pages, Return All`,
			'output items': historyRun.items.length,
			'rows stored': '',
			requests: historyRequests,
			'target / minimum': `${PAGES} (100 per page)`,
			'wall time (ms)': historyMs,
			error: historyRun.error?.message ?? '',
		},
	]);
	process.exitCode =
		rowRequests <= 100 && source.rows.size === ROWS && historyRun.items.length === PAGES * 100
			? 0
			: 1;
}

void main();
