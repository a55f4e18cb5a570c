import { byId, usePlatform } from '../setup';
import { chatsby, seen } from './setup';

describe('Chatsby › Source', () => {
	const { emulator, run } = usePlatform(chatsby);
	const add = (agentId: string, fields: object) => ({
		resource: 'source',
		operation: 'add',
		agentId: byId(agentId),
		options: {},
		...fields,
	});
	const waiting = {
		waitForTraining: true,
		trainingPollSeconds: 0.01,
		trainingTimeoutMinutes: 0.05,
	};

	describe('Add', () => {
		it('adds a website with crawl_subpages and returns the pending source (201)', async () => {
			const [agent] = emulator.seed().agents;

			const { items, error } = await run(
				add(agent, { type: 'website', url: 'https://acme.com/help', crawlSubpages: true }),
			);

			expect(error).toBeUndefined();
			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/v1/agents/${agent}/sources`,
					body: { type: 'website', content: 'https://acme.com/help', crawl_subpages: true },
				},
			]);
			expect(items[0].json).toMatchObject({ type: 'website', status: 'pending', agent_id: agent });
		});

		it('adds text, exactly 100,000 characters being allowed', async () => {
			const [agent] = emulator.seed().agents;

			const { error } = await run(add(agent, { type: 'text', text: 'x'.repeat(100_000) }));

			expect(error).toBeUndefined();
			expect((emulator.requests[0].body as { content: string }).content).toHaveLength(100_000);
		});

		it('sends Q&A pairs entered one by one as a JSON string', async () => {
			const [agent] = emulator.seed().agents;

			await run(
				add(agent, {
					type: 'qa',
					qaInput: 'pairs',
					qaPairs: {
						pair: [
							{ question: 'Do you ship abroad?', answer: 'Yes.' },
							{ question: 'Returns?', answer: '30 days.' },
						],
					},
				}),
			);

			expect(emulator.requests[0].body).toEqual({
				type: 'qa',
				content: JSON.stringify([
					{ question: 'Do you ship abroad?', answer: 'Yes.' },
					{ question: 'Returns?', answer: '30 days.' },
				]),
			});
		});

		it('takes 500 Q&A pairs given as JSON', async () => {
			const [agent] = emulator.seed().agents;
			const pairs = Array.from({ length: 500 }, (_, i) => ({ question: `Q${i}`, answer: `A${i}` }));

			const { error } = await run(
				add(agent, { type: 'qa', qaInput: 'json', qaJson: JSON.stringify(pairs) }),
			);

			expect(error).toBeUndefined();
			expect(JSON.parse((emulator.requests[0].body as { content: string }).content)).toHaveLength(
				500,
			);
		});

		it('adds a file by its reference', async () => {
			const [agent] = emulator.seed().agents;

			await run(add(agent, { type: 'file', fileReference: 'file_ref_123' }));

			expect(emulator.requests[0].body).toEqual({ type: 'file', content: 'file_ref_123' });
		});

		it.each([
			[
				'malformed Q&A JSON',
				{ type: 'qa', qaInput: 'json', qaJson: '[{"question": "a",' },
				/^'Q&A JSON' is not valid JSON/,
			],
			[
				'501 Q&A pairs',
				{
					type: 'qa',
					qaInput: 'json',
					qaJson: JSON.stringify(
						Array.from({ length: 501 }, () => ({ question: 'q', answer: 'a' })),
					),
				},
				/^'Q&A' has 501 pairs; the most one source takes is 500/,
			],
			[
				'a pair without an answer',
				{ type: 'qa', qaInput: 'pairs', qaPairs: { pair: [{ question: 'q', answer: '' }] } },
				/^'Q&A' pair 1 needs a question and an answer/,
			],
			[
				'text over 100,000 characters',
				{ type: 'text', text: 'x'.repeat(100_001) },
				/^'Text' is 100001 characters long; the most the service accepts is 100000/,
			],
			[
				'a URL without https://',
				{ type: 'website', url: 'http://acme.com/help' },
				/^'URL' is not a valid https:\/\/ URL/,
			],
			[
				'a URL without a scheme',
				{ type: 'website', url: 'acme.com/help' },
				/^'URL' is not a valid https:\/\/ URL/,
			],
		])('rejects %s before any request, naming the field', async (_case, fields, message) => {
			const [agent] = emulator.seed().agents;

			const { error } = await run(add(agent, fields));

			expect(error?.message).toMatch(message);
			expect(error?.message).toMatch(/\[item 0\]$/);
			expect(emulator.requests).toHaveLength(0);
		});

		it('rejects an empty agent ID before any request', async () => {
			const { error } = await run(add('={{ $json.agent }}', { type: 'text', text: 'hello' }));

			expect(error?.message).toBe("'Agent' is empty [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});

		it('waits until the source is trained, checking GET /sources/{id}', async () => {
			const [agent] = emulator.seed().agents;

			const { items, error } = await run(
				add(agent, { type: 'text', text: 'hello', options: waiting }),
			);

			expect(error).toBeUndefined();
			const requests = seen(emulator);
			expect(
				requests
					.slice(1)
					.every(
						(request) =>
							request.method === 'GET' &&
							request.path === `/v1/sources/${String(items[0].json.id)}`,
					),
			).toBe(true);
			expect(items[0].json).toMatchObject({ status: 'trained', character_count: 5 });
		});

		it('fails the item with the error message when training fails', async () => {
			const [agent] = emulator.seed().agents;
			emulator.sourceOutcome = 'failed';

			const { error } = await run(
				add(agent, { type: 'website', url: 'https://acme.com', options: waiting }),
			);

			expect(error?.message).toBe('The source failed to train: The website could not be reached');
		});

		it('gives up after the timeout, saying the last status', async () => {
			const [agent] = emulator.seed().agents;
			emulator.sourceOutcome = 'never';

			const { error } = await run(
				add(agent, {
					type: 'website',
					url: 'https://acme.com',
					options: { ...waiting, trainingTimeoutMinutes: 0.003 },
				}),
			);

			expect(error?.message).toBe('The source did not finish training within 0.003 minutes');
			expect(error?.description).toMatch(/^Last status "processing" after \d+ checks/);
		});

		it('shows Chatsby errors with their type and code', async () => {
			const { error } = await run(add('agent_0000000000', { type: 'text', text: 'hello' }));

			expect(error).toMatchObject({ httpCode: '404' });
			expect(error?.message).toBe(
				"No agent with id 'agent_0000000000' exists. (not_found_error / resource_not_found)",
			);
			expect(error?.description).toMatch(/'agent_id'/);
		});
	});

	describe('Get, Get Many and Delete', () => {
		it('gets a source by ID', async () => {
			const { sources } = emulator.seed();

			const { items } = await run({
				resource: 'source',
				operation: 'get',
				sourceId: byId(sources[0]),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: `/v1/sources/${sources[0]}`, body: undefined },
			]);
			expect(items[0].json).toMatchObject({ id: sources[0], status: 'trained' });
		});

		it('puts an ID from an expression into the path trimmed and URL-encoded', async () => {
			emulator.seed();

			await run(
				{ resource: 'source', operation: 'get', sourceId: byId('={{ $json.id }}') },
				{ input: [{ json: { id: ' ../agents?x=1 ' } }], continueOnFail: true },
			);

			expect(seen(emulator).map((request) => request.path)).toEqual([
				'/v1/sources/..%2Fagents%3Fx%3D1',
			]);
		});

		it('walks the pages with page_size 100 and the status and type filters', async () => {
			const [agent] = emulator.seed().agents;
			for (let i = 0; i < 150; i++) emulator.addSource(agent, 'text', `text ${i}`, 'trained');

			const { items } = await run({
				resource: 'source',
				operation: 'getAll',
				agentId: byId(agent),
				returnAll: true,
				filters: { status: 'trained', type: 'text' },
			});

			const requests = seen(emulator);
			expect(requests).toHaveLength(2);
			expect(requests[0].query).toEqual({ status: 'trained', type: 'text', page_size: '100' });
			expect(requests[1].query).toMatchObject({ cursor: expect.stringMatching(/^src_/) });
			expect(items).toHaveLength(151);
			expect(items.every((item) => item.json.type === 'text')).toBe(true);
		});

		it('deletes with 204 and returns { deleted, id }', async () => {
			const { sources } = emulator.seed();

			const { items } = await run({
				resource: 'source',
				operation: 'delete',
				sourceId: byId(sources[1]),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'DELETE', path: `/v1/sources/${sources[1]}`, body: undefined },
			]);
			expect(emulator.requests[0].status).toBe(204);
			expect(items[0].json).toEqual({ deleted: true, id: sources[1] });
		});
	});

	describe('Refresh', () => {
		it('refreshes a website and can wait until it is trained again', async () => {
			const { sources } = emulator.seed();

			const { items } = await run({
				resource: 'source',
				operation: 'refresh',
				sourceId: byId(sources[0]),
				options: waiting,
			});

			expect(seen(emulator)[0]).toEqual({
				method: 'POST',
				path: `/v1/sources/${sources[0]}/refresh`,
				body: undefined,
			});
			expect(items[0].json.status).toBe('trained');
		});

		it('explains the 400 for a source that is not a website', async () => {
			const { sources } = emulator.seed();

			const { error } = await run({
				resource: 'source',
				operation: 'refresh',
				sourceId: byId(sources[1]),
				options: {},
			});

			expect(error).toMatchObject({ httpCode: '400' });
			expect(error?.message).toBe(
				'Only website sources can be refreshed. (invalid_request_error / invalid_operation)',
			);
		});

		it('explains the 409 of a source still processing, without retrying', async () => {
			const { sources } = emulator.seed();
			emulator.sources.get(sources[0])!.status = 'processing';

			const { error } = await run({
				resource: 'source',
				operation: 'refresh',
				sourceId: byId(sources[0]),
				options: {},
			});

			expect(error).toMatchObject({ httpCode: '409' });
			expect(error?.message).toMatch(/already processing/);
			expect(emulator.requests).toHaveLength(1);
		});
	});
});
