import { byId, usePlatform } from '../setup';
import { channelPath, chatThing, seen } from './setup';

const rowsInput = (count: number, dataSourceId: string) =>
	Array.from({ length: count }, (_, i) => ({
		json: { dataSourceId, name: `faq-${i}.md`, content: `# Question ${i}\nAnswer ${i}` },
	}));

describe('Chat Thing › Data Source Row', () => {
	const { emulator, run } = usePlatform(chatThing);
	const createFromItems = (options: { batchSize?: number } = {}) => ({
		resource: 'dataSourceRow',
		operation: 'create',
		dataSourceId: byId('={{ $json.dataSourceId }}'),
		name: '={{ $json.name }}',
		content: '={{ $json.content }}',
		options,
	});

	describe('Create', () => {
		it('sends 250 items as ceil(250 / 100) = 3 requests and maps every output back to its item', async () => {
			const source = emulator.addDataSource();

			const { items, error } = await run(createFromItems(), { input: rowsInput(250, source.id) });

			expect(error).toBeUndefined();
			const requests = seen(emulator);
			expect(requests.map((request) => [request.method, request.path])).toEqual(
				Array(3).fill(['POST', channelPath('/data-sources/row')]),
			);
			const bodies = requests.map(
				(request) => request.body as { dataSourceId: string; dataSourceRows: object[] },
			);
			expect(bodies.map((body) => body.dataSourceRows.length)).toEqual([100, 100, 50]);
			expect(bodies[0]).toMatchObject({
				dataSourceId: source.id,
				dataSourceRows: expect.arrayContaining([
					{ name: 'faq-0.md', content: '# Question 0\nAnswer 0' },
				]),
			});
			expect(items).toHaveLength(250);
			expect(items[137]).toEqual({
				json: { dataSourceId: source.id, name: 'faq-137.md', created: true },
				pairedItem: { item: 137 },
			});
			expect(source.rows.size).toBe(250);
		});

		it('honours a smaller Batch Size', async () => {
			const source = emulator.addDataSource();

			await run(createFromItems({ batchSize: 40 }), { input: rowsInput(100, source.id) });

			expect(
				emulator.requests.map(
					(request) => (request.body as { dataSourceRows: object[] }).dataSourceRows.length,
				),
			).toEqual([40, 40, 20]);
		});

		it('puts rows of different data sources in different requests', async () => {
			const [a, b] = [emulator.addDataSource(), emulator.addDataSource()];

			await run(createFromItems(), { input: [...rowsInput(3, a.id), ...rowsInput(2, b.id)] });

			expect(
				emulator.requests.map((request) => (request.body as { dataSourceId: string }).dataSourceId),
			).toEqual([a.id, b.id]);
			expect([a.rows.size, b.rows.size]).toEqual([3, 2]);
		});

		it('fails exactly the items of a failing batch under Continue On Fail; the other batches stand', async () => {
			const source = emulator.addDataSource();
			emulator.injectFault({ kind: 'status', status: 500, times: 1, path: /row$/ });

			const { items } = await run(createFromItems({ batchSize: 2 }), {
				input: rowsInput(6, source.id),
				continueOnFail: true,
			});

			const failed = items.filter((item) => item.json.error).map((item) => item.pairedItem);
			expect(items).toHaveLength(6);
			expect(failed).toHaveLength(2);
			expect(items.filter((item) => item.json.created)).toHaveLength(4);
			expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
				0, 1, 2, 3, 4, 5,
			]);
			expect(items.find((item) => item.json.error)?.json.error).toMatch(
				/\(the batch of items \d to \d\)$/,
			);
			expect(source.rows.size).toBe(4);
		});

		it('fails the node naming the batch when Continue On Fail is off', async () => {
			const source = emulator.addDataSource();
			emulator.injectFault({
				kind: 'status',
				status: 400,
				json: { success: false, message: 'bad row' },
				times: 1,
			});

			const { error } = await run(createFromItems(), { input: rowsInput(3, source.id) });

			expect(error).toMatchObject({ httpCode: '400' });
			expect(error?.message).toMatch(/\(the batch of items 0 to 2\)$/);
		});

		it('rejects an item without content before any request, naming the item', async () => {
			const source = emulator.addDataSource();
			const input = rowsInput(3, source.id);
			input[2].json.content = '';

			const { error } = await run(createFromItems(), { input });

			expect(error?.message).toBe("'Content' is empty [item 2]");
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Update and Delete', () => {
		it('updates rows with PUT /data-sources/row and { id, name, content }', async () => {
			const { dataSource, rows } = emulator.seed();

			const { items } = await run(
				{
					resource: 'dataSourceRow',
					operation: 'update',
					dataSourceId: byId(dataSource),
					rowId: '={{ $json.id }}',
					name: '={{ $json.name }}',
					content: '={{ $json.content }}',
					options: {},
				},
				{
					input: rows.map((id, i) => ({
						json: { id, name: `row-${i}.md`, content: `Updated ${i}` },
					})),
				},
			);

			expect(seen(emulator)).toEqual([
				{
					method: 'PUT',
					path: channelPath('/data-sources/row'),
					body: {
						dataSourceId: dataSource,
						dataSourceRows: rows.map((id, i) => ({
							id,
							name: `row-${i}.md`,
							content: `Updated ${i}`,
						})),
					},
				},
			]);
			expect(items.map((item) => item.json.updated)).toEqual([true, true]);
			expect(emulator.dataSources.get(dataSource)?.rows.get(rows[1])?.content).toBe('Updated 1');
		});

		it('deletes rows with DELETE /data-sources/rows and { id } rows', async () => {
			const { dataSource, rows } = emulator.seed();

			const { items } = await run(
				{
					resource: 'dataSourceRow',
					operation: 'delete',
					dataSourceId: byId(dataSource),
					rowId: '={{ $json.id }}',
					options: {},
				},
				{ input: rows.map((id) => ({ json: { id } })) },
			);

			expect(seen(emulator)).toEqual([
				{
					method: 'DELETE',
					path: channelPath('/data-sources/rows'),
					body: { dataSourceId: dataSource, dataSourceRows: rows.map((id) => ({ id })) },
				},
			]);
			expect(items.map((item) => item.json)).toEqual(
				rows.map((id) => ({ dataSourceId: dataSource, id, deleted: true })),
			);
			expect(emulator.dataSources.get(dataSource)?.rows.size).toBe(0);
		});
	});

	describe('Get and Get Many', () => {
		it('gets a row with both IDs in the query', async () => {
			const { dataSource, rows } = emulator.seed();

			const { items } = await run({
				resource: 'dataSourceRow',
				operation: 'get',
				dataSourceId: byId(dataSource),
				rowId: rows[0],
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'GET',
					path: channelPath('/data-sources/row'),
					query: { dataSourceId: dataSource, dataSourceRowId: rows[0] },
					body: undefined,
				},
			]);
			expect(items[0].json).toMatchObject({
				id: rows[0],
				type: 'MANUAL',
				content: expect.stringContaining('Opening hours'),
			});
		});

		it('lists rows with POST /data-sources/row/list', async () => {
			const { dataSource, rows } = emulator.seed();

			const { items } = await run({
				resource: 'dataSourceRow',
				operation: 'getAll',
				dataSourceId: byId(dataSource),
				returnAll: true,
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: channelPath('/data-sources/row/list'),
					body: { dataSourceId: dataSource, limit: 100 },
				},
			]);
			expect(items.map((item) => item.json)).toEqual([
				{ id: rows[0], name: 'hours.md' },
				{ id: rows[1], name: 'returns.md' },
			]);
		});
	});
});
