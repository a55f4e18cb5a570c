import { captureLogs } from '../../harness/logs';
import { installClock, SkippingClock } from '../../harness/virtualClock';
import { packageRequestClock } from '../../harness/workflow';
import { byId, usePlatform } from '../setup';
import { aiChatbotHub, TOKEN } from './setup';

/*
 * The request path every operation of every node shares (nodes/shared/requestLimits.ts), proven
 * through the AI Chatbot Hub node: Chatbot → Get is a read (safe to repeat), Chatbot → Create is
 * a creating POST (never repeated once the service may have carried it out).
 */
describe('AI Chatbot Hub › request limits, retries and errors', () => {
	const { emulator, run } = usePlatform(aiChatbotHub);
	let chatbotId: string;

	beforeEach(() => {
		chatbotId = emulator.seed().chatbots.support;
	});

	const getChatbot = (extra: object = {}) => ({
		resource: 'chatbot',
		operation: 'get',
		chatbot: byId(chatbotId),
		...extra,
	});
	const createChatbot = (extra: object = {}) => ({
		resource: 'chatbot',
		operation: 'create',
		name: 'Created bot',
		additionalFields: {},
		...extra,
	});
	const attempts = () => emulator.server.requests.length;

	describe('retries', () => {
		it('retries a 429 after the Retry-After delay and succeeds on the second attempt', async () => {
			emulator.server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
			const clock = new SkippingClock();
			const installed = installClock(await packageRequestClock(), clock);

			const { items, error } = await run(createChatbot()).finally(installed.restore);

			expect(error).toBeUndefined();
			expect(items[0].json.name).toBe('Created bot');
			expect(attempts()).toBe(2);
			const [first] = emulator.server.requests;
			expect(first.status).toBe(429);
			// The wait the request path asked for, before the second attempt: Retry-After at least.
			expect(clock.waits.filter((wait) => wait > 0)).toEqual([expect.any(Number)]);
			expect(Math.max(...clock.waits)).toBeGreaterThanOrEqual(1000);
		});

		it('repeats a create after a 503, which says the service did not process it', async () => {
			emulator.server.injectFault({ kind: 'status', status: 503, retryAfterSeconds: 0, times: 1 });

			const { error } = await run(createChatbot());

			expect(error).toBeUndefined();
			expect(attempts()).toBe(2);
		});

		it.each([502, 504])('repeats a read after a %i', async (status) => {
			emulator.server.injectFault({ kind: 'status', status, retryAfterSeconds: 0, times: 1 });

			const { items, error } = await run(getChatbot());

			expect(error).toBeUndefined();
			expect(items[0].json.uuid).toBe(chatbotId);
			expect(attempts()).toBe(2);
		});

		it('repeats a read whose connection was reset', async () => {
			emulator.server.injectFault({ kind: 'reset', times: 1 });

			const { items, error } = await run(getChatbot());

			expect(error).toBeUndefined();
			expect(items[0].json.uuid).toBe(chatbotId);
			expect(attempts()).toBe(2);
		});

		it('does not repeat a create that got a 504, and says why', async () => {
			// A gateway timeout may come after the service created the chatbot: sending the request
			// again could create a second one.
			emulator.server.injectFault({ kind: 'status', status: 504, retryAfterSeconds: 0 });

			const { error } = await run(createChatbot());

			expect(attempts()).toBe(1);
			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '504' });
			expect(error?.description).toMatch(/not sent again/);
		});

		it('does not repeat a create whose connection was reset', async () => {
			emulator.server.injectFault({ kind: 'reset' });

			const { error } = await run(createChatbot());

			expect(attempts()).toBe(1);
			expect(error?.message).toBe('The connection was closed before the service answered');
			expect(error?.description).toMatch(/not sent again/);
		});

		it('gives up after Max Retries and says how many times it tried', async () => {
			emulator.server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0 });

			const { error } = await run(getChatbot({ requestLimits: { maxRetries: 2 } }));

			expect(attempts()).toBe(3);
			expect(error).toMatchObject({ httpCode: '429' });
			expect(error?.description).toMatch(/tried 3 times/);
		});

		it('fails at once when Retry-After asks for more than a minute', async () => {
			emulator.server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 120 });

			const { error } = await run(getChatbot());

			expect(attempts()).toBe(1);
			expect(error?.description).toMatch(/asked to wait 120 s/);
		});

		it('does not retry a 500', async () => {
			emulator.server.injectFault({
				kind: 'status',
				status: 500,
				json: { error: 'Internal failure while loading chatbot' },
			});

			const { error } = await run(getChatbot());

			expect(attempts()).toBe(1);
			expect(error).toMatchObject({ httpCode: '500' });
			expect(error?.message).toBe('Internal failure while loading chatbot');
		});
	});

	describe('requests in flight', () => {
		const manyItems = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { i } }));

		it('keeps at most 5 requests in flight across 40 items by default', async () => {
			emulator.server.injectFault({ kind: 'slow', delayMs: 30 });

			const { items, error } = await run(getChatbot(), { input: manyItems(40) });

			expect(error).toBeUndefined();
			expect(items).toHaveLength(40);
			expect(items.map((item) => item.pairedItem)).toEqual(
				Array.from({ length: 40 }, (_, item) => ({ item })),
			);
			expect(attempts()).toBe(40);
			expect(emulator.server.peakInFlight).toBe(5);
		});

		it("holds a lower 'Max Requests in Flight'", async () => {
			emulator.server.injectFault({ kind: 'slow', delayMs: 20 });

			const { error } = await run(getChatbot({ requestLimits: { maxInFlight: 2 } }), {
				input: manyItems(10),
			});

			expect(error).toBeUndefined();
			expect(emulator.server.peakInFlight).toBe(2);
		});

		it('creates each of 30 items exactly once against a service that rejects a sixth request in flight', async () => {
			emulator.server.limitInFlight(5, 0);
			emulator.server.injectFault({ kind: 'slow', delayMs: 10 });

			const { items, error } = await run(
				createChatbot({ name: '={{ "Bot " + $json.i }}', requestLimits: { maxInFlight: 8 } }),
				{ input: manyItems(30) },
			);

			expect(error).toBeUndefined();
			const created = emulator.server.requests.filter((request) => request.status === 200);
			const names = created.map((request) => (request.body as { name: string }).name).sort();
			expect(names).toEqual(Array.from({ length: 30 }, (_, i) => `Bot ${i}`).sort());
			expect(items.map((item) => item.json.name)).toEqual(
				Array.from({ length: 30 }, (_, i) => `Bot ${i}`),
			);
		});
		it('halves its requests in flight after a 429, so a service that takes 5 at once sees few 429s', async () => {
			emulator.server.limitInFlight(5, 0);
			emulator.server.injectFault({ kind: 'slow', delayMs: 15 });

			const { items, error } = await run(getChatbot({ requestLimits: { maxInFlight: 10 } }), {
				input: manyItems(60),
			});

			expect(error).toBeUndefined();
			expect(items).toHaveLength(60);
			const rejected = emulator.server.requests.filter((request) => request.status === 429);
			// Without learning, every round of 10 would see 5 rejections (about 60 in all).
			expect(rejected.length).toBeLessThanOrEqual(12);
		});
	});

	describe('rate limits', () => {
		// The schedule the node keeps against a rate limit (an even pace after the first 429, a
		// slower one when the platform takes fewer) is asserted in virtual time in
		// test/nodes/shared/requestPath.test.ts; here the node runs it against the emulator.
		const manyItems = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { i } }));

		it('gets every item through a service that takes 10 requests per second', async () => {
			emulator.server.limitRate(10, 1);

			const { items, error } = await run(getChatbot(), { input: manyItems(30) });

			expect(error).toBeUndefined();
			expect(items).toHaveLength(30);
			expect(items.every((item) => item.json.uuid === chatbotId)).toBe(true);
		});
	});

	describe('responses that are not data', () => {
		it('reports a 200 with broken JSON as an error instead of passing text on', async () => {
			emulator.server.injectFault({ kind: 'malformedJson' });

			const { error, items } = await run(getChatbot());

			expect(items).toHaveLength(0);
			expect(error?.message).toBe('The service answered with a body that is not valid JSON');
			expect(attempts()).toBe(1);
		});

		it('reports an HTML page as a wrong Base URL, not as data', async () => {
			emulator.server.injectFault({ kind: 'htmlError', status: 200 });

			const { error } = await run(getChatbot());

			expect(error?.message).toBe('The service answered with a web page instead of data');
			expect(error?.description).toMatch(/Base URL/);
		});

		it("reports a proxy's HTML error page by its status after the retries", async () => {
			emulator.server.injectFault({ kind: 'htmlError', status: 502 });

			const { error } = await run(getChatbot({ requestLimits: { maxRetries: 1 } }));

			expect(attempts()).toBe(2);
			expect(error).toMatchObject({ httpCode: '502' });
			expect(error?.message).toBe('The service answered with status 502');
		});
	});

	describe('items that fail', () => {
		const twoItems = [{ json: { id: 'ffffffffffffffffffffffffffffffff' } }, { json: { id: '' } }];

		it('returns an error item and goes on with the next item when Continue On Fail is on', async () => {
			const { items, error } = await run(
				{ ...getChatbot(), chatbot: byId('={{ $json.id }}') },
				{
					input: [
						{ json: { id: 'ffffffffffffffffffffffffffffffff' } },
						{ json: { id: chatbotId } },
					],
					continueOnFail: true,
				},
			);

			expect(error).toBeUndefined();
			expect(items).toHaveLength(2);
			expect(items[0].json.error).toMatch(/not found/i);
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(items[1].json.uuid).toBe(chatbotId);
			expect(items[1].pairedItem).toEqual({ item: 1 });
		});

		it('sends nothing at all when one item is invalid and Continue On Fail is off', async () => {
			const { error } = await run(createChatbot({ name: '={{ $json.name }}' }), {
				input: [{ json: { name: 'A' } }, { json: { name: '' } }, { json: { name: 'C' } }],
			});

			expect(error?.message).toBe("'Name' is empty [item 1]");
			expect(attempts()).toBe(0);
		});

		it('sends the valid items and returns an error item for the invalid one when Continue On Fail is on', async () => {
			const { items } = await run(
				{ ...getChatbot(), chatbot: byId('={{ $json.id }}') },
				{ input: [{ json: { id: chatbotId } }, twoItems[1]], continueOnFail: true },
			);

			expect(attempts()).toBe(1);
			expect(items[0].json.uuid).toBe(chatbotId);
			expect(items[1].json.error).toBe("'Chatbot' is empty [item 1]");
		});
	});

	describe('credentials', () => {
		it('explains a refused token with the vendor message and code 401', async () => {
			const { error } = await run(getChatbot(), { credential: { apiToken: 'not-the-token' } });

			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
			expect(error?.message).toBe('Unauthorized: invalid API token');
			expect(error?.description).toMatch(/API token/);
		});

		it('keeps the API token out of every error, output item and log line', async () => {
			emulator.server.injectFault({ kind: 'status', status: 500, times: 1 });
			emulator.server.injectFault({ kind: 'reset', times: 1 });

			const { result: results, logged } = await captureLogs(async () => [
				await run(getChatbot()),
				await run(createChatbot()),
				await run(getChatbot(), { continueOnFail: true }),
				await run(getChatbot({ chatbot: byId('nope') }), { continueOnFail: true }),
			]);

			const everything = JSON.stringify({
				results: results.map(({ items, error }) => ({ items, error })),
				logged,
			});
			// The first two runs fail (a 500, a reset connection): their errors are checked too.
			expect(results[0].error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
			expect(results[1].error?.message).toBe(
				'The connection was closed before the service answered',
			);
			expect(everything).not.toContain(TOKEN);
		});
	});
});
