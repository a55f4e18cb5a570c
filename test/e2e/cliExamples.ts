/*
 * The example workflows (examples/), imported into n8n and run with `n8n execute`: what each
 * example's last node outputs, and the requests the emulators received for it.
 */
import { nodeOutput, type Execution } from './harness/n8n';
import type { RunningProfile } from './harness/profile';

type Items = Array<Record<string, unknown>>;

export function cliExamples(n8n: RunningProfile) {
	/** Runs an example with fresh emulator request logs; the run must end without an error. */
	const run = async (workflowId: string, node: string): Promise<Items> => {
		await n8n.forgetRequests();
		const execution: Execution = await n8n.runFromCli(workflowId);
		expect(execution.data?.resultData?.error).toBeUndefined();
		return nodeOutput(execution, node);
	};
	/** What a sync planned, as sorted `action:status` pairs. */
	const plan = (items: Items) =>
		items.map((item) => `${String(item.action)}:${String(item.status)}`).sort();

	it('AI Chatbot Hub example: re-scrapes once, waits for training and answers with a streamed reply', async () => {
		const items = await run('exampleAiHub0001', 'Smoke-test question');

		expect(items).toEqual([
			expect.objectContaining({ response: 'Echo: What are your opening hours?' }),
		]);
		expect(
			await n8n.requests('aiChatbotHub', 'POST', /\/data-sources\/url\/re-scrape$/),
		).toHaveLength(1);
		expect(await n8n.requests('aiChatbotHub', 'POST', /\/message\/stream$/)).toHaveLength(1);
	});

	it('Chat Thing example: puts rows into a data source and syncs it once', async () => {
		const items = await run('exampleChatThing1', 'Sync');

		expect(items).toEqual([expect.objectContaining({ syncStarted: true })]);
		expect(await n8n.requests('chatThing', 'POST', /\/data-sources\/sync$/)).toHaveLength(1);
	});

	it('SendKit example: retrains once and waits for the training to complete', async () => {
		const items = await run('exampleSendKit001', 'Retrain');

		expect(items[0]?.trainingStatus).toBe('completed');
		expect(await n8n.requests('sendKit', 'POST', /\/retrain$/)).toHaveLength(1);
	});

	it('Chatsby example: adds the Q&A once, waits, and asks with a streamed reply', async () => {
		const items = await run('exampleChatsby001', 'Ask');

		expect(items[0]?.streamed).toBe(true);
		expect(String(items[0]?.response)).toMatch(/^Our answer to:/);
		expect(await n8n.requests('chatsby', 'POST', /\/agents\/[^/]+\/sources$/)).toHaveLength(1);
		expect(await n8n.requests('chatsby', 'POST', /\/conversations$/)).toHaveLength(1);
	});

	it('Chat Thing sync example: creates one row, updates one and syncs once', async () => {
		const items = await run('exampleChatThing2', 'Sync FAQ');

		expect(plan(items)).toEqual(['add:done', 'unchanged:done', 'update:done']);
		expect(await n8n.requests('chatThing', 'POST', /\/data-sources\/row$/)).toHaveLength(1);
		expect(await n8n.requests('chatThing', 'PUT', /\/data-sources\/row$/)).toHaveLength(1);
		expect(await n8n.requests('chatThing', 'POST', /\/data-sources\/sync$/)).toHaveLength(1);
	});

	it('Chat Thing sync example, run again, writes nothing', async () => {
		const items = await run('exampleChatThing2', 'Sync FAQ');

		expect([...new Set(plan(items))]).toEqual(['unchanged:done']);
		expect(await n8n.requests('chatThing', 'POST', /\/data-sources\/(row|sync)$/)).toEqual([]);
		expect(await n8n.requests('chatThing', 'PUT', /./)).toEqual([]);
		expect(await n8n.requests('chatThing', 'DELETE', /./)).toEqual([]);
	});

	it('Chatsby sync example: adds the changed text before deleting the old one, and refreshes the website', async () => {
		const items = await run('exampleChatsby002', 'Sync knowledge');

		expect(items.filter((item) => item.status !== 'done')).toEqual([]);
		const added = items.find((item) =>
			String(item.key).startsWith('text:Acme Corp offers three plans:'),
		);
		expect(added).toMatchObject({ action: 'add', sourceStatus: 'trained' });
		const deleted = items.find((item) => item.key === 'text:Acme Corp offers three plans...');
		expect(deleted).toMatchObject({ action: 'delete' });
		expect(await n8n.requests('chatsby', 'POST', /\/sources\/[^/]+\/refresh$/)).toHaveLength(1);
	});

	it('Chatsby sync example, run again, writes nothing', async () => {
		const items = await run('exampleChatsby002', 'Sync knowledge');

		expect([...new Set(plan(items))]).toEqual(['unchanged:done']);
		expect(await n8n.requests('chatsby', 'POST', /./)).toEqual([]);
		expect(await n8n.requests('chatsby', 'DELETE', /./)).toEqual([]);
	});

	it("each credential works in n8n's HTTP Request node (predefined credential type)", async () => {
		const items = await run('e2eHttpRequest01', 'HTTP chatsbyApi');

		expect(items.length).toBeGreaterThanOrEqual(1);
	});
}
