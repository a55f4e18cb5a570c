import { usePlatform } from '../setup';
import { channelPath, chatThing, seen } from './setup';

describe('Chat Thing › Conversation', () => {
	const { emulator, run } = usePlatform(chatThing);

	describe('Start', () => {
		it('posts to /conversation with no body and returns the ID and the greeting', async () => {
			const { items, error } = await run({ resource: 'conversation', operation: 'start' });

			expect(error).toBeUndefined();
			expect(seen(emulator)).toEqual([
				{ method: 'POST', path: channelPath('/conversation'), body: undefined },
			]);
			expect(items[0].json).toEqual({
				conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				response: 'Hello, how can I help you?',
			});
			expect(emulator.conversations.has(items[0].json.conversationId as string)).toBe(true);
		});

		it('explains a 403 as a secret key that does not match the channel', async () => {
			const { error } = await run(
				{ resource: 'conversation', operation: 'start' },
				{ credential: { secretKey: 'other' } },
			);

			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
			expect(error?.message).toBe(
				'The secret key does not match the channel, or the channel ID is wrong (403)',
			);
			expect(JSON.stringify(error)).not.toContain('other"');
		});

		it('explains a 403 for a wrong channel ID the same way', async () => {
			const { error } = await run(
				{ resource: 'conversation', operation: 'start' },
				{ credential: { channelId: '00000000-0000-4000-8000-000000000000' } },
			);

			expect(error).toMatchObject({ httpCode: '403' });
			expect(error?.description).toMatch(/Channel ID/);
		});
	});

	describe('Get Many', () => {
		const addConversations = (count: number) =>
			Array.from({ length: count }, (_, i) => emulator.addConversation(`Question ${i}`).id);

		it('walks every page with limit 100 when Return All is on, passing pagination.last as the cursor', async () => {
			const ids = addConversations(250);

			const { items } = await run({
				resource: 'conversation',
				operation: 'getAll',
				returnAll: true,
			});

			const requests = seen(emulator);
			expect(requests.map((request) => request.body)).toEqual([
				{ limit: 100 },
				{ limit: 100, cursor: ids[99] },
				{ limit: 100, cursor: ids[199] },
			]);
			expect(requests.every((request) => request.path === channelPath('/conversations'))).toBe(
				true,
			);
			expect(items.map((item) => item.json.id)).toEqual(ids);
			expect(items[0].json).toEqual({
				id: ids[0],
				createdAt: expect.any(String),
				initialMessage: 'Question 0',
			});
		});

		it('asks for no more than the Limit and stops there', async () => {
			const ids = addConversations(30);

			const { items } = await run({
				resource: 'conversation',
				operation: 'getAll',
				returnAll: false,
				limit: 7,
			});

			expect(seen(emulator).map((request) => request.body)).toEqual([{ limit: 7 }]);
			expect(items.map((item) => item.json.id)).toEqual(ids.slice(0, 7));
		});

		it('makes one request when the list fits in one page', async () => {
			addConversations(100);

			const { items } = await run({
				resource: 'conversation',
				operation: 'getAll',
				returnAll: true,
			});

			// The running count reaches pagination.total: no empty second page is fetched.
			expect(emulator.requests).toHaveLength(1);
			expect(items).toHaveLength(100);
		});

		it('stops with an error instead of looping when the service repeats a cursor', async () => {
			addConversations(300);
			// A faulty page that always points back at the same record.
			emulator.injectFault({
				kind: 'status',
				status: 200,
				path: /\/conversations$/,
				json: {
					success: true,
					conversations: Array.from({ length: 100 }, (_, i) => ({ id: `c${i}` })),
					pagination: { total: 300, last: 'c99' },
				},
			});

			const { error } = await run({
				resource: 'conversation',
				operation: 'getAll',
				returnAll: true,
			});

			expect(error?.message).toBe('The service sent the same page cursor twice');
			expect(emulator.requests.length).toBeLessThanOrEqual(3);
		});
	});
});
