/*
 * Queue mode's action nodes: a Webhook node (response from the last node) calling SendKit and
 * Chatsby, through the webhook process, executed by the worker (test/e2e/queue-webhook-actions.json).
 */
import { nodeOutput, waitFor } from './harness/n8n';
import type { RunningProfile } from './harness/profile';

export function queueActions(n8n: RunningProfile) {
	let workflowId = '';

	it("a Webhook node calling SendKit and Chatsby answers with the last node's output", async () => {
		const workflow = await n8n.api.createActiveWorkflow(
			n8n.fixture('test/e2e/queue-webhook-actions.json'),
		);
		workflowId = workflow.id;
		const url = `${n8n.webhookUrl}/webhook/e2e-queue-actions`;

		// Going live registers the webhook path a moment later: until then n8n answers 404.
		const response = await waitFor('the webhook path to be registered', async () => {
			const answer = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ agentId: n8n.emulators.sendKit.seed.agents[0] }),
			});
			return answer.status === 404 ? undefined : answer;
		});
		const body = (await response.json()) as Record<string, unknown>;

		expect({ status: response.status, id: body.id }).toEqual({
			status: 200,
			id: n8n.emulators.chatsby.seed.agents[0],
		});
	});

	it('the execution succeeded on the worker, enqueued by the webhook process, with the SendKit agent', async () => {
		if (!workflowId) throw new Error('the workflow did not go live (see the first test)');
		const [run] = await n8n.api.finishedExecutions(workflowId, 1);

		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'SendKit agent')[0]?.name).toBe('Sales Agent');
		n8n.expectRanOnWorker(run.id);
	});
}
