import { byId, usePlatform } from '../setup';
import { aiChatbotHub, seen } from './setup';

describe('AI Chatbot Hub › Message', () => {
	const { emulator, run } = usePlatform(aiChatbotHub);

	describe('Send', () => {
		it('posts the query to /session/{uuid}/message/stream and returns the whole streamed reply', async () => {
			const { session } = emulator.seed();
			emulator.replyFor = (query) => `You asked: ${query}. `.repeat(20).trim();
			emulator.clearRequests();

			const { items, error } = await run({
				resource: 'message',
				operation: 'send',
				session: byId(session),
				query: 'What are your opening hours?',
			});

			expect(error).toBeUndefined();
			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/session/${session}/message/stream`,
					body: { query: 'What are your opening hours?' },
				},
			]);
			expect(items).toEqual([
				{
					json: {
						sessionUuid: session,
						query: 'What are your opening hours?',
						response: 'You asked: What are your opening hours?. '.repeat(20).trim(),
					},
					pairedItem: { item: 0 },
				},
			]);
			// The emulator stores the exchange once the stream has ended.
			expect(emulator.messagesOf(session).at(-1)?.query).toBe('What are your opening hours?');
		});

		it('answers each input item in its own session and keeps the item order', async () => {
			const { chatbots, session } = emulator.seed();
			const other = await run({
				resource: 'session',
				operation: 'create',
				chatbot: byId(chatbots.sales),
				additionalFields: {},
			});
			emulator.replyFor = (query) => `Echo: ${query}`;
			emulator.clearRequests();

			const { items } = await run(
				{
					resource: 'message',
					operation: 'send',
					session: byId('={{ $json.session }}'),
					query: '={{ $json.q }}',
				},
				{
					input: [
						{ json: { session, q: 'first' } },
						{ json: { session: other.items[0].json.uuid, q: 'second' } },
					],
				},
			);

			expect(items.map((item) => item.json.response)).toEqual(['Echo: first', 'Echo: second']);
			expect(items.map((item) => item.json.sessionUuid)).toEqual([
				session,
				other.items[0].json.uuid,
			]);
		});

		it('fails when the stream is cut, without sending the message again', async () => {
			const { session } = emulator.seed();
			emulator.replyFor = () => 'a long answer in several chunks that will not arrive whole';
			emulator.cutNextStreams(1);
			emulator.clearRequests();

			const { error } = await run({
				resource: 'message',
				operation: 'send',
				session: byId(session),
				query: 'Will this arrive?',
			});

			// A chat message may have been processed (and charged) even if the reply broke off.
			expect(emulator.requests).toHaveLength(1);
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe('The connection broke while the answer was arriving');
			expect(error?.description).toMatch(/not sent again/);
		});

		it('rejects an empty message before any request', async () => {
			const { session } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'message',
				operation: 'send',
				session: byId(session),
				query: '={{ "   " }}',
			});

			expect(error?.message).toBe("'Message' is empty [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});

		it('names the session in a 404', async () => {
			// Depends on an assumption: an unknown ID gets 404 with an { error } body.
			const { error } = await run({
				resource: 'message',
				operation: 'send',
				session: byId('0123456789abcdef0123456789abcdef'),
				query: 'Hello?',
			});

			expect(error).toMatchObject({ httpCode: '404' });
			expect(error?.message).toMatch(/session/i);
		});
	});

	describe('Get Many', () => {
		it("returns a session's messages oldest first", async () => {
			const { session, messages } = emulator.seed();
			// Shuffle the stored order: the node sorts by created_at itself.
			const [first, second] = messages.map((uuid) => emulator.getMessage(uuid)!);
			first.created_at = '2024-05-01T10:00:00Z';
			second.created_at = '2024-04-01T10:00:00Z';
			emulator.clearRequests();

			const { items } = await run({
				resource: 'message',
				operation: 'getAll',
				session: byId(session),
				returnAll: true,
			});

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: `/api/v1/session/${session}/messages`, body: undefined },
			]);
			expect(items.map((item) => item.json.uuid)).toEqual([second.uuid, first.uuid]);
			expect(items[0].json).toHaveProperty('cite_data_json');
		});
	});

	describe('Delete', () => {
		it('sends POST to /message/{uuid}/delete and returns { deleted, uuid }', async () => {
			const { messages } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'message',
				operation: 'delete',
				messageId: messages[0],
			});

			expect(seen(emulator)).toEqual([
				{ method: 'POST', path: `/api/v1/message/${messages[0]}/delete`, body: undefined },
			]);
			expect(items[0].json).toEqual({ deleted: true, uuid: messages[0] });
			expect(emulator.getMessage(messages[0])).toBeUndefined();
		});
	});

	describe('Delete Many', () => {
		it('posts the IDs to /messages/delete and returns them', async () => {
			const { messages } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'message',
				operation: 'deleteMany',
				messageIds: messages.join(', '),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'POST', path: '/api/v1/messages/delete', body: { uuids: messages } },
			]);
			expect(items[0].json).toEqual({ deleted: true, uuids: messages });
		});

		it('sends 250 IDs as three requests of 100, 100 and 50', async () => {
			const ids = Array.from({ length: 250 }, (_, i) => i.toString(16).padStart(32, '0'));

			const { items } = await run(
				{
					resource: 'message',
					operation: 'deleteMany',
					messageIds: '={{ $json.ids }}',
				},
				{ input: [{ json: { ids } }] },
			);

			const sizes = emulator.requests.map(
				(request) => (request.body as { uuids: string[] }).uuids.length,
			);
			expect(sizes).toEqual([100, 100, 50]);
			expect(
				emulator.requests.flatMap((request) => (request.body as { uuids: string[] }).uuids),
			).toEqual(ids);
			expect((items[0].json.uuids as string[]).length).toBe(250);
		});

		it('rejects an empty ID list before any request', async () => {
			const { error } = await run({
				resource: 'message',
				operation: 'deleteMany',
				messageIds: '={{ " , " }}',
			});

			expect(error?.message).toBe("'Message IDs' has no IDs [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});
	});
});
