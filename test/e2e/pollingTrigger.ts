/*
 * A polling trigger through one state change: the SendKit Trigger goes live (its first polls only
 * remember the agent's state), the agent is retrained at SendKit, and the trigger starts exactly
 * one execution when the training completes. Its poll times fire every 5 s (each a once-a-minute
 * cron at another second, which n8n allows: test/e2e/sendkit-trigger-polling.json), so the test
 * waits seconds, not minutes. It waits on the polls themselves, as SendKit's emulator logs them:
 * n8n starts an execution for a poll within moments of its answer, long before the next poll, so
 * once the next poll has arrived, whatever the one before it started is in the executions list.
 */
import { nodeOutput, waitFor } from './harness/n8n';
import type { RunningProfile } from './harness/profile';

export function pollingTrigger(n8n: RunningProfile) {
	let workflowId = '';
	const agentId = () => n8n.emulators.sendKit.seed.agents[0];
	/** How many times the trigger has read the agent at SendKit (its polls). */
	const polls = async () =>
		(await n8n.requests('sendKit', 'GET', new RegExp(`^/v1/agents/${agentId()}$`))).length;
	const pollsReach = async (count: number) =>
		await waitFor(
			`the SendKit Trigger's poll number ${count}`,
			async () => ((await polls()) >= count ? true : undefined),
			20_000,
			250,
		);
	const live = () => {
		if (!workflowId) throw new Error('the SendKit Trigger did not go live (see the first test)');
		return workflowId;
	};

	it("goes live, and its first polls only remember the agent's state: no execution", async () => {
		await n8n.forgetRequests();
		const workflow = await n8n.api.createActiveWorkflow(
			n8n.fixture('test/e2e/sendkit-trigger-polling.json'),
		);
		workflowId = workflow.id;

		await pollsReach(2);
		expect(await n8n.api.executions(workflowId)).toEqual([]);
	});

	it('starts one execution when a retraining completes, with the agent and its previous status', async () => {
		const retrain = await fetch(`${n8n.emulators.sendKit.baseUrl}/v1/agents/${agentId()}/retrain`, {
			method: 'POST',
			headers: { 'x-api-key': n8n.emulators.sendKit.apiKey },
		});
		expect(retrain.status).toBe(200);
		const [run] = await n8n.api.finishedExecutions(live(), 1, 45_000);

		expect({ status: run.status, mode: run.mode }).toEqual({ status: 'success', mode: 'trigger' });
		const [item] = nodeOutput(run, 'Training finished');
		expect(item).toMatchObject({ event: 'agent.trained', _id: agentId() });
		expect(['training', 'pending']).toContain(item.previousStatus);
	});

	it('starts no second execution at the next poll (the training is still complete)', async () => {
		const seen = await polls();

		// The poll after `seen` reads the finished training again; the one after that proves n8n
		// has handled it.
		await pollsReach(seen + 2);
		expect(await n8n.api.executions(live())).toHaveLength(1);
	});
}
