/**
 * Table 2: rate limits. 1,000 items against an emulator that allows 5 requests in flight and 20 per
 * second (429 with Retry-After beyond): our Chatsby "Add a source" with its default settings vs
 * n8n's HTTP Request node with its defaults, in the same n8n.
 */
import {
	chatsbyAddTextByHttpRequest,
	chatsbyAddTextNode,
	itemsWorkflow,
	type BenchN8n,
} from './realN8n';
import type { BenchTable } from './table';

const ITEMS = 1000;
const IN_FLIGHT = 5;
const PER_SECOND = 20;

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export async function benchRateLimits(n8n: BenchN8n): Promise<BenchTable> {
	await n8n.importWorkflows([
		itemsWorkflow(
			'benchLimitsOurs',
			'Bench: rate limits (ours)',
			ITEMS,
			chatsbyAddTextNode('Limited ours ', { onError: 'continueRegularOutput' }),
		),
		itemsWorkflow(
			'benchLimitsHttp',
			'Bench: rate limits (HTTP Request)',
			ITEMS,
			// 'On Error: Continue' only so that its failed items can be counted: by default the first
			// 429 stops the workflow.
			chatsbyAddTextByHttpRequest(n8n.chatsby.url, 'Limited http ', {
				onError: 'continueRegularOutput',
			}),
		),
	]);
	const idealMs = (ITEMS / PER_SECOND) * 1000;
	const rows: BenchTable['rows'] = [];
	let oursMet = false;
	for (const [workflowId, node, label, prefix] of [
		['benchLimitsOurs', 'Ours', 'ours, default settings', 'Limited ours '],
		['benchLimitsHttp', 'HTTP Request', 'HTTP Request node, default settings', 'Limited http '],
	] as const) {
		const server = n8n.chatsby.server;
		server.reset();
		server.limitInFlight(IN_FLIGHT, 1);
		server.limitRate(PER_SECOND, 1);
		const run = await n8n.execute(workflowId);
		const items = run.items(node);
		const succeeded = items.filter((item) => item.json.error === undefined).length;
		const created = [...n8n.chatsby.sources.values()].filter((source) =>
			source.content.startsWith(prefix),
		);
		const distinct = new Set(created.map((source) => source.content)).size;
		const timeMs = run.nodeTimeMs(node);
		const arrivals = server.requests.map((request) => request.startedAt);
		const firstRefusal = server.requests.find((request) => request.status === 429)?.startedAt;
		server.clearLimits();
		if (node === 'Ours')
			oursMet =
				succeeded === ITEMS &&
				distinct === ITEMS &&
				created.length === ITEMS &&
				timeMs <= 1.2 * idealMs;
		rows.push({
			run: label,
			items: ITEMS,
			succeeded,
			failed: ITEMS - succeeded,
			'sources created': created.length,
			duplicates: created.length - distinct,
			'429s received': server.rejectedByLimit,
			'429s after the first second': server.requests.filter(
				(request) =>
					request.status === 429 &&
					firstRefusal !== undefined &&
					request.startedAt > firstRefusal + 1000,
			).length,
			'peak in flight': server.peakInFlight,
			'until the first request (s)': seconds(Math.min(...arrivals) - run.nodeStartedAt(node)),
			'time (s)': seconds(timeMs),
			'× ideal': Math.round((timeMs / idealMs) * 100) / 100,
		});
	}
	return {
		title: `Rate limits: ${ITEMS.toLocaleString('en')} items, emulator allows ${IN_FLIGHT} in flight and ${PER_SECOND}/s (429 + Retry-After beyond)`,
		rows,
		target: `${ITEMS} of ${ITEMS} succeed, within 1.2× the ideal ${idealMs / 1000} s (items ÷ rate)`,
		met: oursMet,
		notes: [
			'Ours: 5 requests in flight by default, 429s retried after Retry-After; a 429 means Chatsby did not process the request, so the retry cannot duplicate. The first 429 shows the rate (the requests Chatsby accepted in the second before it); from then on requests go evenly at 95 % of it.',
			"'Until the first request': n8n's declarative engine prepares every input item (parameters, expressions) before any request leaves; that time counts against the ideal too.",
			"HTTP Request node: defaults (no retry, no batching); 'On Error: Continue' set only to count its failures.",
		],
	};
}
