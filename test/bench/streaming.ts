/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * Table 5: streaming. The Chat Trigger example, published in n8n: for each chat message, the time
 * from the emulator writing Chatsby's first token to the first chunk arriving out of n8n's
 * streaming response (both clocks are this process's: the emulator runs in it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { readStreamedChunks, waitFor, type WorkflowJson } from '../e2e/harness/n8n';
import { CREDENTIALS, type BenchN8n } from './realN8n';
import { percentile, type BenchTable } from './table';

const MESSAGES = 30;
const TOKEN_DELAY_MS = 25;

export async function benchStreaming(n8n: BenchN8n): Promise<BenchTable> {
	const api = n8n.api ?? (await n8n.startServer());
	const example = JSON.parse(
		readFileSync(
			path.resolve(__dirname, '../../examples/chatsby-chat-streamed-reply.json'),
			'utf8',
		),
	) as WorkflowJson;
	for (const node of example.nodes) {
		if (node.credentials) node.credentials = { chatsbyApi: CREDENTIALS.chatsbyApi };
	}
	const workflow = await api.createActiveWorkflow(example);
	const trigger = workflow.nodes.find((node) => node.type.endsWith('.chatTrigger'));
	const url = `${n8n.baseUrl}/webhook/${trigger?.webhookId}/chat`;
	// Going live registers the chat's POST path a moment later (a GET path exists before it).
	await waitFor(
		`${url} to go live`,
		async () => {
			const probe = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ action: 'loadPreviousSession', sessionId: 'probe' }),
			});
			await probe.arrayBuffer();
			return probe.status === 404 ? undefined : true;
		},
		20_000,
	);
	n8n.chatsby.stream = { delayMs: TOKEN_DELAY_MS };

	const firstChunk: number[] = [];
	const whole: number[] = [];
	let complete = 0;
	for (let i = 0; i < MESSAGES; i++) {
		n8n.chatsby.server.clearRequests();
		const message = `Question number ${i} about shipping`;
		const sent = performance.timeOrigin + performance.now();
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ action: 'sendMessage', sessionId: `bench-${i}`, chatInput: message }),
		});
		const items = (await readStreamedChunks(response)).filter((chunk) => chunk.type === 'item');
		const firstItemAt = items[0]?.at;
		const text = items.map((chunk) => chunk.content ?? '').join('');
		const done = performance.timeOrigin + performance.now();
		const upstream = n8n.chatsby.server.requests.find((request) =>
			request.path.endsWith('/conversations'),
		);
		if (text === `Our answer to: ${message}`) complete++;
		if (firstItemAt !== undefined && upstream?.firstChunkAt !== undefined) {
			firstChunk.push(firstItemAt - upstream.firstChunkAt);
		}
		whole.push(done - sent);
	}
	n8n.chatsby.stream = { delayMs: 1 };
	const p95 = percentile(firstChunk, 95);
	const round1 = (value: number) => Math.round(value * 10) / 10;
	return {
		title: `Streaming: Chatsby's first token → first chunk out of n8n's streaming response (Chat Trigger example, ${MESSAGES} messages, n8n ${process.env.N8N_VERSION})`,
		rows: [
			{
				messages: MESSAGES,
				'replies complete': complete,
				'first chunk p50 (ms)': round1(percentile(firstChunk, 50)),
				'first chunk p95 (ms)': round1(p95),
				'first chunk max (ms)': round1(Math.max(...firstChunk)),
				'whole exchange p50 (ms)': round1(percentile(whole, 50)),
			},
		],
		target: 'first chunk ≤ 50 ms (p95)',
		met: complete === MESSAGES && p95 <= 50,
		notes: [
			`The emulator writes one token every ${TOKEN_DELAY_MS} ms; a token held back until the reply ends would show as hundreds of ms.`,
		],
	};
}
