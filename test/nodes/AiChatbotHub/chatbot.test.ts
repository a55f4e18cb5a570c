import { byId, usePlatform } from '../setup';
import { aiChatbotHub, seen, TOKEN } from './setup';

describe('AI Chatbot Hub › Chatbot', () => {
	const { emulator, run } = usePlatform(aiChatbotHub);

	describe('Create', () => {
		it('posts the name and settings to /chatbot/create and returns the new chatbot', async () => {
			const { items, error } = await run({
				resource: 'chatbot',
				operation: 'create',
				name: 'Support bot',
				additionalFields: {
					visibility: 'public',
					rateLimitMessages: 10,
					rateLimitSeconds: 60,
					rateLimitMessage: 'Slow down',
					showCitations: true,
				},
			});

			expect(error).toBeUndefined();
			const [request] = emulator.requests;
			expect(request.method).toBe('POST');
			expect(request.path).toBe('/api/v1/chatbot/create');
			expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
			expect(request.headers['content-type']).toMatch(/^application\/json/);
			expect(request.body).toEqual({
				name: 'Support bot',
				visibility: 'public',
				rate_limit: [10, 60],
				rate_limit_message: 'Slow down',
				show_citations: true,
			});
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				name: 'Support bot',
				meta: { visibility: 'public', rate_limit: [10, 60], show_citations: true },
			});
			expect(items[0].json.uuid).toMatch(/^[0-9a-f]{32}$/);
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(emulator.getChatbot(items[0].json.uuid as string)?.name).toBe('Support bot');
		});

		it('sends only the name when no additional field is set', async () => {
			await run({
				resource: 'chatbot',
				operation: 'create',
				name: 'Bare bot',
				additionalFields: {},
			});

			expect(seen(emulator)).toEqual([
				{ method: 'POST', path: '/api/v1/chatbot/create', body: { name: 'Bare bot' } },
			]);
		});

		it('fills the other half of the rate limit with its documented default', async () => {
			await run({
				resource: 'chatbot',
				operation: 'create',
				name: 'Half limit',
				additionalFields: { rateLimitSeconds: 30 },
			});

			expect(emulator.requests[0].body).toEqual({
				name: 'Half limit',
				rate_limit: [20, 30],
			});
		});

		it('rejects a rate limit out of range before any request, naming the field and the item', async () => {
			const { error } = await run({
				resource: 'chatbot',
				operation: 'create',
				name: 'Too fast',
				additionalFields: { rateLimitMessages: 101 },
			});

			expect(error?.message).toBe(
				"'Rate Limit Messages' must be a whole number from 1 to 100, not 101 [item 0]",
			);
			expect(emulator.requests).toHaveLength(0);
		});

		it('rejects a name that resolves to empty before any request', async () => {
			const { error } = await run({
				resource: 'chatbot',
				operation: 'create',
				name: '={{ $json.missing }}',
				additionalFields: {},
			});

			expect(error?.message).toBe("'Name' is empty [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Get', () => {
		it('gets one chatbot by its URL-encoded ID', async () => {
			const { chatbots } = emulator.seed();

			const { items } = await run({
				resource: 'chatbot',
				operation: 'get',
				chatbot: byId(chatbots.support),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: `/api/v1/chatbot/${chatbots.support}`, body: undefined },
			]);
			expect(items.map((item) => item.json.uuid)).toEqual([chatbots.support]);
		});

		it('encodes an ID with reserved characters instead of changing the path', async () => {
			// Depends on an assumption: an unknown ID gets 404 with an { error } body.
			const { error } = await run({
				resource: 'chatbot',
				operation: 'get',
				chatbot: byId('../chatbots?x=1'),
			});

			expect(emulator.requests[0].path).toBe('/api/v1/chatbot/..%2Fchatbots%3Fx%3D1');
			expect(error?.message).toMatch(/not found/i);
		});

		it('fails with the vendor message and code 404 for an unknown chatbot', async () => {
			// Depends on an assumption: an unknown ID gets 404 with an { error } body.
			const { error } = await run({
				resource: 'chatbot',
				operation: 'get',
				chatbot: byId('00000000000000000000000000000000'),
			});

			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(error?.message).toMatch(/not found/i);
			expect(error?.context?.itemIndex).toBe(0);
			expect(emulator.requests).toHaveLength(1);
		});
	});

	describe('Get Many', () => {
		it('returns every chatbot as its own item when Return All is on', async () => {
			const { chatbots } = emulator.seed();

			const { items } = await run({ resource: 'chatbot', operation: 'getAll', returnAll: true });

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: '/api/v1/chatbots', body: undefined },
			]);
			expect(items.map((item) => item.json.uuid)).toEqual([chatbots.support, chatbots.sales]);
		});

		it('keeps only the first Limit chatbots', async () => {
			emulator.seed();

			const { items } = await run({
				resource: 'chatbot',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
			});

			expect(items).toHaveLength(1);
			expect(emulator.requests).toHaveLength(1);
		});
	});

	describe('Update', () => {
		it('posts only the changed fields to /chatbot/{uuid}/update', async () => {
			const { chatbots } = emulator.seed();

			const { items } = await run({
				resource: 'chatbot',
				operation: 'update',
				chatbot: byId(chatbots.sales),
				updateFields: { name: 'Renamed', visibility: 'hybrid' },
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/chatbot/${chatbots.sales}/update`,
					body: { name: 'Renamed', visibility: 'hybrid' },
				},
			]);
			expect(items[0].json).toMatchObject({ uuid: chatbots.sales, name: 'Renamed' });
			expect(emulator.getChatbot(chatbots.sales)?.meta.visibility).toBe('hybrid');
		});

		it('rejects an update without fields before any request', async () => {
			const { chatbots } = emulator.seed();

			const { error } = await run({
				resource: 'chatbot',
				operation: 'update',
				chatbot: byId(chatbots.sales),
				updateFields: {},
			});

			expect(error?.message).toBe("'Update Fields' is empty [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Delete', () => {
		it('sends DELETE to /chatbot/{uuid}/delete and returns { deleted, uuid }', async () => {
			const { chatbots } = emulator.seed();

			const { items } = await run({
				resource: 'chatbot',
				operation: 'delete',
				chatbot: byId(chatbots.sales),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'DELETE', path: `/api/v1/chatbot/${chatbots.sales}/delete`, body: undefined },
			]);
			expect(items.map((item) => item.json)).toEqual([{ deleted: true, uuid: chatbots.sales }]);
			expect(emulator.getChatbot(chatbots.sales)).toBeUndefined();
		});

		it('rejects an ID that resolves to empty before any request', async () => {
			const { error } = await run({
				resource: 'chatbot',
				operation: 'delete',
				chatbot: byId('={{ $json.chatbotId }}'),
			});

			expect(error?.message).toBe("'Chatbot' is empty [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});
	});
});
