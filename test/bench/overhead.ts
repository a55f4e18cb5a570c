/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Table 1: per-item overhead. 5,000 items through our Chat Thing "Send a message" and Chatsby
 * "Add a source" against n8n's HTTP Request node making the same calls to the same emulator, at
 * zero latency, inside the same n8n. Time is n8n's own `executionTime` of the node.
 */
import {
	CHAT_THING,
	CREDENTIALS,
	PACKAGE,
	chatsbyAddTextByHttpRequest,
	chatsbyAddTextNode,
	httpRequestNode,
	itemsWorkflow,
	type BenchN8n,
} from './realN8n';
import type { BenchTable } from './table';

const ITEMS = 5000;
const ROUNDS = 2;

export async function benchOverhead(n8n: BenchN8n): Promise<BenchTable> {
	const chatThingBase = `${n8n.chatThing.url}/api/public/channels/${CHAT_THING.channelId}/1.0`;
	const cases = [
		{
			label: 'Chat Thing: Send a message',
			requests: () =>
				n8n.chatThing.server.requests.filter((request) => request.path.endsWith('/message')).length,
			ours: {
				name: 'Ours',
				type: `${PACKAGE}.chatThing`,
				parameters: {
					resource: 'message',
					operation: 'send',
					conversationMode: 'oneOff',
					message: '={{ "Question " + $json.n }}',
					options: {},
				},
				credentials: { chatThingApi: CREDENTIALS.chatThingApi },
			},
			reference: httpRequestNode(
				'HTTP Request',
				'chatThingApi',
				`${chatThingBase}/message`,
				'={{ JSON.stringify({ message: "Question " + $json.n }) }}',
			),
		},
		{
			label: 'Chatsby: Add a source (text)',
			requests: () =>
				n8n.chatsby.server.requests.filter((request) => request.path.endsWith('/sources')).length,
			ours: chatsbyAddTextNode('Fact '),
			reference: chatsbyAddTextByHttpRequest(n8n.chatsby.url, 'Fact '),
		},
	];
	await n8n.importWorkflows(
		cases.flatMap((entry, index) => [
			itemsWorkflow(`benchOverOurs${index}`, `Bench: ${entry.label} (ours)`, ITEMS, entry.ours),
			itemsWorkflow(
				`benchOverHttp${index}`,
				`Bench: ${entry.label} (HTTP Request)`,
				ITEMS,
				entry.reference,
			),
		]),
	);

	const rows: BenchTable['rows'] = [];
	let worst = 0;
	for (const [index, entry] of cases.entries()) {
		const ours: number[] = [];
		const reference: number[] = [];
		let oursRequests = 0;
		let referenceRequests = 0;
		// Alternate the two, so that a slower moment of the machine hits both alike.
		for (let round = 0; round < ROUNDS; round++) {
			for (const [workflowId, node, times] of [
				[`benchOverOurs${index}`, 'Ours', ours],
				[`benchOverHttp${index}`, 'HTTP Request', reference],
			] as const) {
				n8n.chatThing.server.clearRequests();
				n8n.chatsby.server.clearRequests();
				const run = await n8n.execute(workflowId);
				const items = run.items(node);
				const failed = items.filter((item) => item.json.error !== undefined).length;
				if (items.length !== ITEMS || failed > 0) {
					throw new Error(`${workflowId}: ${items.length} items, ${failed} failed`);
				}
				times.push(run.nodeTimeMs(node));
				if (node === 'Ours') oursRequests = entry.requests();
				else referenceRequests = entry.requests();
			}
		}
		const oursMs = median(ours);
		const referenceMs = median(reference);
		const ratio = oursMs / referenceMs;
		worst = Math.max(worst, ratio);
		rows.push({
			operation: entry.label,
			items: ITEMS,
			'ours (ms, median)': Math.round(oursMs),
			'HTTP Request (ms, median)': Math.round(referenceMs),
			'ours per item (ms)': round2(oursMs / ITEMS),
			'HTTP Request per item (ms)': round2(referenceMs / ITEMS),
			ratio: round2(ratio),
			'requests (ours / HTTP Request)': `${oursRequests} / ${referenceRequests}`,
		});
	}
	return {
		title: `Per-item overhead: ${ITEMS.toLocaleString('en')} items, zero latency, our node vs n8n's HTTP Request node (n8n ${process.env.N8N_VERSION})`,
		rows,
		target: 'ratio ≤ 1.0',
		met: worst <= 1.0,
		notes: [
			`Node execution time as n8n records it (runData executionTime), median of ${ROUNDS} alternating runs of \`n8n execute\`.`,
			'Both nodes send one request per item to the same in-process emulator; ours also validates each item, caps requests in flight at 5 and maps the answer.',
		],
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function round2(value: number): number {
	return Math.round(value * 100) / 100;
}
