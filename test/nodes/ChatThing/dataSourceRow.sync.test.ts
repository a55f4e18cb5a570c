import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { DataSourceRow } from '../../emulators/chatthing';
import { byId, usePlatform } from '../setup';
import { channelPath, chatThing, SECRET, seen } from './setup';

type Row = { name: string; content: string };

const itemsOf = (rows: Row[]): INodeExecutionData[] => rows.map((row) => ({ json: { ...row } }));
const faq = (from: number, to: number, content = (n: number) => `Answer ${n}`): Row[] =>
	Array.from({ length: to - from }, (_, i) => ({
		name: `faq-${from + i}.md`,
		content: content(from + i),
	}));

describe('Chat Thing › Data Source Row › Sync', () => {
	const { emulator, run } = usePlatform(chatThing);

	const sync = (source: DataSourceRow, parameters: INodeParameters = {}): INodeParameters => ({
		resource: 'dataSourceRow',
		operation: 'sync',
		dataSourceId: byId(source.id),
		name: '={{ $json.name }}',
		content: '={{ $json.content }}',
		...parameters,
	});
	const withRows = (rows: Row[]) => {
		const source = emulator.addDataSource();
		for (const row of rows) emulator.addRow(source, row.name, row.content);
		return source;
	};
	const stored = (source: DataSourceRow) =>
		[...source.rows.values()].map(({ name, content }) => ({ name, content }));
	/** The requests that change something: every one but the lists and the reads. */
	const writes = () =>
		seen(emulator).filter((request) => request.method !== 'GET' && !request.path.endsWith('/list'));
	const count = (method: string, path: string) =>
		seen(emulator).filter(
			(request) => request.method === method && request.path === channelPath(path),
		).length;
	it('creates the missing rows, updates the changed ones, leaves the same ones alone and syncs once', async () => {
		const source = withRows([
			{ name: 'hours.md', content: '# Hours\n9 to 5' },
			{ name: 'returns.md', content: '# Returns\n14 days' },
			{ name: 'old.md', content: 'Not in the input' },
		]);
		const [hours, returns, old] = [...source.rows.values()];
		emulator.clearRequests();

		const { items, error } = await run(sync(source), {
			input: itemsOf([
				{ name: 'hours.md', content: '# Hours\n9 to 5' },
				{ name: 'returns.md', content: '# Returns\n30 days' },
				{ name: 'shipping.md', content: '# Shipping\nWorldwide' },
			]),
		});

		expect(error).toBeUndefined();
		const requests = seen(emulator);
		expect(requests[0]).toEqual({
			method: 'POST',
			path: channelPath('/data-sources/row/list'),
			body: { dataSourceId: source.id, limit: 100 },
		});
		expect(
			requests
				.filter((request) => request.method === 'GET')
				.map((request) => request.query)
				.sort((a, b) => String(a?.dataSourceRowId).localeCompare(String(b?.dataSourceRowId))),
		).toEqual(
			[hours.id, returns.id].sort().map((id) => ({ dataSourceId: source.id, dataSourceRowId: id })),
		);
		expect(writes()).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: channelPath('/data-sources/row'),
				body: {
					dataSourceId: source.id,
					dataSourceRows: [{ name: 'shipping.md', content: '# Shipping\nWorldwide' }],
				},
			}),
			expect.objectContaining({
				method: 'PUT',
				path: channelPath('/data-sources/row'),
				body: {
					dataSourceId: source.id,
					dataSourceRows: [{ id: returns.id, name: 'returns.md', content: '# Returns\n30 days' }],
				},
			}),
			{
				method: 'POST',
				path: channelPath('/data-sources/sync'),
				body: { dataSourceId: source.id },
			},
		]);
		const created = [...source.rows.values()].find((row) => row.name === 'shipping.md');
		expect(items).toEqual([
			{
				json: {
					key: 'hours.md',
					action: 'unchanged',
					id: hours.id,
					status: 'done',
					inInput: true,
					dataSourceId: source.id,
					syncStarted: true,
				},
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({ key: 'returns.md', action: 'update', id: returns.id }),
				pairedItem: { item: 1 },
			},
			{
				json: expect.objectContaining({ key: 'shipping.md', action: 'add', id: created?.id }),
				pairedItem: { item: 2 },
			},
		]);
		expect(source.rows.get(old.id)?.content).toBe('Not in the input');
		expect(source.state).toBe('syncing');
	});

	it('outputs the IDs of created rows by listing the rows once more, the one new row of each name', async () => {
		const source = withRows(faq(0, 150));
		emulator.clearRequests();

		const { items } = await run(sync(source, { changeDetection: 'overwrite' }), {
			input: itemsOf(faq(0, 152)),
		});

		const lists = seen(emulator).filter((request) => request.path.endsWith('/row/list'));
		// Two pages before the writes, two after them.
		expect(lists).toHaveLength(4);
		const ids = new Map([...source.rows.values()].map((row) => [row.name, row.id]));
		expect(items.filter((item) => item.json.action === 'add').map((item) => item.json.id)).toEqual([
			ids.get('faq-150.md'),
			ids.get('faq-151.md'),
		]);
	});

	it("outputs no ID for created rows when 'Look Up Created Row IDs' is off, and lists only once", async () => {
		const source = withRows([]);

		const { items } = await run(sync(source, { syncOptions: { lookUpCreatedIds: false } }), {
			input: itemsOf(faq(0, 2)),
		});

		expect(count('POST', '/data-sources/row/list')).toBe(1);
		expect(items.map((item) => [item.json.action, item.json.id])).toEqual([
			['add', null],
			['add', null],
		]);
		expect(source.rows.size).toBe(2);
	});

	describe('Change Detection', () => {
		const present = faq(0, 250);
		const desired = faq(0, 250, (n) => (n % 25 === 0 ? `Changed ${n}` : `Answer ${n}`));

		it('Compare Content reads every row whose name is in the input (one GET each) and writes only the 10 that changed', async () => {
			const source = withRows(present);
			emulator.clearRequests();

			const { items } = await run(sync(source), { input: itemsOf(desired) });

			expect(count('POST', '/data-sources/row/list')).toBe(3);
			expect(count('GET', '/data-sources/row')).toBe(250);
			expect(writes().map((request) => request.method)).toEqual(['PUT', 'POST']);
			expect((writes()[0].body as { dataSourceRows: unknown[] }).dataSourceRows).toHaveLength(10);
			expect(seen(emulator)).toHaveLength(3 + 250 + 1 + 1);
			expect(items.filter((item) => item.json.action === 'update')).toHaveLength(10);
			expect(items.filter((item) => item.json.action === 'unchanged')).toHaveLength(240);
		});

		it('Overwrite Matching Rows reads nothing and updates all 250 matches in 3 batches', async () => {
			const source = withRows(present);
			emulator.clearRequests();

			const { items } = await run(sync(source, { changeDetection: 'overwrite' }), {
				input: itemsOf(desired),
			});

			expect(count('GET', '/data-sources/row')).toBe(0);
			expect(writes().map((request) => request.method)).toEqual(['PUT', 'PUT', 'PUT', 'POST']);
			expect(seen(emulator)).toHaveLength(3 + 3 + 1);
			expect(items.every((item) => item.json.action === 'update')).toBe(true);
			expect(stored(source)).toEqual(desired);
		});
	});

	it('sends no writing request on a second run with the same input (only the listing and the reads)', async () => {
		const source = withRows(faq(0, 5));
		const input = itemsOf([...faq(0, 3), ...faq(3, 7, (n) => `New ${n}`)]);
		await run(sync(source, { deleteMissing: true }), { input });
		emulator.finishSyncs();
		const after = stored(source);
		emulator.clearRequests();

		const { items, error } = await run(sync(source, { deleteMissing: true }), { input });

		expect(error).toBeUndefined();
		expect(writes()).toEqual([]);
		expect(seen(emulator).map((request) => request.method)).toEqual([
			'POST',
			...Array(7).fill('GET'),
		]);
		expect(items.map((item) => item.json.action)).toEqual(Array(7).fill('unchanged'));
		expect(items.every((item) => item.json.syncStarted === false)).toBe(true);
		expect(stored(source)).toEqual(after);
	});

	it('outputs the plan in a Dry Run and sends no writing request', async () => {
		const source = withRows([
			{ name: 'same.md', content: 'Same' },
			{ name: 'changed.md', content: 'Old' },
			{ name: 'gone.md', content: 'Gone' },
		]);
		const before = stored(source);
		emulator.clearRequests();

		const { items, error } = await run(sync(source, { dryRun: true, deleteMissing: true }), {
			input: itemsOf([
				{ name: 'same.md', content: 'Same' },
				{ name: 'changed.md', content: 'New' },
				{ name: 'new.md', content: 'New' },
			]),
		});

		expect(error).toBeUndefined();
		expect(writes()).toEqual([]);
		expect(count('GET', '/data-sources/row')).toBe(2);
		expect(items.map((item) => [item.json.key, item.json.action, item.json.status])).toEqual([
			['same.md', 'unchanged', 'planned'],
			['changed.md', 'update', 'planned'],
			['new.md', 'add', 'planned'],
			['gone.md', 'delete', 'planned'],
		]);
		expect(items[3]).toMatchObject({ json: { inInput: false }, pairedItem: { item: 0 } });
		expect(stored(source)).toEqual(before);
	});

	describe('Deletions', () => {
		const source3 = () => withRows(faq(0, 5));

		it('leaves rows that are not in the input alone unless deletions are on', async () => {
			const source = source3();

			const { items } = await run(sync(source), { input: itemsOf(faq(0, 2)) });

			expect(source.rows.size).toBe(5);
			expect(items).toHaveLength(2);
		});

		it('deletes the rows not in the input in one batch when deletions are on', async () => {
			const source = source3();
			const gone = [...source.rows.values()].slice(2).map((row) => row.id);
			emulator.clearRequests();

			const { items } = await run(sync(source, { deleteMissing: true }), {
				input: itemsOf(faq(0, 2)),
			});

			expect(writes()).toEqual([
				expect.objectContaining({
					method: 'DELETE',
					path: channelPath('/data-sources/rows'),
					body: { dataSourceId: source.id, dataSourceRows: gone.map((id) => ({ id })) },
				}),
				expect.objectContaining({ path: channelPath('/data-sources/sync') }),
			]);
			expect(stored(source)).toEqual(faq(0, 2));
			expect(items.slice(2)).toEqual(
				gone.map((id, i) => ({
					json: expect.objectContaining({
						key: `faq-${i + 2}.md`,
						action: 'delete',
						id,
						status: 'done',
						inInput: false,
					}),
					pairedItem: { item: 0 },
				})),
			);
		});

		it('stops before any read or write when the plan deletes more than Max Deletions', async () => {
			const source = source3();
			emulator.clearRequests();

			const { error, items } = await run(sync(source, { deleteMissing: true, maxDeletions: 2 }), {
				input: itemsOf(faq(0, 2)),
			});

			expect(error?.message).toBe("The sync would delete 3 entries, more than 'Max Deletions' (2)");
			expect(items).toEqual([]);
			expect(seen(emulator).map((request) => request.path)).toEqual([
				channelPath('/data-sources/row/list'),
			]);
			expect(source.rows.size).toBe(5);
		});

		it('goes on when the plan deletes exactly Max Deletions', async () => {
			const source = source3();

			const { error } = await run(sync(source, { deleteMissing: true, maxDeletions: 3 }), {
				input: itemsOf(faq(0, 2)),
			});

			expect(error).toBeUndefined();
			expect(source.rows.size).toBe(2);
		});

		it('deletes nothing for an empty input, and says how to allow it', async () => {
			const source = source3();
			emulator.clearRequests();

			const { error } = await run(sync(source, { deleteMissing: true }), { input: [{ json: {} }] });

			expect(error?.message).toBe(
				'The input is empty, so the sync would delete all 5 entries it manages',
			);
			expect(error?.description).toMatch(/Delete All When Input Is Empty/);
			expect(writes()).toEqual([]);
			expect(source.rows.size).toBe(5);
		});

		it("empties the data source for an empty input with 'Delete All When Input Is Empty'", async () => {
			const source = source3();

			const { error, items } = await run(
				sync(source, { deleteMissing: true, syncOptions: { deleteWhenInputIsEmpty: true } }),
				{ input: [{ json: {} }] },
			);

			expect(error).toBeUndefined();
			expect(source.rows.size).toBe(0);
			expect(items.map((item) => item.json.action)).toEqual(Array(5).fill('delete'));
		});

		it('keeps the first of two rows with one name and deletes the other when deletions are on', async () => {
			const source = withRows([
				{ name: 'faq.md', content: 'First' },
				{ name: 'faq.md', content: 'Second' },
			]);
			const [first, second] = [...source.rows.values()];

			const { items } = await run(sync(source, { deleteMissing: true }), {
				input: itemsOf([{ name: 'faq.md', content: 'First' }]),
			});

			expect([...source.rows.keys()]).toEqual([first.id]);
			expect(items.map((item) => [item.json.action, item.json.id])).toEqual([
				['unchanged', first.id],
				['delete', second.id],
			]);
		});
	});

	describe('Input', () => {
		it('refuses two items with the same name, naming both, before any request', async () => {
			const source = withRows([]);
			emulator.clearRequests();

			const { error } = await run(sync(source), {
				input: itemsOf([
					{ name: 'a.md', content: 'A' },
					{ name: 'b.md', content: 'B' },
					{ name: ' a.md ', content: 'Other A' },
				]),
			});

			expect(error?.message).toBe('Items 0 and 2 have the same key "a.md" [item 2]');
			expect(emulator.requests).toEqual([]);
		});

		it('refuses items that name another data source than the first, before any request', async () => {
			const [a, b] = [emulator.addDataSource(), emulator.addDataSource()];

			const { error } = await run(sync(a, { dataSourceId: byId('={{ $json.dataSourceId }}') }), {
				input: [
					{ json: { dataSourceId: a.id, name: 'a.md', content: 'A' } },
					{ json: { dataSourceId: b.id, name: 'b.md', content: 'B' } },
				],
			});

			expect(error?.message).toBe(
				`'Data Source' is "${b.id}", not "${a.id}" as at item 0 [item 1]`,
			);
			expect(emulator.requests).toEqual([]);
		});

		it('gives every invalid item an error item and changes nothing, with Continue On Fail on', async () => {
			const source = withRows([{ name: 'keep.md', content: 'Keep' }]);
			emulator.clearRequests();

			const { error, items } = await run(sync(source, { deleteMissing: true }), {
				input: itemsOf([
					{ name: 'a.md', content: '' },
					{ name: 'b.md', content: 'B' },
					{ name: '', content: 'C' },
				]),
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			expect(items).toEqual([
				{ json: { error: "'Content' is empty [item 0]" }, pairedItem: { item: 0 } },
				{ json: { error: "'Name' is empty [item 2]" }, pairedItem: { item: 2 } },
			]);
			expect(emulator.requests).toEqual([]);
			expect(stored(source)).toEqual([{ name: 'keep.md', content: 'Keep' }]);
		});
	});

	describe('Partial failure', () => {
		const failFirstCreate = (afterProcessing = false) =>
			emulator.injectFault({
				kind: 'status',
				status: 500,
				times: 1,
				method: 'POST',
				path: /\/data-sources\/row$/,
				afterProcessing,
			});

		it('fails exactly the rows of a failing batch, applies the others and syncs, with Continue On Fail on', async () => {
			const source = withRows([]);
			failFirstCreate();

			const { error, items } = await run(sync(source, { syncOptions: { batchSize: 2 } }), {
				input: itemsOf(faq(0, 6)),
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			const failed = items.filter((item) => item.json.status === 'failed');
			expect(failed).toHaveLength(2);
			expect(failed[0].json.error).toMatch(
				/\(a batch of 2 rows to create, none of them changed\)$/,
			);
			expect(items.filter((item) => item.json.status === 'done')).toHaveLength(4);
			expect(items.map((item) => item.pairedItem)).toEqual(
				[0, 1, 2, 3, 4, 5].map((item) => ({ item })),
			);
			expect(source.rows.size).toBe(4);
			expect(count('POST', '/data-sources/sync')).toBe(1);
			expect(JSON.stringify(items)).not.toContain(SECRET);
		});

		it('fails the node after applying the other rows when Continue On Fail is off, and a second run converges', async () => {
			const source = withRows([]);
			failFirstCreate();

			const first = await run(sync(source, { syncOptions: { batchSize: 2 } }), {
				input: itemsOf(faq(0, 6)),
			});

			expect(first.error?.message).toMatch(/^2 of 6 entries could not be synced: faq-\d\.md: /);
			expect(first.error?.description).toMatch(/Running the sync again changes only what/);
			expect(source.rows.size).toBe(4);

			emulator.finishSyncs();
			emulator.clearRequests();
			const second = await run(sync(source, { syncOptions: { batchSize: 2 } }), {
				input: itemsOf(faq(0, 6)),
			});

			expect(second.error).toBeUndefined();
			expect(writes().filter((request) => request.method === 'POST')).toHaveLength(2);
			expect(
				stored(source)
					.map((row) => row.name)
					.sort(),
			).toEqual(faq(0, 6).map((row) => row.name));
		});

		it('creates nothing twice when a create was carried out but answered 500', async () => {
			const source = withRows([]);
			failFirstCreate(true);

			await run(sync(source), { input: itemsOf(faq(0, 3)), continueOnFail: true });
			expect(source.rows.size).toBe(3);
			emulator.finishSyncs();
			emulator.clearRequests();
			const { items } = await run(sync(source), { input: itemsOf(faq(0, 3)) });

			expect(writes()).toEqual([]);
			expect(items.map((item) => item.json.action)).toEqual(Array(3).fill('unchanged'));
			expect(source.rows.size).toBe(3);
		});

		it('does not write a row whose content could not be read, and fails only it', async () => {
			const source = withRows(faq(0, 3, () => 'Old'));
			const unreadable = [...source.rows.values()][1].id;
			emulator.injectFault({
				kind: 'status',
				status: 404,
				method: 'GET',
				where: (request) => request.query.dataSourceRowId === unreadable,
			});

			const { items } = await run(sync(source), {
				input: itemsOf(faq(0, 3, () => 'New')),
				continueOnFail: true,
			});

			expect(items.map((item) => item.json.status)).toEqual(['done', 'failed', 'done']);
			expect(items[1].json.error).toMatch(/^The row's content could not be read/);
			expect(stored(source).map((row) => row.content)).toEqual(['New', 'Old', 'New']);
		});
	});

	describe('The data source sync', () => {
		it('is not sent when nothing changed', async () => {
			const source = withRows(faq(0, 2));

			await run(sync(source), { input: itemsOf(faq(0, 2)) });

			expect(count('POST', '/data-sources/sync')).toBe(0);
		});

		it("is not sent with 'Sync After Changes' off", async () => {
			const source = withRows([]);

			const { items } = await run(sync(source, { syncOptions: { syncAfterChanges: false } }), {
				input: itemsOf(faq(0, 2)),
			});

			expect(count('POST', '/data-sources/sync')).toBe(0);
			expect(items[0].json.syncStarted).toBe(false);
			expect(source.rows.size).toBe(2);
		});

		it('fails the node in its own words when a sync is already running, after writing the rows', async () => {
			const source = withRows([]);
			emulator.injectFault({
				kind: 'status',
				status: 429,
				path: /\/data-sources\/sync$/,
				json: {
					success: false,
					message: 'There is already a sync in progress, or you have run out of storage tokens',
				},
			});

			const { error } = await run(sync(source), { input: itemsOf(faq(0, 2)) });

			expect(error?.message).toMatch(
				/^A sync is already running, or the storage tokens are used up \(429\) \(the data source sync after the changes/,
			);
			expect(count('POST', '/data-sources/sync')).toBe(1);
			expect(source.rows.size).toBe(2);
		});
	});
});
