import { byId, usePlatform } from '../setup';
import { seen, sendKit } from './setup';

describe('SendKit › Agent › Retrain', () => {
	const { emulator, run } = usePlatform(sendKit);
	const retrain = (
		agentId: string,
		retrainOptions: Record<string, string | number | boolean> = {},
	) => ({
		resource: 'agent',
		operation: 'retrain',
		agentId: byId(agentId),
		retrainOptions,
	});
	const waiting = {
		waitForTraining: true,
		trainingPollSeconds: 0.01,
		trainingTimeoutMinutes: 0.05,
	};

	it('posts to /retrain with no body and returns the queued agent', async () => {
		const [agent] = emulator.seed().agents;

		const { items } = await run(retrain(agent));

		expect(seen(emulator)).toEqual([
			{ method: 'POST', path: `/v1/agents/${agent}/retrain`, body: undefined },
		]);
		expect(items[0].json).toMatchObject({ _id: agent, trainingStatus: 'pending' });
		expect(emulator.credits).toBe(990);
	});

	it('waits until training completes, checking the agent with GET, and returns the final agent', async () => {
		const [agent] = emulator.seed().agents;

		const { items, error } = await run(retrain(agent, waiting));

		expect(error).toBeUndefined();
		const requests = seen(emulator);
		expect(requests[0]).toEqual({
			method: 'POST',
			path: `/v1/agents/${agent}/retrain`,
			body: undefined,
		});
		expect(
			requests
				.slice(1)
				.every((request) => request.method === 'GET' && request.path === `/v1/agents/${agent}`),
		).toBe(true);
		expect(requests.length).toBe(1 + emulator.trainingReads);
		expect(items[0].json).toMatchObject({ trainingStatus: 'completed', trainingProgress: 100 });
	});

	it('fails the item with the training error when training fails', async () => {
		const [agent] = emulator.seed().agents;
		emulator.trainingOutcome = 'failed';

		const { error } = await run(retrain(agent, waiting));

		expect(error?.message).toBe('The agent failed to train: Could not crawl https://acme.example');
	});

	it("outputs the failed agent with trainingFailed when 'If Training Fails' is Output It", async () => {
		const [agent] = emulator.seed().agents;
		emulator.trainingOutcome = 'failed';

		const { items, error } = await run(retrain(agent, { ...waiting, onTrainingFailure: 'flag' }));

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ trainingStatus: 'failed', trainingFailed: true });
	});

	it('gives up after the timeout, saying how far training got', async () => {
		const [agent] = emulator.seed().agents;
		emulator.trainingOutcome = 'never';

		const { error } = await run(retrain(agent, { ...waiting, trainingTimeoutMinutes: 0.005 }));

		expect(error?.message).toBe('The agent did not finish training within 0.005 minutes');
		expect(error?.description).toMatch(/^Last status "training", progress \d+ after \d+ checks/);
	});

	it('explains 409 as already training and 402 as missing credits, never repeating the retrain', async () => {
		const [agent] = emulator.seed().agents;
		await run(retrain(agent));
		emulator.clearRequests();

		const already = await run(retrain(agent));
		emulator.agents.get(agent)!.trainingStatus = 'completed';
		emulator.credits = 5;
		const broke = await run(retrain(agent));

		expect(already.error).toMatchObject({ httpCode: '409' });
		expect(already.error?.message).toBe('The agent is already training (409)');
		expect(broke.error).toMatchObject({ httpCode: '402' });
		expect(broke.error?.message).toBe('Not enough credits (402)');
		expect(emulator.server.requestsTo('POST', /retrain$/)).toHaveLength(2);
	});
});
