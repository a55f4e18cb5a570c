/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PACKAGE_ROOT } from '../../harness/workflow';

import { byId, usePlatform } from '../setup';
import { aiChatbotHub, seen, TOKEN } from './setup';

const qa = (question: string, answer: string): INodeExecutionData => ({
	json: { type: 'qa', question, answer },
});
const link = (url: string): INodeExecutionData => ({ json: { type: 'url', url } });

describe('AI Chatbot Hub › Data Source › Sync', () => {
	const { emulator, run } = usePlatform(aiChatbotHub);

	/** The Sync node's parameters, each item's entry mapped from its JSON. */
	const sync = (chatbot: string, extra: INodeParameters = {}): INodeParameters => ({
		resource: 'dataSource',
		operation: 'sync',
		chatbot: byId(chatbot),
		sourceType: '={{ $json.type }}',
		question: '={{ $json.question }}',
		answer: '={{ $json.answer }}',
		url: '={{ $json.url }}',
		syncTag: 'n8n sync',
		...extra,
	});
	/** The requests that change something (every one that is not a GET). */
	const writes = () => seen(emulator).filter((request) => request.method !== 'GET');
	const syncTag = (chatbot: string) =>
		emulator.tagsOf(chatbot).find((tag) => tag.name === 'n8n sync');
	/** The chatbot's Q&A sources as question → answer, and its URL sources' addresses. */
	const knowledge = (chatbot: string) => ({
		qa: emulator
			.sourcesOf(chatbot)
			.filter((source) => source.type === 'qa')
			.map((source) => {
				const meta = JSON.parse(source.meta_json) as { question: string; answer: string };
				return `${meta.question} → ${meta.answer}`;
			})
			.sort(),
		urls: emulator
			.sourcesOf(chatbot)
			.filter((source) => source.type === 'link')
			.map((source) => source.file_name)
			.sort(),
	});
	/** A chatbot that a first sync filled with these entries (and tagged), the request log empty. */
	async function syncedChatbot(input: INodeExecutionData[]) {
		const chatbot = emulator.addTestChatbot().uuid;
		const { error } = await run(sync(chatbot), { input });
		expect(error).toBeUndefined();
		emulator.clearRequests();
		return chatbot;
	}
	const outputOf = (items: INodeExecutionData[]) =>
		items.map(({ json }) => [json.key, json.action, json.status]);

	describe('the plan and its writes', () => {
		it('creates Q&A and URL sources, then creates the source tag once with all of them', async () => {
			const chatbot = emulator.addTestChatbot().uuid;

			const { items, error } = await run(sync(chatbot), {
				input: [qa('How long do refunds take?', 'Five days.'), link('https://example.com/pricing')],
			});

			expect(error).toBeUndefined();
			const created = emulator.sourcesOf(chatbot);
			const requests = seen(emulator);
			expect(
				requests
					.slice(0, 2)
					.map((request) => `${request.method} ${request.path}`)
					.sort(),
			).toEqual([
				`GET /api/v1/chatbot/${chatbot}/data-sources`,
				`GET /api/v1/chatbot/${chatbot}/source-tags`,
			]);
			expect(requests.slice(2, 4)).toEqual(
				expect.arrayContaining([
					{
						method: 'POST',
						path: `/api/v1/chatbot/${chatbot}/data-source/qa`,
						body: { question: 'How long do refunds take?', answer: 'Five days.' },
					},
					{
						method: 'POST',
						path: `/api/v1/chatbot/${chatbot}/data-source/url`,
						body: { url: 'https://example.com/pricing' },
					},
				]),
			);
			expect(requests[4]).toEqual({
				method: 'POST',
				path: `/api/v1/chatbot/${chatbot}/source-tag/create`,
				body: {
					name: 'n8n sync',
					color: '#088F8F',
					data_source_uuids: expect.arrayContaining(created.map((source) => source.uuid)),
				},
			});
			expect(requests).toHaveLength(5);
			expect(syncTag(chatbot)?.data_source_uuids).toHaveLength(2);
			expect(items.map((item) => item.json)).toEqual([
				{
					key: 'How long do refunds take?',
					action: 'add',
					id: created.find((source) => source.type === 'qa')?.uuid,
					status: 'done',
					inInput: true,
					type: 'qa',
					sourceStatus: 'await',
				},
				{
					key: 'https://example.com/pricing',
					action: 'add',
					id: created.find((source) => source.type === 'link')?.uuid,
					status: 'done',
					inInput: true,
					type: 'url',
					sourceStatus: 'await',
				},
			]);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		it('sends no writing request on a second run with the same input, and creates the tag only once', async () => {
			const input = [qa('Hours?', '9 to 5.'), link('https://example.com/help')];
			const chatbot = await syncedChatbot(input);

			const { items, error } = await run(sync(chatbot), { input });

			expect(error).toBeUndefined();
			expect(writes()).toEqual([]);
			expect(seen(emulator)).toHaveLength(2);
			expect(emulator.tagsOf(chatbot)).toHaveLength(1);
			expect(outputOf(items)).toEqual([
				['Hours?', 'unchanged', 'done'],
				['https://example.com/help', 'unchanged', 'done'],
			]);
		});

		it('keys URL sources by their address however it is written', async () => {
			const chatbot = await syncedChatbot([link('https://example.com/help')]);

			const { items } = await run(sync(chatbot), { input: [link(' https://EXAMPLE.com/help ')] });

			expect(writes()).toEqual([]);
			expect(outputOf(items)).toEqual([['https://example.com/help', 'unchanged', 'done']]);
		});

		it('replaces a changed answer: creates the new source first, then deletes the old one, and sends the tag its complete list', async () => {
			const chatbot = await syncedChatbot([qa('Hours?', '9 to 5.'), qa('Returns?', '30 days.')]);
			const [hours, returns] = emulator.sourcesOf(chatbot);

			const { items, error } = await run(sync(chatbot), {
				input: [qa('Hours?', '8 to 6.'), qa('Returns?', '30 days.')],
			});

			expect(error).toBeUndefined();
			const newHours = emulator
				.sourcesOf(chatbot)
				.find((source) => source.uuid !== hours.uuid && source.uuid !== returns.uuid)!;
			const tag = syncTag(chatbot)!;
			expect(writes()).toEqual([
				{
					method: 'POST',
					path: `/api/v1/chatbot/${chatbot}/data-source/qa`,
					body: { question: 'Hours?', answer: '8 to 6.' },
				},
				{ method: 'POST', path: '/api/v1/data-sources/delete', body: { uuids: [hours.uuid] } },
				{
					method: 'POST',
					path: `/api/v1/source-tag/${tag.uuid}/update`,
					// The complete list: the update likely replaces it.
					body: { data_source_uuids: [returns.uuid, newHours.uuid] },
				},
			]);
			expect(knowledge(chatbot).qa).toEqual(['Hours? → 8 to 6.', 'Returns? → 30 days.']);
			expect(items[0].json).toMatchObject({
				key: 'Hours?',
				action: 'update',
				id: newHours.uuid,
				status: 'done',
				replaced: [hours.uuid],
			});
		});

		it('re-scrapes the URL sources that stay in one request, and not the ones it adds', async () => {
			const urls = ['https://example.com/a', 'https://example.com/b', 'https://example.com/c'];
			const chatbot = await syncedChatbot(urls.map(link));
			const ids = emulator.sourcesOf(chatbot).map((source) => source.uuid);

			const { items, error } = await run(sync(chatbot, { syncOptions: { rescrapeUrls: true } }), {
				input: [...urls.map(link), link('https://example.com/new')],
			});

			expect(error).toBeUndefined();
			const rescrapes = writes().filter((request) => request.path.endsWith('/re-scrape'));
			expect(rescrapes).toEqual([
				{ method: 'POST', path: '/api/v1/data-sources/url/re-scrape', body: { uuids: ids } },
			]);
			expect(outputOf(items)).toEqual([
				['https://example.com/a', 'refresh', 'done'],
				['https://example.com/b', 'refresh', 'done'],
				['https://example.com/c', 'refresh', 'done'],
				['https://example.com/new', 'add', 'done'],
			]);
			expect(items[0].json.sourceStatus).toBe('restarted scraping');
		});

		it('re-scrapes more than 100 URL sources in requests of at most 100', async () => {
			const chatbot = emulator.addTestChatbot().uuid;
			const sources = Array.from({ length: 101 }, (_, n) =>
				emulator.addTestUrlSource(chatbot, `https://example.com/page-${n}`),
			);
			emulator.addTestTag(
				chatbot,
				'n8n sync',
				sources.map((source) => source.uuid),
			);

			const { error } = await run(sync(chatbot, { syncOptions: { rescrapeUrls: true } }), {
				input: sources.map((source) => link(source.file_name)),
			});

			expect(error).toBeUndefined();
			expect(
				writes().map((request) => [
					request.path,
					(request.body as { uuids: string[] }).uuids.length,
				]),
			).toEqual([
				['/api/v1/data-sources/url/re-scrape', 100],
				['/api/v1/data-sources/url/re-scrape', 1],
			]);
		});
	});

	describe('deletions', () => {
		it('deletes nothing the input no longer has while deletions are off', async () => {
			const chatbot = await syncedChatbot([qa('Hours?', '9 to 5.'), qa('Old?', 'Gone.')]);

			const { items } = await run(sync(chatbot), { input: [qa('Hours?', '9 to 5.')] });

			expect(writes()).toEqual([]);
			expect(outputOf(items)).toEqual([['Hours?', 'unchanged', 'done']]);
		});

		it('deletes only tagged sources: never the ones added another way, nor those of another tag', async () => {
			const chatbot = await syncedChatbot([qa('Hours?', '9 to 5.'), qa('Old?', 'Gone.')]);
			const old = emulator.sourcesOf(chatbot)[1];
			const handMade = emulator.addTestQaSource(chatbot, 'Hand-made?', 'Yes.');
			const handMadeUrl = emulator.addTestUrlSource(chatbot, 'https://example.com/manual');
			const otherTagged = emulator.addTestQaSource(chatbot, 'Other tag?', 'Yes.');
			emulator.addTestTag(chatbot, 'Policies', [otherTagged.uuid]);

			const { items, error } = await run(sync(chatbot, { deleteMissing: true }), {
				input: [qa('Hours?', '9 to 5.')],
			});

			expect(error).toBeUndefined();
			expect(writes()[0]).toEqual({
				method: 'POST',
				path: '/api/v1/data-sources/delete',
				body: { uuids: [old.uuid] },
			});
			const left = emulator.sourcesOf(chatbot).map((source) => source.uuid);
			expect(left).toEqual(
				expect.arrayContaining([handMade.uuid, handMadeUrl.uuid, otherTagged.uuid]),
			);
			expect(items[1]).toEqual({
				json: {
					key: 'Old?',
					action: 'delete',
					id: old.uuid,
					status: 'done',
					inInput: false,
					type: 'qa',
					// The status the listing showed: the emulator moves statuses on each listing.
					sourceStatus: expect.any(String),
				},
				pairedItem: { item: 0 },
			});
		});

		it('deletes in requests of at most 100, like Delete Many', async () => {
			const chatbot = emulator.addTestChatbot().uuid;
			const sources = Array.from({ length: 150 }, (_, n) =>
				emulator.addTestQaSource(chatbot, `Question ${n}?`, 'Answer.'),
			);
			emulator.addTestTag(
				chatbot,
				'n8n sync',
				sources.map((source) => source.uuid),
			);

			const { error } = await run(sync(chatbot, { deleteMissing: true, maxDeletions: 150 }), {
				input: [qa('Question 0?', 'Answer.')],
			});

			expect(error).toBeUndefined();
			const deletes = writes().filter((request) => request.path === '/api/v1/data-sources/delete');
			expect(deletes.map((request) => (request.body as { uuids: string[] }).uuids.length)).toEqual([
				100, 49,
			]);
			expect(emulator.sourcesOf(chatbot)).toHaveLength(1);
		});

		it('goes on with a plan that deletes exactly Max Deletions', async () => {
			const chatbot = await syncedChatbot([qa('A?', 'a'), qa('B?', 'b'), qa('C?', 'c')]);

			const { error } = await run(sync(chatbot, { deleteMissing: true, maxDeletions: 2 }), {
				input: [qa('A?', 'a')],
			});

			expect(error).toBeUndefined();
			expect(knowledge(chatbot).qa).toEqual(['A? → a']);
		});

		it('stops a plan that deletes one more than Max Deletions before any write', async () => {
			const chatbot = await syncedChatbot([qa('A?', 'a'), qa('B?', 'b'), qa('C?', 'c')]);

			const { error } = await run(sync(chatbot, { deleteMissing: true, maxDeletions: 1 }), {
				input: [qa('A?', 'a'), qa('New?', 'n')],
			});

			expect(error?.message).toBe("The sync would delete 2 entries, more than 'Max Deletions' (1)");
			expect(writes()).toEqual([]);
			expect(knowledge(chatbot).qa).toEqual(['A? → a', 'B? → b', 'C? → c']);
		});

		it('stops before any write under Continue On Fail too, as one error item', async () => {
			const chatbot = await syncedChatbot([qa('A?', 'a'), qa('B?', 'b')]);

			const { items, error } = await run(sync(chatbot, { deleteMissing: true, maxDeletions: 0 }), {
				input: [qa('New?', 'n')],
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			expect(writes()).toEqual([]);
			expect(items).toEqual([
				{
					json: { error: "The sync would delete 2 entries, more than 'Max Deletions' (0)" },
					pairedItem: { item: 0 },
				},
			]);
		});

		it('deletes nothing for an empty input unless that is allowed', async () => {
			const chatbot = await syncedChatbot([qa('A?', 'a'), qa('B?', 'b')]);
			const parameters = sync(chatbot, { deleteMissing: true });

			const refused = await run(parameters, { input: [{ json: {} }] });

			expect(refused.error?.message).toBe(
				'The input is empty, so the sync would delete all 2 entries it manages',
			);
			expect(writes()).toEqual([]);

			const allowed = await run(
				{ ...parameters, syncOptions: { deleteWhenInputIsEmpty: true } },
				{ input: [{ json: {} }] },
			);

			expect(allowed.error).toBeUndefined();
			expect(emulator.sourcesOf(chatbot)).toEqual([]);
			expect(outputOf(allowed.items)).toEqual([
				['A?', 'delete', 'done'],
				['B?', 'delete', 'done'],
			]);
		});
	});

	describe('the input', () => {
		it('refuses two items with the same question, naming both, before any request', async () => {
			const chatbot = emulator.addTestChatbot().uuid;

			const { error } = await run(sync(chatbot), {
				input: [qa('Hours?', 'a'), qa('Returns?', 'b'), qa(' Hours? ', 'c')],
			});

			expect(error?.message).toBe('Items 0 and 2 have the same key "Hours?" [item 2]');
			expect(emulator.requests).toHaveLength(0);
		});

		it('outputs the duplicate as one error item under Continue On Fail, and sends nothing', async () => {
			const chatbot = emulator.addTestChatbot().uuid;

			const { items } = await run(sync(chatbot), {
				input: [qa('Hours?', 'a'), qa('Hours?', 'b')],
				continueOnFail: true,
			});

			expect(items).toEqual([
				{
					json: { error: 'Items 0 and 1 have the same key "Hours?" [item 1]' },
					pairedItem: { item: 1 },
				},
			]);
			expect(emulator.requests).toHaveLength(0);
		});

		it('refuses two items with the same URL written differently, before any request', async () => {
			const chatbot = emulator.addTestChatbot().uuid;

			const { error } = await run(sync(chatbot), {
				input: [link('https://example.com/a'), link('https://EXAMPLE.com/a')],
			});

			expect(error?.message).toBe(
				'Items 0 and 1 have the same key "https://example.com/a" [item 1]',
			);
			expect(emulator.requests).toHaveLength(0);
		});

		it('refuses items that name different chatbots, before any request', async () => {
			const first = emulator.addTestChatbot().uuid;
			const second = emulator.addTestChatbot().uuid;

			const { error } = await run(
				{ ...sync(first), chatbot: byId('={{ $json.chatbot }}') },
				{
					input: [
						{ json: { type: 'qa', question: 'A?', answer: 'a', chatbot: first } },
						{ json: { type: 'qa', question: 'B?', answer: 'b', chatbot: second } },
					],
				},
			);

			expect(error?.message).toBe(`'Chatbot' is "${second}", not "${first}" as at item 0 [item 1]`);
			expect(emulator.requests).toHaveLength(0);
		});

		it('syncs nothing when an item is invalid, even with Continue On Fail: only its error item', async () => {
			const chatbot = await syncedChatbot([qa('Old?', 'Gone.')]);

			const { items, error } = await run(sync(chatbot, { deleteMissing: true }), {
				input: [qa('Hours?', 'a'), { json: { type: 'url', url: 'not a url' } }],
				continueOnFail: true,
			});

			// Syncing the valid item alone would delete what the invalid one stands for.
			expect(error).toBeUndefined();
			expect(emulator.requests).toHaveLength(0);
			expect(items).toEqual([
				{
					json: { error: `'URL' is not a valid URL: "not a url" [item 1]` },
					pairedItem: { item: 1 },
				},
			]);
		});

		it('reads a Q&A source whose meta_json does not parse as nothing: never matched, never deleted', async () => {
			const chatbot = await syncedChatbot([qa('Hours?', '9 to 5.')]);
			const [broken] = emulator.sourcesOf(chatbot);
			broken.meta_json = '{"question": "Hours?", ';

			const { items, error } = await run(sync(chatbot, { deleteMissing: true }), {
				input: [qa('Returns?', '30 days.')],
			});

			expect(error).toBeUndefined();
			expect(emulator.getSource(broken.uuid)).toMatchObject({
				meta_json: '{"question": "Hours?", ',
			});
			expect(outputOf(items)).toEqual([['Returns?', 'add', 'done']]);
		});
	});

	describe('sources added another way', () => {
		it('takes over an untagged source that already is what the item says: tags it, creates nothing', async () => {
			const { chatbots, sources } = emulator.seed();
			emulator.clearRequests();

			const { items, error } = await run(sync(chatbots.support), {
				input: [
					qa('How long do returns take?', 'Refunds arrive within 5 business days.'),
					link('https://example.com/help'),
				],
			});

			expect(error).toBeUndefined();
			expect(writes()).toEqual([
				{
					method: 'POST',
					path: `/api/v1/chatbot/${chatbots.support}/source-tag/create`,
					body: {
						name: 'n8n sync',
						color: '#088F8F',
						data_source_uuids: [sources.supportReturnsQa, sources.supportHelpCenterLink],
					},
				},
			]);
			expect(items.map((item) => [item.json.action, item.json.adopted])).toEqual([
				['unchanged', true],
				['unchanged', true],
			]);
		});

		it('leaves an untagged Q&A with another answer alone and fails only that entry', async () => {
			const chatbot = emulator.addTestChatbot().uuid;
			const handMade = emulator.addTestQaSource(chatbot, 'Hours?', 'By appointment.');

			const { items, error } = await run(sync(chatbot), {
				input: [qa('Hours?', '9 to 5.'), qa('Returns?', '30 days.')],
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			expect(emulator.getSource(handMade.uuid)).toBeDefined();
			expect(knowledge(chatbot).qa).toEqual(['Hours? → By appointment.', 'Returns? → 30 days.']);
			expect(items[0].json).toMatchObject({ key: 'Hours?', action: 'update', status: 'failed' });
			expect(items[0].json.error).toMatch(/does not manage \(it is not tagged "n8n sync"\)/);
			expect(items[1].json).toMatchObject({ key: 'Returns?', action: 'add', status: 'done' });
		});
	});

	describe('dry run', () => {
		it('outputs the plan — add, update, delete, unchanged, refresh — and sends no writing request', async () => {
			const chatbot = await syncedChatbot([
				qa('Same?', 'same'),
				qa('Changed?', 'old'),
				qa('Gone?', 'gone'),
				link('https://example.com/stays'),
			]);

			const { items, error } = await run(
				sync(chatbot, {
					dryRun: true,
					deleteMissing: true,
					maxDeletions: 0,
					syncOptions: { rescrapeUrls: true },
				}),
				{
					input: [
						qa('Same?', 'same'),
						qa('Changed?', 'new'),
						link('https://example.com/stays'),
						qa('New?', 'new'),
					],
				},
			);

			// Over Max Deletions (0), yet not stopped: the dry run is how one checks such a plan.
			expect(error).toBeUndefined();
			expect(writes()).toEqual([]);
			expect(seen(emulator).map((request) => request.method)).toEqual(['GET', 'GET']);
			expect(outputOf(items)).toEqual([
				['Same?', 'unchanged', 'planned'],
				['Changed?', 'update', 'planned'],
				['https://example.com/stays', 'refresh', 'planned'],
				['New?', 'add', 'planned'],
				['Gone?', 'delete', 'planned'],
			]);
			expect(items.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
				{ item: 0 },
			]);
		});
	});

	describe('the example workflow', () => {
		it("syncs the Code node's rows into the demo chatbot, and a second run changes nothing", async () => {
			const example = JSON.parse(
				readFileSync(path.join(PACKAGE_ROOT, 'examples/ai-chatbot-hub-sync-faq.json'), 'utf8'),
			) as { nodes: Array<{ name: string; parameters: IDataObject }> };
			const node = (name: string) => example.nodes.find((entry) => entry.name === name)!;
			// The Code node stands in for the spreadsheet: its code, run as n8n would run it.
			// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- this repository's own example code
			const rows = new Function(
				String(node('FAQ sheet').parameters.jsCode),
			)() as INodeExecutionData[];
			const { chatbots } = emulator.seed();
			// In the workflow the chatbot is the one the 'Chatbots' node lists first: the demo's support bot.
			const parameters = {
				...node('Sync').parameters,
				chatbot: byId(chatbots.support),
			} as INodeParameters;

			const first = await run(parameters, { input: rows });

			expect(first.error).toBeUndefined();
			expect(first.items.map((item) => item.json.action)).toEqual([
				'add',
				'unchanged',
				'add',
				'unchanged',
			]);
			emulator.clearRequests();

			const again = await run(parameters, { input: rows });

			expect(again.error).toBeUndefined();
			expect(writes()).toEqual([]);
		});
	});

	describe('a failure halfway', () => {
		const fails = (question: string) => ({
			kind: 'status' as const,
			status: 500,
			method: 'POST',
			path: /\/data-source\/qa$/,
			where: (request: { body: unknown }) => (request.body as IDataObject)?.question === question,
		});

		it('fails exactly the entry whose create failed, applies the others, and fails the node after them', async () => {
			const chatbot = emulator.addTestChatbot().uuid;
			emulator.injectFault(fails('B?'));

			const { error } = await run(sync(chatbot), {
				input: [qa('A?', 'a'), qa('B?', 'b'), qa('C?', 'c')],
			});

			expect(error?.message).toMatch(/^1 of 3 entries could not be synced: B\?: /);
			expect(error?.description).toMatch(
				/Running the sync again changes only what is still different/,
			);
			expect(knowledge(chatbot).qa).toEqual(['A? → a', 'C? → c']);
			expect(syncTag(chatbot)?.data_source_uuids).toHaveLength(2);
		});

		it('converges when run again: creates only what failed, nothing twice', async () => {
			const chatbot = emulator.addTestChatbot().uuid;
			const input = [qa('A?', 'a'), qa('B?', 'b'), qa('C?', 'c')];
			emulator.injectFault({ ...fails('B?'), times: 1 });
			await run(sync(chatbot), { input });
			emulator.clearRequests();

			const { items, error } = await run(sync(chatbot), { input });

			expect(error).toBeUndefined();
			expect(writes().map((request) => `${request.method} ${request.path}`)).toEqual([
				`POST /api/v1/chatbot/${chatbot}/data-source/qa`,
				`POST /api/v1/source-tag/${syncTag(chatbot)!.uuid}/update`,
			]);
			expect(knowledge(chatbot).qa).toEqual(['A? → a', 'B? → b', 'C? → c']);
			expect(syncTag(chatbot)?.data_source_uuids).toHaveLength(3);
			expect(outputOf(items)).toEqual([
				['A?', 'unchanged', 'done'],
				['B?', 'add', 'done'],
				['C?', 'unchanged', 'done'],
			]);
		});

		it('outputs the failed entry as an item with error under Continue On Fail, the others done', async () => {
			const chatbot = emulator.addTestChatbot().uuid;
			emulator.injectFault(fails('B?'));

			const { items, error } = await run(sync(chatbot), {
				input: [qa('A?', 'a'), qa('B?', 'b')],
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json.key, item.json.status])).toEqual([
				['A?', 'done'],
				['B?', 'failed'],
			]);
			expect(items[1].json.error).toEqual(expect.any(String));
			expect(items[1].pairedItem).toEqual({ item: 1 });
			expect(JSON.stringify(items)).not.toContain(TOKEN);
		});

		it('keeps the old version when the new one could not be created, and replaces it on the next run', async () => {
			const chatbot = await syncedChatbot([qa('Hours?', '9 to 5.')]);
			const [old] = emulator.sourcesOf(chatbot);
			emulator.injectFault({ ...fails('Hours?'), times: 1 });
			const input = [qa('Hours?', '8 to 6.')];

			const first = await run(sync(chatbot), { input });

			// The bot is never without the answer: the old one stays until a new one exists.
			expect(first.error).toBeDefined();
			expect(writes().some((request) => request.path.endsWith('/data-sources/delete'))).toBe(false);
			expect(knowledge(chatbot).qa).toEqual(['Hours? → 9 to 5.']);

			const again = await run(sync(chatbot), { input });

			expect(again.error).toBeUndefined();
			expect(knowledge(chatbot).qa).toEqual(['Hours? → 8 to 6.']);
			expect(emulator.getSource(old.uuid)).toBeUndefined();
		});

		it('finishes a replacement whose old version could not be deleted, without creating again', async () => {
			const chatbot = await syncedChatbot([qa('Hours?', '9 to 5.')]);
			const [old] = emulator.sourcesOf(chatbot);
			emulator.injectFault({
				kind: 'status',
				status: 500,
				method: 'POST',
				path: /^\/data-sources\/delete$/,
				times: 1,
			});
			const input = [qa('Hours?', '8 to 6.')];

			const first = await run(sync(chatbot), { input });

			expect(first.error?.message).toMatch(/the old one \(\w+\) could not be deleted/);
			expect(knowledge(chatbot).qa).toEqual(['Hours? → 8 to 6.', 'Hours? → 9 to 5.']);
			emulator.clearRequests();

			const again = await run(sync(chatbot), { input });

			expect(again.error).toBeUndefined();
			expect(writes()).toEqual([
				{ method: 'POST', path: '/api/v1/data-sources/delete', body: { uuids: [old.uuid] } },
				{
					method: 'POST',
					path: `/api/v1/source-tag/${syncTag(chatbot)!.uuid}/update`,
					body: { data_source_uuids: [expect.any(String)] },
				},
			]);
			expect(knowledge(chatbot).qa).toEqual(['Hours? → 8 to 6.']);
			expect(outputOf(again.items)).toEqual([['Hours?', 'update', 'done']]);
		});

		it('takes over what it created when the tag could not be written, creating nothing twice', async () => {
			const chatbot = emulator.addTestChatbot().uuid;
			emulator.injectFault({
				kind: 'status',
				status: 500,
				method: 'POST',
				path: /\/source-tag\/create$/,
				times: 1,
			});
			const input = [qa('A?', 'a'), link('https://example.com/a')];

			const first = await run(sync(chatbot), { input });

			expect(first.error?.message).toMatch(/could not be tagged "n8n sync"/);
			emulator.clearRequests();

			const again = await run(sync(chatbot), { input });

			expect(again.error).toBeUndefined();
			expect(writes().map((request) => request.path)).toEqual([
				`/api/v1/chatbot/${chatbot}/source-tag/create`,
			]);
			expect(emulator.sourcesOf(chatbot)).toHaveLength(2);
			expect(syncTag(chatbot)?.data_source_uuids).toHaveLength(2);
		});
	});
});
