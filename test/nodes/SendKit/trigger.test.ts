import { PolledTrigger } from '../../harness/runPoll';
import { byId, usePlatform } from '../setup';
import { KEY, sendKit } from './setup';

describe('SendKit Trigger (polling training status)', () => {
	const { emulator, credentials } = usePlatform(sendKit);
	let agentId: string;

	const trigger = (events = ['finished', 'failed']) =>
		new PolledTrigger('sendKitTrigger', { agentId: byId(agentId), events }, credentials());
	const setTraining = (status: string, updatedAt: string) =>
		Object.assign(emulator.agents.get(agentId)!, { trainingStatus: status, updatedAt });
	const events = (items: Awaited<ReturnType<PolledTrigger['poll']>>) =>
		(items ?? []).map(
			(item) => `${String(item.json.event)} after ${String(item.json.previousStatus)}`,
		);

	beforeEach(() => {
		agentId = emulator.seed().agents[0];
		emulator.trainingOutcome = 'never';
	});

	it('records the state on the first poll and emits nothing', async () => {
		expect(await trigger().poll()).toBeNull();
	});

	it('emits once when training completes, and not again', async () => {
		const watcher = trigger();
		setTraining('training', 't1');
		await watcher.poll();

		setTraining('completed', 't2');
		const first = await watcher.poll();
		const second = await watcher.poll();

		expect(events(first)).toEqual(['agent.trained after training']);
		expect(first?.[0].json).toMatchObject({ _id: agentId, trainingStatus: 'completed' });
		expect(second).toBeNull();
	});

	it('emits a failure, and a retraining that finished between two polls', async () => {
		const watcher = trigger();
		setTraining('completed', 't1');
		await watcher.poll();

		setTraining('failed', 't2');
		const failed = await watcher.poll();
		setTraining('completed', 't3');
		const again = await watcher.poll();
		setTraining('completed', 't4');
		const retrainedUnseen = await watcher.poll();

		expect(events(failed)).toEqual(['agent.trainingFailed after completed']);
		expect(events(again)).toEqual(['agent.trained after failed']);
		expect(events(retrainedUnseen)).toEqual(['agent.trained after completed']);
	});

	it('misses nothing and repeats nothing across a restart', async () => {
		const watcher = trigger();
		setTraining('training', 't1');
		await watcher.poll();
		const restarted = watcher.restart();
		setTraining('completed', 't2');

		expect(events(await restarted.poll())).toEqual(['agent.trained after training']);
		expect(await restarted.poll()).toBeNull();
	});

	it('emits only the chosen events', async () => {
		const watcher = trigger(['failed']);
		setTraining('training', 't1');
		await watcher.poll();
		setTraining('completed', 't2');

		expect(await watcher.poll()).toBeNull();
	});

	it('shows the finished agent in a manual test run without moving its saved state', async () => {
		const watcher = trigger();
		setTraining('training', 't1');
		await watcher.poll();
		setTraining('completed', 't2');

		const sample = await watcher.poll('manual');
		const real = await watcher.poll();

		expect(events(sample)).toEqual(['agent.trained after null']);
		expect(events(real)).toEqual(['agent.trained after training']);
	});

	it('checks the agent with GET /v1/agents/{id} and the API key', async () => {
		await trigger().poll();

		const [request] = emulator.requests;
		expect([request.method, request.path]).toEqual(['GET', `/v1/agents/${agentId}`]);
		expect(request.headers['x-api-key']).toBe(KEY);
	});
});
