/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Table 6: webhook trigger. 1,000 signed Chatsby deliveries to the published Chatsby Trigger vs
 * the same payloads to n8n's plain Webhook node: accepted, executions started, and the latency of
 * each delivery's answer (10 at a time). Then 100 of them again, as a sender retries a delivery
 * whose answer it lost (same webhook-id): each must get 200 and start nothing.
 */
import { chatsbyDelivery } from '../emulators/chatsby';
import { waitFor, type N8nApi, type WorkflowJson } from '../e2e/harness/n8n';
import { CHATSBY, CREDENTIALS, PACKAGE, type BenchN8n } from './realN8n';
import { percentile, type BenchTable } from './table';

const DELIVERIES = 1000;
const CONCURRENCY = 10;
const RETRIES = 100;

export async function benchWebhook(n8n: BenchN8n): Promise<BenchTable> {
	const api = n8n.api ?? (await n8n.startServer());
	const trigger = await api.createActiveWorkflow(
		single('Bench: Chatsby Trigger', {
			name: 'Chatsby Trigger',
			type: `${PACKAGE}.chatsbyTrigger`,
			webhookId: crypto.randomUUID(),
			parameters: { events: ['source.failed'], agentId: '' },
			credentials: { chatsbyApi: CREDENTIALS.chatsbyApi },
		}),
	);
	const plain = await api.createActiveWorkflow(
		single('Bench: Webhook node', {
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: crypto.randomUUID(),
			parameters: { httpMethod: 'POST', path: 'bench-plain-webhook', options: {} },
		}),
	);
	const data = {
		id: 'src_bench',
		type: 'website',
		content: 'https://acme.com',
		status: 'failed',
		agent_id: CHATSBY.agentId,
	};
	const triggerUrl = `${n8n.baseUrl}/webhook/${trigger.nodes[0].webhookId}/webhook`;
	const plainUrl = `${n8n.baseUrl}/webhook/bench-plain-webhook`;
	// Going live registers the paths a moment later. The trigger refuses the unsigned probe; the
	// Webhook node runs it, so that execution is subtracted below.
	const probeRuns = {
		[trigger.id]: (await waitUntilLive(triggerUrl)) ? 1 : 0,
		[plain.id]: (await waitUntilLive(plainUrl)) ? 1 : 0,
	};

	const rows: BenchTable['rows'] = [];
	let triggerOk = false;
	// A new signed delivery (its own ID) to either URL; the first RETRIES are kept to be sent again.
	const newDelivery = () => chatsbyDelivery(CHATSBY.webhookSecret, 'source.failed', data);
	const post = async (url: string, delivery: ReturnType<typeof newDelivery>) =>
		await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.rawBody });
	for (const [label, workflowId, url] of [
		['Chatsby Trigger (signature checked)', trigger.id, triggerUrl],
		["n8n's Webhook node (no check)", plain.id, plainUrl],
	] as const) {
		const latencies: number[] = [];
		const kept: Array<ReturnType<typeof newDelivery>> = [];
		let accepted = 0;
		let next = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < DELIVERIES) {
					next++;
					const delivery = newDelivery();
					if (kept.length < RETRIES) kept.push(delivery);
					const sent = performance.now();
					const response = await post(url, delivery);
					await response.arrayBuffer();
					latencies.push(performance.now() - sent);
					if (response.status === 200) accepted++;
				}
			}),
		);
		const wallMs = performance.now() - started;
		const executions =
			(await countExecutions(api, workflowId, DELIVERIES + probeRuns[workflowId])) -
			probeRuns[workflowId];
		let retriesAccepted = 0;
		for (const delivery of kept) {
			const response = await post(url, delivery);
			await response.arrayBuffer();
			if (response.status === 200) retriesAccepted++;
		}
		// The trigger starts nothing for a retry; the plain node starts one each.
		const expectedAfter = executions + (label.startsWith('Chatsby') ? 0 : RETRIES);
		const executionsFromRetries =
			(await countExecutions(api, workflowId, expectedAfter + probeRuns[workflowId])) -
			probeRuns[workflowId] -
			executions;
		if (label.startsWith('Chatsby'))
			triggerOk =
				accepted === DELIVERIES &&
				executions === DELIVERIES &&
				retriesAccepted === RETRIES &&
				executionsFromRetries === 0;
		rows.push({
			workflow: label,
			deliveries: DELIVERIES,
			accepted,
			'executions started': executions,
			'p50 (ms)': Math.round(percentile(latencies, 50) * 10) / 10,
			'p99 (ms)': Math.round(percentile(latencies, 99) * 10) / 10,
			'deliveries/s': Math.round(DELIVERIES / (wallMs / 1000)),
			'retried (same ID)': RETRIES,
			'retries answered 200': retriesAccepted,
			'executions from retries': executionsFromRetries,
		});
	}
	return {
		title: `Webhook trigger: ${DELIVERIES.toLocaleString('en')} signed deliveries, ${CONCURRENCY} at a time (n8n ${process.env.N8N_VERSION}, SQLite, regular mode)`,
		rows,
		target: `${DELIVERIES} accepted, ${DELIVERIES} executions; ${RETRIES} retries answered 200 with no execution; latency beside n8n's plain Webhook node`,
		met: triggerOk,
		notes: [
			"Latency: from sending a delivery to n8n's answer (the execution runs after the answer).",
		],
	};
}

function single(
	name: string,
	node: Record<string, unknown> & { name: string; type: string },
): WorkflowJson {
	return {
		name,
		nodes: [{ id: 'w1', position: [0, 0], typeVersion: 1, ...node }],
		connections: {},
	};
}

/** Posts an unsigned probe until the path answers other than 404; true when it was accepted. */
async function waitUntilLive(url: string): Promise<boolean> {
	return await waitFor(
		`${url} to go live`,
		async () => {
			const response = await fetch(url, {
				method: 'POST',
				body: '{}',
				headers: { 'content-type': 'application/json' },
			});
			return response.status === 404 ? undefined : response.status === 200;
		},
		20_000,
	);
}

/** Executions of a workflow, once their number stops growing. */
async function countExecutions(api: N8nApi, workflowId: string, expected: number): Promise<number> {
	let count = -1;
	for (let stable = 0, i = 0; i < 240 && stable < 4; i++) {
		const now = await allExecutions(api, workflowId);
		stable = now === count ? stable + 1 : 0;
		count = now;
		if (count >= expected && stable >= 1) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return count;
}

async function allExecutions(api: N8nApi, workflowId: string): Promise<number> {
	let total = 0;
	let cursor: string | undefined;
	do {
		const page = await api.publicApi<{ data: unknown[]; nextCursor?: string | null }>(
			'GET',
			`/executions?workflowId=${workflowId}&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
		);
		total += page.body.data.length;
		cursor = page.body.nextCursor ?? undefined;
	} while (cursor);
	return total;
}
