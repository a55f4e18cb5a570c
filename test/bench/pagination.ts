/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/*
 * Benchmark table (a command, not a test): Return All over 10,000 records for every list the
 * nodes read page by page. Each list is seeded into its in-process emulator, read by the built
 * node (dist/, run `npm run build` first) through n8n-core, and checked: how many requests the
 * emulator received against the fewest possible (ceil(records / the platform's largest page)),
 * and that every seeded record came back exactly once. The very requests the node sent are then
 * replayed with fetch() in a plain sequential loop (same method, URL, headers and body, each
 * answer parsed as JSON), so the node's time can be set against the time of the requests alone.
 */
process.env.N8N_LOG_LEVEL ??= 'silent';

import { randomUUID } from 'crypto';
import type { INodeParameters } from 'n8n-workflow';

import { ChatsbyEmulator } from '../emulators/chatsby';
import { ChatThingEmulator } from '../emulators/chatthing';
import type { RecordedRequest } from '../emulators/kit';
import { runNode, type RunNodeResult } from '../harness/runNode';
import { loadPackage } from '../harness/workflow';
import { replay, replayable } from './replay';
import { msSince, percentile, type BenchTable } from './table';

const RECORDS = 10_000;
/** The long-history row (formerly `npm run bench:chatthing`): 1,000 pages of Chat Thing messages. */
const HISTORY_MESSAGES = 100_000;
/** Both paginated platforms serve at most 100 records a page (chatthing.md, chatsby.md). */
const MAX_PAGE = { 'Chat Thing': 100, Chatsby: 100 } as const;
/** Timed node runs and replays per list (the long history: one); the table shows the median. */
const RUNS = 3;

const CHANNEL = randomUUID();
const SECRET = 'bench-secret';
const CHATSBY_KEY = 'chtb_test_bench';

type Platform = keyof typeof MAX_PAGE;
type Json = Record<string, unknown>;

interface ListCase {
	platform: Platform;
	list: string;
	/** Seeds the records; returns their IDs and the node parameters that read them. */
	seed(): { ids: string[]; parameters: INodeParameters };
	/** The records of one page's answer (to check the replayed pages hold them all too). */
	pageRecords(answer: Json): unknown[];
	/** Timed runs of the node and of the replay (default RUNS). */
	runs?: number;
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const median = (values: number[]) => percentile(values, 50);

export async function benchPagination(): Promise<BenchTable> {
	await loadPackage(); // n8n's loader reads the package once; not part of any row
	const chatThing = new ChatThingEmulator({ channelId: CHANNEL, secretKey: SECRET });
	const chatsby = new ChatsbyEmulator({ apiKey: CHATSBY_KEY });
	const chatThingUrl = await chatThing.start();
	const chatsbyUrl = await chatsby.start();

	const list = (field: string) => (answer: Json) =>
		Array.isArray(answer[field]) ? (answer[field] as unknown[]) : [];
	const messagesOf = (count: number) => () => {
		const conversation = chatThing.addConversation('');
		conversation.messages.length = 0;
		for (let n = 0; n < count; n++) {
			conversation.messages.push({
				id: randomUUID(),
				message: `m${n}`,
				role: n % 2 ? 'assistant' : 'user',
				createdAt: new Date().toISOString(),
			});
		}
		return {
			ids: conversation.messages.map((message) => message.id),
			parameters: {
				resource: 'message',
				operation: 'getAll',
				conversationId: byId(conversation.id),
			},
		};
	};

	const cases: ListCase[] = [
		{
			platform: 'Chat Thing',
			list: 'Conversation → Get Many',
			seed: () => ({
				ids: Array.from(
					{ length: RECORDS },
					(_, n) => chatThing.addConversation(`Question ${n}`).id,
				),
				parameters: { resource: 'conversation', operation: 'getAll' },
			}),
			pageRecords: list('conversations'),
		},
		{
			platform: 'Chat Thing',
			list: 'Message → Get Many',
			seed: messagesOf(RECORDS),
			pageRecords: list('messages'),
		},
		{
			platform: 'Chat Thing',
			list: 'Data Source → Get Many',
			seed: () => ({
				ids: Array.from({ length: RECORDS }, () => chatThing.addDataSource().id),
				parameters: { resource: 'dataSource', operation: 'getAll' },
			}),
			pageRecords: list('dataSources'),
		},
		{
			platform: 'Chat Thing',
			list: 'Data Source Row → Get Many',
			seed: () => {
				const source = chatThing.addDataSource();
				return {
					ids: Array.from(
						{ length: RECORDS },
						(_, n) => chatThing.addRow(source, `faq-${n}.md`, `# Question ${n}`).id,
					),
					parameters: {
						resource: 'dataSourceRow',
						operation: 'getAll',
						dataSourceId: byId(source.id),
					},
				};
			},
			pageRecords: list('dataSourceRows'),
		},
		{
			platform: 'Chat Thing',
			list: `Message → Get Many, long history (${HISTORY_MESSAGES.toLocaleString('en-US')})`,
			seed: messagesOf(HISTORY_MESSAGES),
			pageRecords: list('messages'),
			runs: 1,
		},
		{
			platform: 'Chatsby',
			list: 'Agent → Get Many',
			seed: () => ({
				ids: Array.from({ length: RECORDS }, (_, n) => chatsby.addAgent(`Agent ${n}`).id as string),
				parameters: { resource: 'agent', operation: 'getAll' },
			}),
			pageRecords: list('data'),
		},
		{
			platform: 'Chatsby',
			list: 'Source → Get Many',
			seed: () => {
				const agent = chatsby.addAgent('Bench agent');
				return {
					ids: Array.from(
						{ length: RECORDS },
						(_, n) => chatsby.addSource(String(agent.id), 'text', `Text ${n}`, 'trained').id,
					),
					parameters: { resource: 'source', operation: 'getAll', agentId: byId(String(agent.id)) },
				};
			},
			pageRecords: list('data'),
		},
	];

	const rows: BenchTable['rows'] = [];
	const notes: string[] = [];
	let met = true;
	try {
		for (const entry of cases) {
			const emulator = entry.platform === 'Chat Thing' ? chatThing : chatsby;
			emulator.reset();
			const { ids, parameters } = entry.seed();
			const run = async (more: INodeParameters): Promise<RunNodeResult> =>
				entry.platform === 'Chat Thing'
					? await runNode({
							type: 'chatThing',
							parameters: { ...parameters, ...more },
							credentials: {
								chatThingApi: { channelId: CHANNEL, secretKey: SECRET, baseUrl: chatThingUrl },
							},
						})
					: await runNode({
							type: 'chatsby',
							parameters: { ...parameters, ...more },
							credentials: {
								chatsbyApi: { apiKey: CHATSBY_KEY, webhookSecret: '', baseUrl: chatsbyUrl },
							},
						});

			// Untimed: one short read warms the operation's code path.
			await run({ returnAll: false, limit: 1 });

			const nodeMs: number[] = [];
			let result: RunNodeResult | undefined;
			let recorded: RecordedRequest[] = [];
			const runs = entry.runs ?? RUNS;
			for (let i = 0; i < runs; i++) {
				emulator.server.clearRequests();
				const started = process.hrtime.bigint();
				result = await run({ returnAll: true });
				nodeMs.push(msSince(started));
				recorded = [...emulator.server.requests];
			}
			const { items, error } = result as RunNodeResult;

			const seeded = new Set(ids);
			const returned = items.map((item) => String(item.json.id));
			const distinct = new Set(returned);
			const unknown = returned.filter((id) => !seeded.has(id)).length;
			const minimum = Math.ceil(ids.length / MAX_PAGE[entry.platform]);

			const requests = replayable(emulator.server, recorded);
			await replay(requests.slice(0, 1)); // untimed: opens the connection
			const loopMs: number[] = [];
			let replayedRecords = 0;
			for (let i = 0; i < runs; i++) {
				replayedRecords = 0;
				const started = process.hrtime.bigint();
				await replay(requests, (answer) => {
					replayedRecords += entry.pageRecords(answer).length;
				});
				loopMs.push(msSince(started));
			}

			const ok =
				!error &&
				recorded.length === minimum &&
				items.length === ids.length &&
				distinct.size === ids.length &&
				unknown === 0 &&
				replayedRecords === ids.length;
			met &&= ok;
			rows.push({
				platform: entry.platform,
				list: entry.list,
				records: ids.length,
				'items out': items.length,
				distinct: distinct.size,
				requests: recorded.length,
				minimum,
				'node (ms)': median(nodeMs),
				'fetch loop (ms)': median(loopMs),
				ratio: Math.round((median(nodeMs) / median(loopMs)) * 100) / 100,
				ok: ok ? 'yes' : 'NO',
			});
			if (error) notes.push(`${entry.platform} ${entry.list}: the run failed: ${error.message}`);
			if (replayedRecords !== ids.length) {
				notes.push(
					`${entry.platform} ${entry.list}: the replayed pages held ${replayedRecords} records, not ${ids.length}`,
				);
			}
		}
	} finally {
		await chatThing.stop();
		await chatsby.stop();
	}

	return {
		title: `Pagination: Return All over ${RECORDS.toLocaleString('en-US')} records for every paginated list`,
		rows,
		target:
			'requests = minimum (ceil(records / 100), the largest page) and every record exactly once',
		met,
		notes: [
			...notes,
			`node = the built node's Return All run through n8n-core's WorkflowExecute; fetch loop = the same requests (recorded at the emulator: method, URL, headers, body) replayed one after the other with fetch(), each answer parsed as JSON; median of ${RUNS} runs each (the long history: 1) after an untimed warm-up; ratio = node / fetch loop.`,
			'minimum = ceil(records / 100): Chat Thing serves at most 100 per page (body limit 1-100, chatthing.md) and Chatsby too (page_size 1-100, chatsby.md).',
			`The long-history row is the former "npm run bench:chatthing" history measurement: ${HISTORY_MESSAGES.toLocaleString('en-US')} messages of one conversation.`,
			"Not in the table, since they do not page: AI Chatbot Hub's six Get Many lists (chatbots, agents, sessions, messages, data sources, source tags) get the whole list as one bare array in one request (aichatbothub.md: no pagination), whatever its size; SendKit Agent → Get Many is one answer too, and can never reach 10,000: a SendKit workspace holds at most 3 agents (sendkit.md). SendKit's webhook list pages, but the node has no operation for it; Chatsby documents no list of conversations.",
			'The From List pickers (list search) read one page of 100 per call as the user scrolls; they have no Return All and are not measured here.',
		],
	};
}
