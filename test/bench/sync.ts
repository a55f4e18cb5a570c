/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/*
 * Benchmark table (a command, not a test): Sync against the workflow a user builds today from
 * stock nodes, on the same in-process emulators, through n8n-core (the built nodes in dist/, run
 * `npm run build` first). Chat Thing: 10,000 desired rows against a data source of 10,000, of
 * which 100 changed, 50 new and 50 removed, with Compare Content and with Overwrite Matching Rows;
 * Chatsby: 1,000 sources in the same proportions (10 changed, 5 new, 5 removed). The stock
 * workflow is our Get Many, a comparison by key, then our Create/Update/Delete (Chatsby: Add per
 * type, Delete) and, for Chat Thing, one Data Source → Sync, each a node run that stops the
 * workflow when it fails, as n8n does. n8n's Compare Datasets node is not in the harness (it has
 * no nodes-base): its comparison is made as a plain step between the node runs.
 *
 * Each approach runs four times: on the starting state; on the starting state again with a 500 on
 * the first create request (the service did nothing); once more after that (does it converge,
 * does it create anything twice); and again with nothing changed (what an idle nightly run costs).
 * After each run the emulator's store is compared with the desired list.
 */
process.env.N8N_LOG_LEVEL ??= 'silent';

import { randomUUID } from 'crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ChatsbyEmulator } from '../emulators/chatsby';
import { ChatThingEmulator, type DataSourceRow } from '../emulators/chatthing';
import type { PlatformEmulator, RecordedRequest } from '../emulators/kit';
import { runNode, type RunNodeResult } from '../harness/runNode';
import { loadPackage } from '../harness/workflow';
import { msSince, type BenchTable } from './table';

const ROWS = 10_000;
const SOURCES = 1_000;
/** Of every 10,000 entries: 100 changed, 50 new, 50 removed. */
const share = (total: number, per10k: number) => Math.round((total * per10k) / 10_000);
const PAGE = 100;
const BATCH = 100;

const CHANNEL = randomUUID();
const SECRET = 'bench-secret';
const CHATSBY_KEY = 'chtb_test_bench';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const pages = (count: number) => Math.max(1, Math.ceil(count / PAGE));
const batches = (count: number) => Math.ceil(count / BATCH);

type Scenario = 'clean' | 'fault' | 'second' | 'again';
const SCENARIO_NAMES: Record<Scenario, string> = {
	clean: '1. from the start',
	fault: '2. same, a create 500s',
	second: '3. run again after 2',
	again: '4. again, no change',
};

interface Measured {
	requests: RecordedRequest[];
	ms: number;
	error?: string;
}

/** n8n's Compare Datasets, as a plain step: match on `key`, then every other field compared. */
function compareDatasets(a: IDataObject[], b: IDataObject[], key: (record: IDataObject) => string) {
	const inB = new Map<string, IDataObject>();
	for (const record of b) if (!inB.has(key(record))) inB.set(key(record), record);
	const inAOnly: IDataObject[] = [];
	const same: IDataObject[] = [];
	const different: Array<{ a: IDataObject; b: IDataObject }> = [];
	for (const record of a) {
		const match = inB.get(key(record));
		if (!match) inAOnly.push(record);
		else {
			const fields = new Set([...Object.keys(record), ...Object.keys(match)]);
			const equal = [...fields].every((field) => record[field] === match[field]);
			if (equal) same.push(record);
			else different.push({ a: record, b: match });
		}
		inB.delete(key(record));
	}
	const matchedKeys = new Set(a.map(key));
	const inBOnly = b.filter((record) => !matchedKeys.has(key(record)));
	return { inAOnly, same, different, inBOnly };
}

/** Runs node steps one after another; the first that fails stops the rest (n8n's default). */
async function workflow(
	steps: Array<() => Promise<RunNodeResult | undefined>>,
): Promise<string | undefined> {
	for (const step of steps) {
		const result = await step();
		if (result?.error) return result.error.message;
	}
	return undefined;
}

async function measure(
	emulator: PlatformEmulator,
	work: () => Promise<string | undefined>,
): Promise<Measured> {
	emulator.clearRequests();
	const started = process.hrtime.bigint();
	const error = await work();
	const ms = msSince(started);
	return { requests: [...emulator.requests], ms, error };
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const shortError = (error: string | undefined) =>
	error === undefined ? '' : error.length > 60 ? `${error.slice(0, 57)}…` : error;

// ---------------------------------------------------------------------------------------------
// Chat Thing
// ---------------------------------------------------------------------------------------------

interface WantedRow {
	name: string;
	content: string;
}

function chatThingData() {
	const changed = share(ROWS, 100);
	const added = share(ROWS, 50);
	const removed = share(ROWS, 50);
	const present: WantedRow[] = Array.from({ length: ROWS }, (_, n) => ({
		name: `faq-${n}.md`,
		content: `# Question ${n}\nAnswer ${n}.`,
	}));
	// Spread over the list: every 100th row changed, every 200th (from 50) removed.
	const changedAt = (n: number) => n % Math.floor(ROWS / changed) === 0;
	const removedAt = (n: number) =>
		n % Math.floor(ROWS / removed) === Math.floor(ROWS / changed / 2);
	const desired: WantedRow[] = [
		...present
			.filter((_, n) => !removedAt(n))
			.map((row) => {
				const n = Number(row.name.slice(4, -3));
				return changedAt(n) ? { ...row, content: `${row.content} (revised)` } : row;
			}),
		...Array.from({ length: added }, (_, n) => ({
			name: `new-${n}.md`,
			content: `# New question ${n}\nAnswer.`,
		})),
	];
	return { present, desired, changed, added, removed };
}

function chatThingState(source: DataSourceRow, desired: WantedRow[]) {
	const stored = [...source.rows.values()];
	const byName = new Map<string, number>();
	for (const row of stored) byName.set(row.name, (byName.get(row.name) ?? 0) + 1);
	const want = new Map(desired.map((row) => [row.name, row.content]));
	const missing = desired.filter((row) => !byName.has(row.name)).length;
	const stale = stored.filter(
		(row) => want.has(row.name) && want.get(row.name) !== row.content,
	).length;
	const extra = stored.filter((row) => !want.has(row.name)).length;
	const duplicates = [...byName.values()].filter((count) => count > 1).length;
	return { missing, stale, extra, duplicates };
}

function chatThingCounts(requests: RecordedRequest[]) {
	const path = (request: RecordedRequest) => request.routePath.replace(/^.*\/1\.0/, '');
	const rowsOf = (request: RecordedRequest) =>
		((request.body as { dataSourceRows?: unknown[] })?.dataSourceRows ?? []).length;
	const lists = requests.filter((request) => path(request) === '/data-sources/row/list');
	const reads = requests.filter(
		(request) => request.method === 'GET' && path(request) === '/data-sources/row',
	);
	const writes = requests.filter(
		(request) =>
			path(request) === '/data-sources/rows' ||
			(path(request) === '/data-sources/row' && request.method !== 'GET'),
	);
	const syncs = requests.filter((request) => path(request) === '/data-sources/sync');
	const lastWrite = Math.max(-1, ...writes.map((request) => requests.indexOf(request)));
	const syncedAfter = syncs.some(
		(request) => requests.indexOf(request) > lastWrite && request.status === 200,
	);
	return {
		lists: lists.length,
		reads: reads.length,
		writeRequests: writes.length,
		rowsWritten: writes.reduce((sum, request) => sum + rowsOf(request), 0),
		syncs: syncs.length,
		syncedAfter: writes.length === 0 ? 'no change' : syncedAfter ? 'yes' : 'NO',
	};
}

/** The fewest requests an approach can make for the plan between `stored` and `desired`. */
function chatThingLeast(
	approach: 'compare' | 'overwrite',
	stored: WantedRow[],
	desired: WantedRow[],
): number {
	const byName = new Map<string, string>();
	for (const row of stored) if (!byName.has(row.name)) byName.set(row.name, row.content);
	const wanted = new Set(desired.map((row) => row.name));
	const adds = desired.filter((row) => !byName.has(row.name)).length;
	const matches = desired.filter((row) => byName.has(row.name));
	const changed = matches.filter((row) => byName.get(row.name) !== row.content).length;
	const removed = stored.length - [...byName.keys()].filter((name) => wanted.has(name)).length;
	const list = pages(stored.length);
	if (approach === 'compare') {
		const writes = batches(adds) + batches(changed) + batches(removed);
		return list + matches.length + writes + (writes > 0 ? 1 : 0);
	}
	const writes = batches(adds) + batches(matches.length) + batches(removed);
	return list + writes + (writes > 0 ? 1 : 0);
}

async function benchChatThing(rows: BenchTable['rows'], notes: string[]): Promise<void> {
	const emulator = new ChatThingEmulator({ channelId: CHANNEL, secretKey: SECRET });
	const baseUrl = await emulator.start();
	const credentials = { chatThingApi: { channelId: CHANNEL, secretKey: SECRET, baseUrl } };
	const run = async (parameters: INodeParameters, input: INodeExecutionData[]) =>
		await runNode({ type: 'chatThing', parameters, credentials, input });
	const { present, desired, changed, added, removed } = chatThingData();
	const desiredItems = desired.map((row) => ({ json: { ...row } }));

	const sync = (source: DataSourceRow, changeDetection: string) => async () =>
		(
			await run(
				{
					resource: 'dataSourceRow',
					operation: 'sync',
					dataSourceId: byId(source.id),
					name: '={{ $json.name }}',
					content: '={{ $json.content }}',
					changeDetection,
					deleteMissing: true,
					maxDeletions: 1000,
					syncOptions: {},
				},
				desiredItems,
			)
		).error?.message;

	const stock = (source: DataSourceRow) => async () => {
		const dataSourceId = byId(source.id);
		let listed: IDataObject[] = [];
		let plan: ReturnType<typeof compareDatasets> | undefined;
		return await workflow([
			async () => {
				const result = await run(
					{ resource: 'dataSourceRow', operation: 'getAll', dataSourceId, returnAll: true },
					[{ json: {} }],
				);
				listed = result.items.map((item) => item.json);
				return result;
			},
			async () => {
				plan = compareDatasets(desired as unknown as IDataObject[], listed, (record) =>
					String(record.name),
				);
				return undefined;
			},
			async () =>
				plan!.inAOnly.length === 0
					? undefined
					: await run(
							{
								resource: 'dataSourceRow',
								operation: 'create',
								dataSourceId,
								name: '={{ $json.name }}',
								content: '={{ $json.content }}',
								options: {},
							},
							plan!.inAOnly.map((json) => ({ json })),
						),
			async () =>
				plan!.different.length === 0
					? undefined
					: await run(
							{
								resource: 'dataSourceRow',
								operation: 'update',
								dataSourceId,
								rowId: '={{ $json.id }}',
								name: '={{ $json.name }}',
								content: '={{ $json.content }}',
								options: {},
							},
							plan!.different.map(({ a, b }) => ({ json: { ...a, id: b.id } })),
						),
			async () =>
				plan!.inBOnly.length === 0
					? undefined
					: await run(
							{
								resource: 'dataSourceRow',
								operation: 'delete',
								dataSourceId,
								rowId: '={{ $json.id }}',
								options: {},
							},
							plan!.inBOnly.map((json) => ({ json })),
						),
			async () =>
				await run({ resource: 'dataSource', operation: 'sync', dataSourceId }, [{ json: {} }]),
		]);
	};

	const approaches: Array<{
		name: string;
		least: 'compare' | 'overwrite';
		work: (source: DataSourceRow) => () => Promise<string | undefined>;
		ours: boolean;
	}> = [
		{
			name: 'Sync, Compare Content',
			least: 'compare',
			work: (s) => sync(s, 'compareContent'),
			ours: true,
		},
		{
			name: 'Sync, Overwrite Matching',
			least: 'overwrite',
			work: (s) => sync(s, 'overwrite'),
			ours: true,
		},
		{
			name: 'stock: Get Many + compare + C/U/D + Sync',
			least: 'overwrite',
			work: stock,
			ours: false,
		},
	];

	const fresh = () => {
		const source = emulator.addDataSource();
		for (const row of present) emulator.addRow(source, row.name, row.content);
		return source;
	};
	const storedRows = (source: DataSourceRow) =>
		[...source.rows.values()].map(({ name, content }) => ({ name, content }));

	try {
		// Untimed: every approach once over 100 rows warms its code paths.
		for (const approach of approaches) {
			const source = emulator.addDataSource();
			for (const row of present.slice(0, 100)) emulator.addRow(source, row.name, row.content);
			await approach.work(source)();
			emulator.finishSyncs();
		}

		for (const approach of approaches) {
			let source = fresh();
			for (const scenario of ['clean', 'fault', 'second', 'again'] as Scenario[]) {
				if (scenario === 'fault') source = fresh();
				if (scenario === 'fault') {
					emulator.injectFault({
						kind: 'status',
						status: 500,
						times: 1,
						method: 'POST',
						path: /\/data-sources\/row$/,
					});
				}
				const least = chatThingLeast(approach.least, storedRows(source), desired);
				const measured = await measure(emulator, approach.work(source));
				emulator.server.clearFaults();
				// A sync ends after a while; the next run comes later (a sync while one runs is a 429).
				emulator.finishSyncs();
				const counts = chatThingCounts(measured.requests);
				const state = chatThingState(source, desired);
				rows.push({
					platform: 'Chat Thing',
					approach: approach.name,
					run: SCENARIO_NAMES[scenario],
					requests: measured.requests.length,
					least,
					'list/read/write/sync': `${counts.lists}/${counts.reads}/${counts.writeRequests}/${counts.syncs}`,
					'entries written': counts.rowsWritten,
					'time (s)': seconds(measured.ms),
					'missing/stale/extra/dup after': `${state.missing}/${state.stale}/${state.extra}/${state.duplicates}`,
					'synced after writes': counts.syncedAfter,
					'node error': shortError(measured.error),
				});
			}
		}
	} finally {
		await emulator.stop();
	}
	notes.push(
		`Chat Thing: ${ROWS.toLocaleString('en-US')} desired rows against a data source of ${ROWS.toLocaleString('en-US')}: ${changed} changed, ${added} new, ${removed} removed (spread over the list); Batch Size 100, deletions on (Max Deletions 1,000), the other options at their defaults — so the Sync also lists the rows once more to report the new rows' IDs (the list column counts it).`,
		"least = the fewest requests the API allows for that approach's plan from the state before the run: list pages (100 rows each) + for Compare Content one read per row whose name is in the input (the list has no content, and there is no bulk read) + one request per 100 rows to create, update or delete + one sync if anything is written. Overwrite and the stock workflow write every matching row, so their least is the same; the fewest requests overall (Overwrite's) costs 10,050 rows written and trained on, the fewest writes (Compare Content's) costs a read per row.",
		'The stock workflow compares by name; Get Many returns no content, so every matching row is "different" and is updated: it cannot tell a changed row from an unchanged one without a Data Source Row → Get per row (not measured). Its Create, Update and Delete nodes batch 100 rows a request; a failing node stops the workflow, so the nodes after it and the sync do not run.',
	);
}

// ---------------------------------------------------------------------------------------------
// Chatsby
// ---------------------------------------------------------------------------------------------

interface WantedSource {
	type: 'website' | 'text' | 'qa';
	content: string;
}

const keyOf = (source: { type?: unknown; content?: unknown }) =>
	`${String(source.type)}:${String(source.content)}`;

function chatsbyData() {
	const changed = share(SOURCES, 100);
	const added = share(SOURCES, 50);
	const removed = share(SOURCES, 50);
	const qaOf = (n: number, answer: string) =>
		JSON.stringify([{ question: `Question ${n}?`, answer }]);
	const present: WantedSource[] = Array.from({ length: SOURCES }, (_, n) =>
		n % 10 < 7
			? { type: 'text', content: `Text ${n}: what the agent should know.` }
			: n % 10 < 9
				? { type: 'qa', content: qaOf(n, `Answer ${n}.`) }
				: { type: 'website', content: `https://acme.com/page-${n}` },
	);
	// Spread over the list: changed, 7 texts then Q&A (n % 10 is 0-6 for a text, 7-8 for Q&A, 9
	// for a website); removed, of all three types.
	const changedSet = new Set(
		Array.from({ length: changed }, (_, k) => (k < changed * 0.7 ? k * 100 : k * 100 + 7)),
	);
	const removedSet = new Set(
		Array.from({ length: removed }, (_, k) => k * 100 + 50 + [0, 9, 8][k % 3]),
	);
	const desired: WantedSource[] = [
		...present.flatMap((source, n): WantedSource[] => {
			if (removedSet.has(n)) return [];
			if (!changedSet.has(n)) return [source];
			return [
				source.type === 'text'
					? { type: 'text', content: `${source.content} Revised.` }
					: { type: 'qa', content: qaOf(n, `Revised answer ${n}.`) },
			];
		}),
		...Array.from(
			{ length: added },
			(_, n): WantedSource =>
				n % 3 === 0
					? { type: 'website', content: `https://acme.com/new-${n}` }
					: n % 3 === 1
						? { type: 'text', content: `New text ${n}.` }
						: { type: 'qa', content: qaOf(10_000 + n, 'New answer.') },
		),
	];
	return { present, desired, changed, added, removed };
}

async function benchChatsby(rows: BenchTable['rows'], notes: string[]): Promise<void> {
	const emulator = new ChatsbyEmulator({ apiKey: CHATSBY_KEY });
	const baseUrl = await emulator.start();
	const credentials = { chatsbyApi: { apiKey: CHATSBY_KEY, webhookSecret: '', baseUrl } };
	const run = async (parameters: INodeParameters, input: INodeExecutionData[]) =>
		await runNode({ type: 'chatsby', parameters, credentials, input });
	const { present, desired, changed, added, removed } = chatsbyData();
	const desiredItems = desired.map((source) => ({ json: { ...source } as IDataObject }));
	const firstChanged = desired.find((source) => source.content.endsWith(' Revised.'))?.content;

	const sync = (agentId: string) => async () =>
		(
			await run(
				{
					resource: 'source',
					operation: 'sync',
					agentId: byId(agentId),
					sourceType: '={{ $json.type }}',
					content: '={{ $json.content }}',
					deleteMissing: true,
					maxDeletions: 1000,
					syncOptions: {},
				},
				desiredItems,
			)
		).error?.message;

	const stock = (agentId: string) => async () => {
		let listed: IDataObject[] = [];
		let plan: ReturnType<typeof compareDatasets> | undefined;
		const addOf = (type: string, fields: INodeParameters) => async () => {
			const items = plan!.inAOnly.filter((source) => source.type === type);
			return items.length === 0
				? undefined
				: await run(
						{
							resource: 'source',
							operation: 'add',
							agentId: byId(agentId),
							type,
							options: {},
							...fields,
						},
						items.map((json) => ({ json })),
					);
		};
		return await workflow([
			async () => {
				const result = await run(
					{
						resource: 'source',
						operation: 'getAll',
						agentId: byId(agentId),
						returnAll: true,
						filters: {},
					},
					[{ json: {} }],
				);
				listed = result.items.map((item) => ({
					id: item.json.id,
					type: item.json.type,
					content: item.json.content,
				}));
				return result;
			},
			async () => {
				// Matched on type and content together: a source has nothing else to compare.
				plan = compareDatasets(desired as unknown as IDataObject[], listed, keyOf);
				return undefined;
			},
			// A Switch on the type in front of one Add node per type, its outputs in this order.
			addOf('website', { url: '={{ $json.content }}', crawlSubpages: false }),
			addOf('text', { text: '={{ $json.content }}' }),
			addOf('qa', { qaInput: 'json', qaJson: '={{ $json.content }}' }),
			async () =>
				plan!.inBOnly.length === 0
					? undefined
					: await run(
							{ resource: 'source', operation: 'delete', sourceId: byId('={{ $json.id }}') },
							plan!.inBOnly.map((json) => ({ json })),
						),
		]);
	};

	const fresh = () => {
		const agent = String(emulator.addAgent('Bench agent').id);
		for (const source of present) emulator.addSource(agent, source.type, source.content, 'trained');
		return agent;
	};
	const stored = (agent: string) =>
		[...emulator.sources.values()].filter((source) => source.agent_id === agent);
	const state = (agent: string) => {
		const keys = stored(agent).map(keyOf);
		const counts = new Map<string, number>();
		for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
		const want = new Set(desired.map(keyOf));
		return {
			missing: [...want].filter((key) => !counts.has(key)).length,
			extra: keys.filter((key) => !want.has(key)).length,
			duplicates: [...counts.values()].filter((count) => count > 1).length,
		};
	};
	const least = (agent: string) => {
		const have = new Set(stored(agent).map(keyOf));
		const want = new Set(desired.map(keyOf));
		const adds = [...want].filter((key) => !have.has(key)).length;
		const deletes = stored(agent).filter((source) => !want.has(keyOf(source))).length;
		return pages(stored(agent).length) + adds + deletes;
	};
	const approaches = [
		{ name: 'Sync', work: sync },
		{ name: 'stock: Get Many + compare + Add + Delete', work: stock },
	];

	try {
		for (const approach of approaches) {
			const agent = String(emulator.addAgent('Warm-up').id);
			for (const source of present.slice(0, 20))
				emulator.addSource(agent, source.type, source.content, 'trained');
			await approach.work(agent)();
		}
		for (const approach of approaches) {
			let agent = fresh();
			for (const scenario of ['clean', 'fault', 'second', 'again'] as Scenario[]) {
				if (scenario === 'fault') {
					agent = fresh();
					// The add of the first changed text, whichever order the adds go in.
					emulator.injectFault({
						kind: 'status',
						status: 500,
						times: 1,
						method: 'POST',
						path: /\/agents\/[^/]+\/sources$/,
						where: (request) => (request.body as { content?: string })?.content === firstChanged,
					});
				}
				const fewest = least(agent);
				const measured = await measure(emulator, approach.work(agent));
				emulator.server.clearFaults();
				const writes = measured.requests.filter((request) => request.method !== 'GET');
				const lists = measured.requests.filter((request) => request.method === 'GET');
				const left = state(agent);
				rows.push({
					platform: 'Chatsby',
					approach: approach.name,
					run: SCENARIO_NAMES[scenario],
					requests: measured.requests.length,
					least: fewest,
					'list/read/write/sync': `${lists.length}/0/${writes.length}/-`,
					'entries written': writes.length,
					'time (s)': seconds(measured.ms),
					'missing/stale/extra/dup after': `${left.missing}/-/${left.extra}/${left.duplicates}`,
					'synced after writes': '-',
					'node error': shortError(measured.error),
				});
			}
		}
	} finally {
		await emulator.stop();
	}
	notes.push(
		'Run 2: Chat Thing answers the first create request (all 50 new rows, one batch) with a 500 and stores nothing; Chatsby answers the add of the first changed text with a 500. Requests and rows count what reached the emulator, the failed one included.',
		`Chatsby: ${SOURCES.toLocaleString('en-US')} desired sources (700 texts, 200 Q&A, 100 websites) against an agent with ${SOURCES.toLocaleString('en-US')}: ${changed} changed (a changed text or Q&A is a new source: one add and one delete), ${added} new, ${removed} removed; deletions on, the other options at their defaults (no refresh, no waiting). least = list pages (100 sources each) + one request per add and per delete (the API has no batch).`,
		'The stock workflow compares type and content exactly, then a Switch on the type feeds one Source → Add node per type, then one Source → Delete node. Sync deletes only after every add, and keeps every source of a type whose add failed until the next run (so after the 500 it leaves the old versions of texts, as the stopped stock workflow does, but deletes what it can of the other types).',
	);
}

export async function benchSync(): Promise<BenchTable> {
	await loadPackage(); // n8n's loader reads the package once; not part of any row
	const rows: BenchTable['rows'] = [];
	const notes: string[] = [];
	await benchChatThing(rows, notes);
	await benchChatsby(rows, notes);
	notes.push(
		'Runs 1 and 2 start from the same state; 3 follows 2, 4 follows 3. missing/stale/extra/dup = desired entries absent, entries whose content differs, entries not desired, keys stored more than once, counted in the emulator after the run. "synced after writes": a data source sync was started after the last row write of the run (Chat Thing trains only on a sync); between runs the emulator finishes the sync, as time would.',
		'Each row is one timed run on a busy machine (2 cores shared with other jobs): the times are as measured, not a benchmark of the API; the counts do not depend on the machine.',
	);
	return {
		title: `Sync: ${ROWS.toLocaleString('en-US')} Chat Thing rows and ${SOURCES.toLocaleString('en-US')} Chatsby sources, beside the stock-node workflow`,
		rows,
		notes,
	};
}
