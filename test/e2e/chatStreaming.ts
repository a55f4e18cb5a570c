/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/*
 * The Chat Trigger example, live: a chat message POSTed to n8n's chat URL comes back as n8n's
 * streamed JSON lines, with the Chatsby reply split into the chunks Chatsby sent. Notes the time
 * from the emulator writing its first token to the first chunk arriving from n8n.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { readStreamedChunks, receivedBy, waitFor } from './harness/n8n';
import { itIf, note, type RunningProfile } from './harness/profile';

export function chatStreaming(n8n: RunningProfile) {
	let workflowId = '';

	it('the Chat Trigger example streams the Chatsby reply through n8n to the chat, one chunk per token', async () => {
		const workflow = await n8n.api.createActiveWorkflow(
			n8n.fixture('examples/chatsby-chat-streamed-reply.json'),
		);
		workflowId = workflow.id;
		const trigger = workflow.nodes.find(
			(node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger',
		);
		const url = `${n8n.webhookUrl}/webhook/${trigger?.webhookId}/chat`;
		const message = 'Do you ship abroad?';
		await n8n.forgetRequests();

		// Going live registers the chat path a moment later: until then n8n answers 404.
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
		expect(response.status).toBe(200);
		expect(response.body).toBeTruthy();
		const chunks = await readStreamedChunks(response);
		const items = chunks.filter((chunk) => chunk.type === 'item');
		const expected = `Our answer to: ${message}`;

		expect(chunks[0]?.type).toBe('begin');
		expect(chunks.map((chunk) => chunk.type)).toContain('end');
		expect(items.map((chunk) => chunk.content).join('')).toBe(expected);
		expect(items).toHaveLength(expected.split(' ').length);
		const [upstream] = (await receivedBy(n8n.emulators, 'chatsby')).filter((request) =>
			request.path.endsWith('/conversations'),
		);
		expect(upstream?.firstChunkAt).toBeGreaterThan(0);
		const latency = items[0].at - (upstream.firstChunkAt ?? 0);
		note(n8n.profile, `first token at Chatsby → first chunk out of n8n: ${latency.toFixed(1)} ms`);
		writeFileSync(
			path.join(n8n.home, 'stream-latency.json'),
			JSON.stringify({ version: n8n.profile.version, mode: n8n.profile.mode, latencyMs: latency }),
		);
	});

	itIf(n8n.profile.mode === 'queue', 'regular mode runs everything in one process')(
		'the chat execution was enqueued by the webhook process and ran on the worker',
		async () => {
			if (!workflowId) throw new Error('the Chat Trigger example did not go live (see above)');
			const [run] = await n8n.api.finishedExecutions(workflowId, 1);

			n8n.expectRanOnWorker(run.id);
		},
	);
}
