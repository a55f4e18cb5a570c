import { byId, usePlatform } from '../setup';
import { channelPath, chatThing, seen } from './setup';

describe('Chat Thing › Data Source', () => {
	const { emulator, run } = usePlatform(chatThing);

	it('creates a manual data source with POST /data-sources and returns it', async () => {
		const { items } = await run({ resource: 'dataSource', operation: 'create' });

		expect(seen(emulator)).toEqual([
			{ method: 'POST', path: channelPath('/data-sources'), body: undefined },
		]);
		expect(items[0].json).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			type: 'MANUAL',
			state: 'not_synced',
			lastSync: null,
			syncInterval: null,
			createdAt: expect.any(String),
		});
	});

	it('gets a data source with GET /data-sources?dataSourceId=…', async () => {
		const { dataSource } = emulator.seed();

		const { items } = await run({
			resource: 'dataSource',
			operation: 'get',
			dataSourceId: byId(dataSource),
		});

		expect(seen(emulator)).toEqual([
			{
				method: 'GET',
				path: channelPath('/data-sources'),
				query: { dataSourceId: dataSource },
				body: undefined,
			},
		]);
		expect(items[0].json).toMatchObject({ id: dataSource, state: 'synced' });
	});

	it('lists data sources page by page', async () => {
		const ids = Array.from({ length: 120 }, () => emulator.addDataSource().id);

		const { items } = await run({ resource: 'dataSource', operation: 'getAll', returnAll: true });

		expect(seen(emulator).map((request) => [request.path, request.body])).toEqual([
			[channelPath('/data-sources/list'), { limit: 100 }],
			[channelPath('/data-sources/list'), { limit: 100, cursor: ids[99] }],
		]);
		expect(items.map((item) => item.json.id)).toEqual(ids);
	});

	it.each([
		['week', 'week'],
		['none', null],
	])('sets the sync interval %s with PUT /data-sources', async (choice, sent) => {
		const { dataSource } = emulator.seed();

		const { items } = await run({
			resource: 'dataSource',
			operation: 'update',
			dataSourceId: byId(dataSource),
			syncInterval: choice,
		});

		expect(seen(emulator)).toEqual([
			{
				method: 'PUT',
				path: channelPath('/data-sources'),
				body: { dataSourceId: dataSource, syncInterval: sent },
			},
		]);
		expect(items[0].json).toMatchObject({ id: dataSource, syncInterval: sent });
	});

	it('deletes with DELETE /data-sources and the ID in a JSON body', async () => {
		const { dataSource } = emulator.seed();

		const { items } = await run({
			resource: 'dataSource',
			operation: 'delete',
			dataSourceId: byId(dataSource),
		});

		expect(seen(emulator)).toEqual([
			{ method: 'DELETE', path: channelPath('/data-sources'), body: { dataSourceId: dataSource } },
		]);
		expect(items[0].json).toEqual({ deleted: true, dataSourceId: dataSource });
		expect(emulator.dataSources.has(dataSource)).toBe(false);
	});

	it('starts a sync with POST /data-sources/sync', async () => {
		const { dataSource } = emulator.seed();

		const { items } = await run({
			resource: 'dataSource',
			operation: 'sync',
			dataSourceId: byId(dataSource),
		});

		expect(seen(emulator)).toEqual([
			{
				method: 'POST',
				path: channelPath('/data-sources/sync'),
				body: { dataSourceId: dataSource },
			},
		]);
		expect(items[0].json).toEqual({ dataSourceId: dataSource, syncStarted: true });
		expect(emulator.dataSources.get(dataSource)?.state).toBe('syncing');
	});

	it('explains a 429 on sync as a sync already running or used-up storage tokens, without retrying', async () => {
		const { dataSource } = emulator.seed();
		emulator.dataSources.get(dataSource)!.state = 'syncing';

		const { error } = await run({
			resource: 'dataSource',
			operation: 'sync',
			dataSourceId: byId(dataSource),
		});

		expect(emulator.requests).toHaveLength(1);
		expect(error).toMatchObject({ httpCode: '429' });
		expect(error?.message).toBe(
			'A sync is already running, or the storage tokens are used up (429)',
		);
	});

	it('explains a 404 for a data source that does not exist', async () => {
		const { error } = await run({
			resource: 'dataSource',
			operation: 'get',
			dataSourceId: byId('00000000-0000-4000-8000-000000000000'),
		});

		expect(error).toMatchObject({ httpCode: '404' });
		expect(error?.description).toMatch(/does not exist/);
	});
});
