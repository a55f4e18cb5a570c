import { byId, usePlatform } from '../setup';
import { aiChatbotHub, seen } from './setup';

describe('AI Chatbot Hub › Session', () => {
	const { emulator, run } = usePlatform(aiChatbotHub);

	describe('Create', () => {
		it('posts to /chatbot/{uuid}/session/create with no body and returns the session', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'session',
				operation: 'create',
				chatbot: byId(chatbots.support),
				additionalFields: {},
			});

			const [request] = emulator.requests;
			expect(request.method).toBe('POST');
			expect(request.path).toBe(`/api/v1/chatbot/${chatbots.support}/session/create`);
			// The page documents no body: none is sent.
			expect(request.rawBody.length).toBe(0);
			expect(items[0].json.uuid).toMatch(/^[0-9a-f]{32}$/);
			expect(emulator.getSession(items[0].json.uuid as string)?.uuid).toBe(items[0].json.uuid);
		});

		it('sends Initial Variables as a flat object', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			await run({
				resource: 'session',
				operation: 'create',
				chatbot: byId(chatbots.support),
				additionalFields: { initialVariables: '{"customer_id": "C-1042", "vip": true}' },
			});

			expect(emulator.requests[0].body).toEqual({
				initial_variables: { customer_id: 'C-1042', vip: true },
			});
		});

		it('rejects nested Initial Variables before any request', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'session',
				operation: 'create',
				chatbot: byId(chatbots.support),
				additionalFields: { initialVariables: '{"customer": {"id": 1}}' },
			});

			expect(error?.message).toMatch(/^'Initial Variables' must be a flat JSON object/);
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Get', () => {
		it('gets a session by ID', async () => {
			const { session } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'session',
				operation: 'get',
				session: byId(session),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: `/api/v1/session/${session}`, body: undefined },
			]);
			expect(items[0].json.uuid).toBe(session);
		});
	});

	describe('Get Many', () => {
		it("lists a chatbot's sessions", async () => {
			const { chatbots, session } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'session',
				operation: 'getAll',
				chatbot: byId(chatbots.support),
				returnAll: true,
				filters: {},
			});

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: `/api/v1/chatbot/${chatbots.support}/sessions`, body: undefined },
			]);
			expect(items.map((item) => item.json.uuid)).toContain(session);
		});

		it('sends the time range as ISO timestamps and keeps only sessions inside it', async () => {
			const { chatbots } = emulator.seed();
			const sessions = emulator.sessionsOf(chatbots.support);
			sessions[0].created_at = '2024-01-10T10:00:00Z';
			const later = await run({
				resource: 'session',
				operation: 'create',
				chatbot: byId(chatbots.support),
				additionalFields: {},
			});
			emulator.getSession(later.items[0].json.uuid as string)!.created_at = '2024-03-01T10:00:00Z';
			emulator.clearRequests();

			const { items } = await run({
				resource: 'session',
				operation: 'getAll',
				chatbot: byId(chatbots.support),
				returnAll: true,
				filters: { createdAfter: '2024-02-01T00:00:00', createdBefore: '2024-04-01T00:00:00' },
			});

			const [request] = emulator.requests;
			expect(request.query.start_timestamp).toMatch(/^2024-02-01T\d\d:00:00\.000Z$/);
			expect(request.query.end_timestamp).toMatch(/^2024-04-01T\d\d:00:00\.000Z$/);
			expect(items.map((item) => item.json.uuid)).toEqual([later.items[0].json.uuid]);
		});

		it('rejects a filter that is not a date before any request', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'session',
				operation: 'getAll',
				chatbot: byId(chatbots.support),
				returnAll: true,
				filters: { createdAfter: '={{ "last tuesday" }}' },
			});

			expect(error?.message).toBe(`'Created After' is not a date: "last tuesday" [item 0]`);
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Delete', () => {
		it('sends POST to /session/{uuid}/delete and returns { deleted, uuid }', async () => {
			const { session } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'session',
				operation: 'delete',
				session: byId(session),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'POST', path: `/api/v1/session/${session}/delete`, body: undefined },
			]);
			expect(items[0].json).toEqual({ deleted: true, uuid: session });
			expect(emulator.getSession(session)).toBeUndefined();
		});
	});
});
