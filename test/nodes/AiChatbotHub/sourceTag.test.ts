import { byId, usePlatform } from '../setup';
import { aiChatbotHub, seen } from './setup';

describe('AI Chatbot Hub › Source Tag', () => {
	const { emulator, run } = usePlatform(aiChatbotHub);

	describe('Create', () => {
		it('posts name, color and data source IDs to /chatbot/{uuid}/source-tag/create', async () => {
			const { chatbots, sources } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'sourceTag',
				operation: 'create',
				chatbot: byId(chatbots.support),
				name: 'Policies',
				color: '#088F8F',
				additionalFields: { dataSourceIds: sources.supportReturnsQa },
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/chatbot/${chatbots.support}/source-tag/create`,
					body: {
						name: 'Policies',
						color: '#088F8F',
						data_source_uuids: [sources.supportReturnsQa],
					},
				},
			]);
			expect(items[0].json).toMatchObject({
				name: 'Policies',
				color: '#088F8F',
				data_source_uuids: [sources.supportReturnsQa],
			});
		});

		it('rejects a color that is not a hex color before any request', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'sourceTag',
				operation: 'create',
				chatbot: byId(chatbots.support),
				name: 'Bad color',
				color: 'teal',
				additionalFields: {},
			});

			expect(error?.message).toBe(
				`'Color' must be a hex color such as #088F8F, not "teal" [item 0]`,
			);
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Get Many', () => {
		it("lists a chatbot's tags, keeping the first Limit", async () => {
			const { chatbots, tags } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'sourceTag',
				operation: 'getAll',
				chatbot: byId(chatbots.support),
				returnAll: false,
				limit: 1,
			});

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: `/api/v1/chatbot/${chatbots.support}/source-tags`, body: undefined },
			]);
			expect(items.map((item) => item.json.uuid)).toEqual([tags.supportPolicies]);
		});
	});

	describe('Update', () => {
		it('posts the changed fields to /source-tag/{uuid}/update, replacing the source list', async () => {
			// Depends on an assumption: an update replaces the tag's source list.
			const { tags, sources } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'sourceTag',
				operation: 'update',
				sourceTag: byId(tags.supportPolicies),
				updateFields: { name: 'Returns', dataSourceIds: [sources.supportHandbookFile] },
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/source-tag/${tags.supportPolicies}/update`,
					body: { name: 'Returns', data_source_uuids: [sources.supportHandbookFile] },
				},
			]);
			expect(items[0].json).toMatchObject({
				name: 'Returns',
				data_source_uuids: [sources.supportHandbookFile],
			});
		});
	});

	describe('Delete', () => {
		it('sends DELETE to /source-tag/{uuid}/delete and returns { deleted, uuid }', async () => {
			const { tags } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'sourceTag',
				operation: 'delete',
				sourceTag: byId(tags.salesPricing),
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'DELETE',
					path: `/api/v1/source-tag/${tags.salesPricing}/delete`,
					body: undefined,
				},
			]);
			expect(items[0].json).toEqual({ deleted: true, uuid: tags.salesPricing });
			expect(emulator.getTag(tags.salesPricing)).toBeUndefined();
		});
	});
});
