import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	canonicalJson,
	canonicalQa,
	normalUrl,
	sourceKey,
} from '../../../nodes/Chatsby/sourceContent';
import { byId, usePlatform } from '../setup';
import { API_KEY, chatsby, seen } from './setup';

type Wanted = { type: string; content: unknown };

const itemsOf = (sources: Wanted[]): INodeExecutionData[] =>
	sources.map((source) => ({ json: { ...source } as IDataObject }));
const text = (content: string): Wanted => ({ type: 'text', content });
const site = (content: string): Wanted => ({ type: 'website', content });
const qa = (content: unknown): Wanted => ({ type: 'qa', content });

describe('Chatsby › Source › Sync: how sources are compared', () => {
	it('compares websites without the fragment and the trailing slash, host in lower case', () => {
		expect(normalUrl('https://Acme.com/help/#top')).toBe('https://acme.com/help');
		expect(normalUrl('https://acme.com:443/')).toBe('https://acme.com');
		expect(normalUrl('https://acme.com/help?lang=en#faq')).toBe('https://acme.com/help?lang=en');
		expect(sourceKey('website', 'https://acme.com/help//')).toBe(
			sourceKey('website', 'https://acme.com/help'),
		);
	});

	it('keeps the query, the path case and an address that does not parse', () => {
		expect(normalUrl('https://acme.com/Help?b=2&a=1')).toBe('https://acme.com/Help?b=2&a=1');
		expect(normalUrl('not a url')).toBe('not a url');
	});

	it('compares texts exactly, spaces included', () => {
		expect(sourceKey('text', 'Plans ')).not.toBe(sourceKey('text', 'Plans'));
		expect(sourceKey('text', 'Plans')).toBe('text:Plans');
	});

	it('writes Q&A canonically: the pairs in order, each with its keys sorted, no spaces', () => {
		expect(
			canonicalQa('[ {"question": "Q1", "answer": "A1"}, {"answer":"A2","question":"Q2"} ]'),
		).toBe('[{"answer":"A1","question":"Q1"},{"answer":"A2","question":"Q2"}]');
		expect(canonicalJson({ b: [2, { d: 1, c: null }], a: 'x' })).toBe(
			'{"a":"x","b":[2,{"c":null,"d":1}]}',
		);
	});

	it('counts the same pairs in another order as another Q&A source, and content that is not JSON as it is', () => {
		const one = JSON.stringify([
			{ question: 'Q1', answer: 'A1' },
			{ question: 'Q2', answer: 'A2' },
		]);
		const swapped = JSON.stringify([
			{ question: 'Q2', answer: 'A2' },
			{ question: 'Q1', answer: 'A1' },
		]);
		expect(sourceKey('qa', one)).not.toBe(sourceKey('qa', swapped));
		expect(canonicalQa('[{"question": broken')).toBe('[{"question": broken');
	});
});

describe('Chatsby › Source › Sync', () => {
	const { emulator, run } = usePlatform(chatsby);

	const sync = (agentId: string, parameters: INodeParameters = {}): INodeParameters => ({
		resource: 'source',
		operation: 'sync',
		agentId: byId(agentId),
		sourceType: '={{ $json.type }}',
		content: '={{ $json.content }}',
		...parameters,
	});
	const agentWith = (...sources: Array<[string, string, string?]>) => {
		const agent = String(emulator.addAgent('Support').id);
		const ids = sources.map(
			([type, content, status]) => emulator.addSource(agent, type, content, status ?? 'trained').id,
		);
		return { agent, ids };
	};
	const stored = (agent: string) =>
		[...emulator.sources.values()]
			.filter((source) => source.agent_id === agent)
			.map((source) => `${source.type}:${source.content}`);
	const writes = () => seen(emulator).filter((request) => request.method !== 'GET');
	const waiting = {
		waitForTraining: true,
		trainingPollSeconds: 0.01,
		trainingTimeoutMinutes: 0.05,
	};

	it('adds the missing sources and leaves the ones the agent has alone', async () => {
		const { agent, ids } = agentWith(['website', 'https://acme.com/help'], ['text', 'Plans']);
		emulator.clearRequests();

		const { items, error } = await run(sync(agent), {
			input: itemsOf([
				site('https://acme.com/help/#contact'),
				text('Plans'),
				qa([{ question: 'Ship abroad?', answer: 'Yes.' }]),
			]),
		});

		expect(error).toBeUndefined();
		expect(seen(emulator)).toEqual([
			{
				method: 'GET',
				path: `/v1/agents/${agent}/sources`,
				query: { page_size: '100' },
				body: undefined,
			},
			{
				method: 'POST',
				path: `/v1/agents/${agent}/sources`,
				body: { type: 'qa', content: '[{"question":"Ship abroad?","answer":"Yes."}]' },
			},
		]);
		const added = [...emulator.sources.values()].find((source) => source.type === 'qa');
		expect(items).toEqual([
			{
				json: {
					key: 'website:https://acme.com/help',
					action: 'unchanged',
					id: ids[0],
					status: 'done',
					inInput: true,
					type: 'website',
					sourceStatus: 'trained',
				},
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({ key: 'text:Plans', action: 'unchanged', id: ids[1] }),
				pairedItem: { item: 1 },
			},
			{
				json: expect.objectContaining({
					key: 'qa:[{"answer":"Yes.","question":"Ship abroad?"}]',
					action: 'add',
					id: added?.id,
					sourceStatus: 'pending',
				}),
				pairedItem: { item: 2 },
			},
		]);
	});

	it('lists only the type the input has, with the type filter, page after page', async () => {
		const { agent } = agentWith(
			...Array.from({ length: 150 }, (_, n): [string, string] => ['text', `Text ${n}`]),
			['website', 'https://acme.com/help'],
		);
		emulator.clearRequests();

		await run(sync(agent), { input: itemsOf([text('Text 0')]) });

		expect(seen(emulator).map((request) => request.query)).toEqual([
			{ page_size: '100', type: 'text' },
			{ page_size: '100', type: 'text', cursor: expect.stringMatching(/^src_/) },
		]);
	});

	it('finds a Q&A source written with other spacing and key order, given as an array or as JSON', async () => {
		const { agent } = agentWith([
			'qa',
			'[{"question": "Hours?", "answer": "9-5"}, {"question": "Returns?", "answer": "30 days"}]',
		]);
		const pairs = [
			{ answer: '9-5', question: 'Hours?' },
			{ answer: '30 days', question: 'Returns?' },
		];

		for (const content of [pairs, JSON.stringify(pairs, null, 2)]) {
			emulator.clearRequests();
			const { items } = await run(sync(agent), { input: itemsOf([qa(content)]) });

			expect(items.map((item) => item.json.action)).toEqual(['unchanged']);
			expect(writes()).toEqual([]);
		}
	});

	it('sends a website, text or Q&A with the same body as Source → Add', async () => {
		const { agent } = agentWith();

		await run(sync(agent, { syncOptions: { crawlSubpages: true } }), {
			input: itemsOf([
				site('https://acme.com/help#top'),
				text('Returns are free.'),
				qa('[{"question": "Hours?", "answer": "9-5"}]'),
			]),
		});

		expect(writes().map((request) => request.body)).toEqual(
			expect.arrayContaining([
				{ type: 'website', content: 'https://acme.com/help#top', crawl_subpages: true },
				{ type: 'text', content: 'Returns are free.' },
				{ type: 'qa', content: '[{"question":"Hours?","answer":"9-5"}]' },
			]),
		);
		expect(writes()).toHaveLength(3);
	});

	describe('A changed text', () => {
		it('is added as a new source before the old one is deleted', async () => {
			const { agent, ids } = agentWith(['text', 'Plans: two'], ['text', 'Hours: 9-5']);
			emulator.clearRequests();

			const { items, error } = await run(sync(agent, { deleteMissing: true }), {
				input: itemsOf([text('Plans: three'), text('Hours: 9-5')]),
			});

			expect(error).toBeUndefined();
			const requests = emulator.requests;
			const add = requests.find((request) => request.method === 'POST')!;
			const del = requests.find((request) => request.method === 'DELETE')!;
			expect(del.path).toBe(`/v1/sources/${ids[0]}`);
			// The delete leaves only once the add was answered: the agent is never without the text.
			expect(del.startedAt).toBeGreaterThanOrEqual(add.finishedAt!);
			expect(requests.indexOf(del)).toBeGreaterThan(requests.indexOf(add));
			expect(stored(agent).sort()).toEqual(['text:Hours: 9-5', 'text:Plans: three']);
			expect(items.map((item) => [item.json.key, item.json.action, item.json.status])).toEqual([
				['text:Plans: three', 'add', 'done'],
				['text:Hours: 9-5', 'unchanged', 'done'],
				['text:Plans: two', 'delete', 'done'],
			]);
		});

		it("with 'Wait for Training to Finish', is deleted only once the new one is trained", async () => {
			const { agent, ids } = agentWith(['text', 'Plans: two']);
			emulator.clearRequests();

			const { items } = await run(sync(agent, { deleteMissing: true, syncOptions: waiting }), {
				input: itemsOf([text('Plans: three')]),
			});

			const added = items[0].json.id;
			const requests = seen(emulator).map((request) => `${request.method} ${request.path}`);
			expect(requests).toEqual([
				`GET /v1/agents/${agent}/sources`,
				`POST /v1/agents/${agent}/sources`,
				`GET /v1/sources/${added}`,
				`GET /v1/sources/${added}`,
				`DELETE /v1/sources/${ids[0]}`,
			]);
			expect(items[0].json).toMatchObject({
				action: 'add',
				sourceStatus: 'trained',
				status: 'done',
			});
		});

		it('keeps the old text when the new one fails to train, and fails the node', async () => {
			const { agent } = agentWith(['text', 'Plans: two']);
			emulator.sourceOutcome = 'failed';

			const { error } = await run(sync(agent, { deleteMissing: true, syncOptions: waiting }), {
				input: itemsOf([text('Plans: three')]),
			});

			expect(error?.message).toMatch(
				/^2 of 2 entries could not be synced: text:Plans: three: The source failed to train/,
			);
			expect(writes().map((request) => request.method)).toEqual(['POST']);
			expect(stored(agent).sort()).toEqual(['text:Plans: three', 'text:Plans: two']);
		});
	});

	describe('Deletions', () => {
		it('deletes only sources of the types the input has; file and other sources stay', async () => {
			const { agent } = agentWith(
				['text', 'Old text'],
				['website', 'https://acme.com/old'],
				['file', 'file_ref_1'],
			);

			const { items } = await run(sync(agent, { deleteMissing: true }), {
				input: itemsOf([text('New text')]),
			});

			expect(stored(agent).sort()).toEqual([
				'file:file_ref_1',
				'text:New text',
				'website:https://acme.com/old',
			]);
			expect(items.map((item) => [item.json.key, item.json.action])).toEqual([
				['text:New text', 'add'],
				['text:Old text', 'delete'],
			]);
		});

		it("deletes only sources of the types chosen in 'Types to Delete'", async () => {
			const { agent } = agentWith(['text', 'Old text'], ['website', 'https://acme.com/old']);

			await run(sync(agent, { deleteMissing: true, deleteTypes: ['website'] }), {
				input: itemsOf([text('New text')]),
			});

			expect(stored(agent).sort()).toEqual(['text:New text', 'text:Old text']);
		});

		it('stops before any write when the plan deletes more than Max Deletions', async () => {
			const { agent } = agentWith(['text', 'A'], ['text', 'B'], ['text', 'C']);
			emulator.clearRequests();

			const { error } = await run(sync(agent, { deleteMissing: true, maxDeletions: 2 }), {
				input: itemsOf([text('D')]),
			});

			expect(error?.message).toBe("The sync would delete 3 entries, more than 'Max Deletions' (2)");
			expect(writes()).toEqual([]);
			expect(stored(agent)).toHaveLength(3);
		});

		it('goes on when the plan deletes exactly Max Deletions', async () => {
			const { agent } = agentWith(['text', 'A'], ['text', 'B'], ['text', 'C']);

			const { error } = await run(sync(agent, { deleteMissing: true, maxDeletions: 3 }), {
				input: itemsOf([text('D')]),
			});

			expect(error).toBeUndefined();
			expect(stored(agent)).toEqual(['text:D']);
		});

		it('deletes nothing for an empty input unless allowed; allowed, every website, text and Q&A source', async () => {
			const { agent } = agentWith(
				['text', 'A'],
				['website', 'https://acme.com/help'],
				['qa', '[]'],
				['file', 'file_ref_1'],
			);

			const refused = await run(sync(agent, { deleteMissing: true }), { input: [{ json: {} }] });
			expect(refused.error?.message).toBe(
				'The input is empty, so the sync would delete all 3 entries it manages',
			);
			expect(writes()).toEqual([]);

			const allowed = await run(
				sync(agent, { deleteMissing: true, syncOptions: { deleteWhenInputIsEmpty: true } }),
				{ input: [{ json: {} }] },
			);
			expect(allowed.error).toBeUndefined();
			expect(stored(agent)).toEqual(['file:file_ref_1']);
		});
	});

	it('outputs the plan in a Dry Run and sends no writing request', async () => {
		const { agent } = agentWith(
			['website', 'https://acme.com/help'],
			['text', 'Old'],
			['website', 'https://acme.com/gone'],
		);
		const before = stored(agent);
		emulator.clearRequests();

		const { items, error } = await run(
			sync(agent, { dryRun: true, deleteMissing: true, syncOptions: { refreshWebsites: true } }),
			{ input: itemsOf([site('https://acme.com/help'), text('New')]) },
		);

		expect(error).toBeUndefined();
		expect(seen(emulator).map((request) => request.method)).toEqual(['GET']);
		expect(items.map((item) => [item.json.key, item.json.action, item.json.status])).toEqual([
			['website:https://acme.com/help', 'refresh', 'planned'],
			['text:New', 'add', 'planned'],
			['text:Old', 'delete', 'planned'],
			['website:https://acme.com/gone', 'delete', 'planned'],
		]);
		expect(stored(agent)).toEqual(before);
	});

	it('sends no writing request on a second run with the same input (only the listing)', async () => {
		const { agent } = agentWith(['text', 'Old'], ['website', 'https://acme.com/help']);
		const input = itemsOf([
			site('https://acme.com/help'),
			text('New'),
			qa([{ question: 'Q', answer: 'A' }]),
		]);
		await run(sync(agent, { deleteMissing: true }), { input });
		emulator.clearRequests();

		const { items } = await run(sync(agent, { deleteMissing: true }), { input });

		expect(seen(emulator).map((request) => request.method)).toEqual(['GET']);
		expect(items.map((item) => item.json.action)).toEqual(Array(3).fill('unchanged'));
	});

	describe('Refresh Unchanged Websites', () => {
		it('crawls the websites that stay again, not one already being crawled', async () => {
			const { agent, ids } = agentWith(
				['website', 'https://acme.com/help'],
				['website', 'https://acme.com/faq', 'processing'],
				['text', 'Plans'],
			);
			emulator.clearRequests();

			const { items } = await run(sync(agent, { syncOptions: { refreshWebsites: true } }), {
				input: itemsOf([
					site('https://acme.com/help'),
					site('https://acme.com/faq'),
					text('Plans'),
				]),
			});

			expect(writes()).toEqual([
				{ method: 'POST', path: `/v1/sources/${ids[0]}/refresh`, body: undefined },
			]);
			expect(items.map((item) => [item.json.action, item.json.sourceStatus])).toEqual([
				['refresh', 'processing'],
				['unchanged', 'processing'],
				['unchanged', 'trained'],
			]);
		});

		it('leaves a website that answers 409 (already processing) to finish', async () => {
			const { agent } = agentWith(['website', 'https://acme.com/help']);
			emulator.injectFault({
				kind: 'status',
				status: 409,
				path: /\/refresh$/,
				json: {
					error: {
						type: 'conflict_error',
						message: 'Already processing.',
						code: 'conflict',
						status: 409,
					},
				},
			});

			const { items, error } = await run(sync(agent, { syncOptions: { refreshWebsites: true } }), {
				input: itemsOf([site('https://acme.com/help')]),
			});

			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				action: 'refresh',
				status: 'done',
				alreadyProcessing: true,
			});
		});
	});

	describe('Partial failure', () => {
		it('fails exactly the add that failed, keeps the texts it may replace, and a second run converges', async () => {
			const { agent } = agentWith(['text', 'Old A'], ['website', 'https://acme.com/gone']);
			const input = itemsOf([text('New A'), text('New B'), site('https://acme.com/help')]);
			emulator.injectFault({
				kind: 'status',
				status: 500,
				times: 1,
				method: 'POST',
				where: (request) => (request.body as { content?: string })?.content === 'New B',
			});

			const first = await run(sync(agent, { deleteMissing: true }), {
				input,
				continueOnFail: true,
			});

			expect(first.error).toBeUndefined();
			expect(first.items.map((item) => [item.json.key, item.json.status])).toEqual([
				['text:New A', 'done'],
				['text:New B', 'failed'],
				['website:https://acme.com/help', 'done'],
				['text:Old A', 'failed'],
				['website:https://acme.com/gone', 'done'],
			]);
			expect(first.items[3].json.error).toMatch(/^Not deleted: adding a text source failed/);
			expect(JSON.stringify(first.items)).not.toContain(API_KEY);
			expect(stored(agent).sort()).toEqual([
				'text:New A',
				'text:Old A',
				'website:https://acme.com/help',
			]);

			emulator.clearRequests();
			const second = await run(sync(agent, { deleteMissing: true }), { input });

			expect(second.error).toBeUndefined();
			expect(writes().map((request) => request.method)).toEqual(['POST', 'DELETE']);
			expect(stored(agent).sort()).toEqual([
				'text:New A',
				'text:New B',
				'website:https://acme.com/help',
			]);
		});

		it('fails the node after applying the others when Continue On Fail is off', async () => {
			const { agent } = agentWith();
			emulator.injectFault({ kind: 'status', status: 500, times: 1, method: 'POST' });

			const { error } = await run(sync(agent), { input: itemsOf([text('A'), text('B')]) });

			expect(error?.message).toMatch(/^1 of 2 entries could not be synced: text:[AB]: /);
			expect(stored(agent)).toHaveLength(1);
		});
	});

	describe('Input', () => {
		it('refuses two items that are the same source, naming both, before any request', async () => {
			const { agent } = agentWith();

			const { error } = await run(sync(agent), {
				input: itemsOf([
					site('https://acme.com/help'),
					text('x'),
					site('https://acme.com/help/#top'),
				]),
			});

			expect(error?.message).toBe(
				'Items 0 and 2 have the same key "website:https://acme.com/help" [item 2]',
			);
			expect(emulator.requests).toEqual([]);
		});

		it.each([
			[
				'a website over http://',
				site('http://acme.com/help'),
				`'Content' is not a valid https:// URL: "http://acme.com/help"`,
			],
			[
				'a text of 100,001 characters',
				text('x'.repeat(100_001)),
				"'Content' is 100001 characters long; the most the service accepts is 100000",
			],
			[
				'a Q&A of 501 pairs',
				qa(Array.from({ length: 501 }, (_, n) => ({ question: `Q${n}`, answer: 'A' }))),
				"'Q&A' has 501 pairs; the most one source takes is 500",
			],
			[
				'a file source',
				{ type: 'file', content: 'file_ref' },
				`'Type' must be website, text or qa, not "file"`,
			],
		])('refuses %s before any request, naming the item', async (_case, source, message) => {
			const { agent } = agentWith();

			const { error } = await run(sync(agent), { input: itemsOf([text('ok'), source]) });

			expect(error?.message).toBe(`${message} [item 1]`);
			expect(emulator.requests).toEqual([]);
		});

		it('accepts text of exactly 100,000 characters and 500 pairs', async () => {
			const { agent } = agentWith();

			const { error } = await run(sync(agent), {
				input: itemsOf([
					text('x'.repeat(100_000)),
					qa(Array.from({ length: 500 }, (_, n) => ({ question: `Q${n}`, answer: 'A' }))),
				]),
			});

			expect(error).toBeUndefined();
			expect(stored(agent)).toHaveLength(2);
		});

		it('refuses items that name another agent than the first, before any request', async () => {
			const { agent } = agentWith();

			const { error } = await run(sync(agent, { agentId: byId('={{ $json.agent }}') }), {
				input: [
					{ json: { agent, type: 'text', content: 'A' } },
					{ json: { agent: 'agent_other0001', type: 'text', content: 'B' } },
				],
			});

			expect(error?.message).toBe(
				`'Agent' is "agent_other0001", not "${agent}" as at item 0 [item 1]`,
			);
			expect(emulator.requests).toEqual([]);
		});
	});
});
