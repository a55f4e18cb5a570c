import { PolledTrigger } from '../../harness/runPoll';
import { byId, usePlatform } from '../setup';
import { aiChatbotHub, TOKEN } from './setup';

describe('AI Chatbot Hub Trigger (polling data sources)', () => {
	const { emulator, credentials } = usePlatform(aiChatbotHub);
	let chatbot: string;

	/** Adds a Q&A source through the API, as a user would; it starts in status `await`. */
	const addQa = async (question: string): Promise<string> => {
		const response = await fetch(`${emulator.url}/chatbot/${chatbot}/data-source/qa`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ question, answer: `About ${question}` }),
		});
		const { uuid } = (await response.json()) as { uuid: string };
		emulator.clearRequests();
		return uuid;
	};
	const addQas = async (...questions: string[]) => {
		const ids: string[] = [];
		for (const question of questions) ids.push(await addQa(question));
		return ids;
	};
	const trigger = (events = ['finished', 'failed']) =>
		new PolledTrigger('aiChatbotHubTrigger', { chatbot: byId(chatbot), events }, credentials());
	const events = (items: Awaited<ReturnType<PolledTrigger['poll']>>) =>
		(items ?? []).map((item) => `${String(item.json.event)} ${String(item.json.title)}`);

	beforeEach(() => {
		emulator.autoAdvanceSources = false;
		chatbot = emulator.seed().chatbots.support;
	});

	it('records the current state on the first poll and emits no history', async () => {
		const watcher = trigger();

		expect(await watcher.poll()).toBeNull();
		const saved = watcher.staticData['node:Trigger under test'] as { snapshot: object };
		expect(Object.keys(saved.snapshot)).toHaveLength(emulator.sourcesOf(chatbot).length);
	});

	it('emits one item when a source finishes training, and none at the next poll', async () => {
		const watcher = trigger();
		const source = await addQa('What are your hours?');
		await watcher.poll();

		emulator.setSourceStatus(source, 'success');
		const first = await watcher.poll();
		const second = await watcher.poll();

		expect(events(first)).toEqual(['source.trained What are your hours?']);
		expect(first?.[0].json).toMatchObject({
			uuid: source,
			status: 'success',
			previousStatus: 'await',
			chatbotUuid: chatbot,
		});
		expect(second).toBeNull();
	});

	it('emits a failure for error, error:token and fail statuses', async () => {
		const watcher = trigger();
		const sources = await addQas('A', 'B', 'C');
		await watcher.poll();

		emulator.setSourceStatus(sources[0], 'error');
		emulator.setSourceStatus(sources[1], 'error:token');
		emulator.setSourceStatus(sources[2], 'fail');

		expect(events(await watcher.poll())).toEqual([
			'source.failed A',
			'source.failed B',
			'source.failed C',
		]);
	});

	it('emits a source that was created and trained between two polls', async () => {
		const watcher = trigger();
		await watcher.poll();

		emulator.setSourceStatus(await addQa('New and done'), 'success');

		expect(events(await watcher.poll())).toEqual(['source.trained New and done']);
	});

	it('emits a re-training that started and finished between two polls', async () => {
		const watcher = trigger();
		const source = await addQa('Retrained');
		emulator.setSourceStatus(source, 'success');
		await watcher.poll();

		emulator.setSourceStatus(source, 'running');
		emulator.getSource(source)!.modified_at = '2099-01-01T00:00:00Z';
		emulator.setSourceStatus(source, 'success');
		emulator.getSource(source)!.modified_at = '2099-01-01T00:00:05Z';

		expect(events(await watcher.poll())).toEqual(['source.trained Retrained']);
	});

	it('misses nothing and repeats nothing across a restart', async () => {
		const watcher = trigger();
		const [a, b] = await addQas('A', 'B');
		await watcher.poll();
		emulator.setSourceStatus(a, 'success');
		expect(events(await watcher.poll())).toEqual(['source.trained A']);

		// n8n restarts; meanwhile B fails.
		const restarted = watcher.restart();
		emulator.setSourceStatus(b, 'error');

		expect(events(await restarted.poll())).toEqual(['source.failed B']);
		expect(await restarted.poll()).toBeNull();
	});

	it('emits only the chosen events', async () => {
		const watcher = trigger(['failed']);
		const [a, b] = await addQas('A', 'B');
		await watcher.poll();
		emulator.setSourceStatus(a, 'success');
		emulator.setSourceStatus(b, 'error');

		expect(events(await watcher.poll())).toEqual(['source.failed B']);
	});

	it('shows finished sources in a manual test run without moving its saved state', async () => {
		const watcher = trigger();
		const source = await addQa('Sample');
		await watcher.poll();
		emulator.setSourceStatus(source, 'success');

		const sample = await watcher.poll('manual');
		const real = await watcher.poll();

		expect(events(sample)).toContain('source.trained Sample');
		expect(events(real)).toEqual(['source.trained Sample']);
	});

	it('lists the sources with the token, at GET /chatbot/{uuid}/data-sources', async () => {
		await trigger().poll();

		const [request] = emulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`/api/v1/chatbot/${chatbot}/data-sources`);
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('retries a 503 during a poll and still emits the transition once', async () => {
		const watcher = trigger();
		const source = await addQa('Busy');
		await watcher.poll();
		emulator.setSourceStatus(source, 'success');
		emulator.injectFault({ kind: 'status', status: 503, retryAfterSeconds: 0, times: 1 });

		expect(events(await watcher.poll())).toEqual(['source.trained Busy']);
		expect(emulator.requests.filter((r) => r.status === 503)).toHaveLength(1);
	});
});
