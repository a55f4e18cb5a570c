/*
 * The request path's limits, in virtual time: the gate (requests in flight, the pause after a
 * 429), the pace it learns from a platform's rate limit, and the retry policy. A simulated
 * platform takes a fixed number of requests per second; the tests assert when each request left,
 * as the code computed it — never how long the test took.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { accountsKnown, IDLE_EXPIRY_MS } from '../../../nodes/shared/request/accounts';
import { requestClock } from '../../../nodes/shared/request/clock';
import { RequestGate } from '../../../nodes/shared/request/gate';
import { PACED_SHARE_OF_RATE } from '../../../nodes/shared/request/pacing';
import { sendRequest } from '../../../nodes/shared/request/request';
import { backoffMs, decideRetry } from '../../../nodes/shared/request/retryPolicy';
import { chatThing } from '../../../nodes/ChatThing/platform';
import type { HttpFailure } from '../../../nodes/shared/errors';
import type { Platform } from '../../../nodes/shared/platform';
import { installClock, VirtualClock } from '../../harness/virtualClock';

const platform: Platform = {
	name: 'Test platform',
	credentialName: 'testApi',
	secretFields: [],
	baseUrl: () => 'http://127.0.0.1:9',
	baseUrlExpression: '',
	explainError: (failure) => ({ message: `status ${failure.status}` }),
	isRetrySafe: (request) => request.method === 'GET',
};

const node = { name: 'Test node', type: 'test', typeVersion: 1 } as unknown as INode;

/** The context of one node run: one item's view of it, as the declarative engine gives it. */
function runContext(
	run: object,
	itemIndex: number,
	parameters: IDataObject = {},
	credentialId?: string,
) {
	const withCredential = credentialId
		? { ...node, credentials: { testApi: { id: credentialId, name: 'Test' } } }
		: node;
	return {
		getNode: () => withCredential,
		getItemIndex: () => itemIndex,
		getExecuteData: () => run,
		continueOnFail: () => false,
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
		getCredentials: async () => ({}),
	} as never;
}

/** n8n's request error for an HTTP answer, as `makeRoutingRequest` throws it. */
function httpError(status: number, retryAfterSeconds?: number) {
	return Object.assign(new Error(`status ${status}`), {
		cause: {
			response: {
				status,
				headers:
					retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
			},
		},
	});
}

/**
 * A platform that takes `rate` requests in any second (a sliding window), answers 429 with
 * Retry-After: 1 beyond that (after `refusalLatencyMs`), and answers each request it takes after
 * `latencyMs`.
 */
class RateLimitedPlatform {
	readonly sent: Array<{ at: number; accepted: boolean }> = [];
	private readonly rateChanges: Array<{ at: number; rate: number }> = [];
	private readonly latencyChanges: Array<{ at: number; latencyMs: number }> = [];
	constructor(
		private readonly clock: VirtualClock,
		public rate: number,
		private latencyMs = 20,
		private refusalLatencyMs = latencyMs,
	) {}

	/** From `at` on (virtual time), the platform takes `rate` requests a second. */
	changesRateAt(at: number, rate: number): void {
		this.rateChanges.push({ at, rate });
	}

	/** From `at` on, answers and refusals take `latencyMs` (n8n got less busy). */
	changesLatencyAt(at: number, latencyMs: number): void {
		this.latencyChanges.push({ at, latencyMs });
	}

	async answer(): Promise<string> {
		const at = this.clock.now();
		while (this.rateChanges.length > 0 && at >= this.rateChanges[0].at)
			this.rate = this.rateChanges.shift()!.rate;
		while (this.latencyChanges.length > 0 && at >= this.latencyChanges[0].at)
			this.latencyMs = this.refusalLatencyMs = this.latencyChanges.shift()!.latencyMs;
		const inWindow = this.sent.filter((entry) => entry.accepted && entry.at > at - 1000).length;
		const accepted = inWindow < this.rate;
		this.sent.push({ at, accepted });
		await this.clock.sleep(accepted ? this.latencyMs : this.refusalLatencyMs);
		if (!accepted) throw httpError(429, 1);
		return 'ok';
	}

	get refusals() {
		return this.sent.filter((entry) => !entry.accepted);
	}

	acceptedAfter(since: number) {
		return this.sent.filter((entry) => entry.accepted && entry.at > since).map((entry) => entry.at);
	}
}

describe('Request path › limits in virtual time', () => {
	let clock: VirtualClock;
	let installed: { restore: () => void };
	beforeEach(() => {
		clock = new VirtualClock();
		installed = installClock(requestClock, clock);
	});
	afterEach(() => installed.restore());

	/** The requests of `count` items of one node run, all at once, as the engine starts them. */
	function itemsOfOneRun(
		count: number,
		answer: () => Promise<string>,
		parameters?: IDataObject,
		credentialId?: string,
	): Array<Promise<string>> {
		const run = {};
		return Array.from(
			{ length: count },
			async (_, item) =>
				await sendRequest<string>(
					runContext(run, item, parameters, credentialId),
					platform,
					{ method: 'GET', url: '/records' },
					{ attempt: answer },
				),
		);
	}

	/** Sends `count` items' requests at once through sendRequest, as a node run does. */
	async function sendItems(count: number, answer: () => Promise<string>, parameters?: IDataObject) {
		return await clock.run(Promise.all(itemsOfOneRun(count, answer, parameters)));
	}

	it('learns the rate from its first 429 and sends the other items evenly spaced at that rate', async () => {
		const service = new RateLimitedPlatform(clock, 10);

		const results = await sendItems(30, async () => await service.answer());

		expect(results).toHaveLength(30);
		// Only the requests in flight when the first 429 came are refused, all at once.
		const firstRefusal = service.refusals[0].at;
		expect(service.refusals.every((entry) => entry.at - firstRefusal < 200)).toBe(true);
		// Then 10 per second means one request every 100 ms (at 95 % of the rate: 105 ms), not
		// bursts after each Retry-After; a late turn is made up by at most 5 %.
		const times = service.acceptedAfter(firstRefusal);
		expect(times.length).toBeGreaterThanOrEqual(20);
		const gaps = times.slice(1).map((time, index) => time - times[index]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual((100 / PACED_SHARE_OF_RATE) * 0.95 - 0.001);
	});

	it('slows its pace when the service takes fewer requests than before', async () => {
		const service = new RateLimitedPlatform(clock, 10);
		// 40 items at 10 per second take 4 s at least: the rate falls while the node runs.
		service.changesRateAt(2000, 4);

		const results = await sendItems(40, async () => await service.answer());

		expect(results).toHaveLength(40);
		// One or two 429s reveal the lower rate; a pace that stayed at 10 per second would be
		// refused again in every second after it.
		const afterLowering = service.refusals.filter((entry) => entry.at >= 2000);
		expect(afterLowering.length).toBeGreaterThanOrEqual(1);
		expect(afterLowering.length).toBeLessThanOrEqual(2);
	});

	it('waits at least Retry-After before repeating a 429, and then succeeds', async () => {
		let calls = 0;
		const answer = async () => {
			calls++;
			if (calls === 1) throw httpError(429, 1);
			return 'ok';
		};

		const [result] = await sendItems(1, answer);

		expect(result).toBe('ok');
		expect(calls).toBe(2);
		expect(clock.waits.some((wait) => wait >= 1000)).toBe(true);
	});

	it('reads Retry-After through a NodeApiError wrapped once more (another copy of n8n-workflow)', async () => {
		let calls = 0;
		const answer = async () => {
			calls++;
			// n8n's NodeApiError (its cause the axios error), wrapped by a NodeApiError of the
			// package's own copy of n8n-workflow, which does not know the first one as its class.
			if (calls === 1)
				throw Object.assign(new Error('429'), { httpCode: '429', cause: httpError(429, 1) });
			return 'ok';
		};

		const [result] = await sendItems(1, answer);

		expect(result).toBe('ok');
		expect(calls).toBe(2);
		expect(clock.waits.some((wait) => wait >= 1000)).toBe(true);
	});

	it('keeps its requests in flight after a 429 that the pace answers: a slow answer does not cut the rate', async () => {
		// 20 per second, each answer 200 ms after its request (as in a busy n8n): keeping the rate
		// takes 4 requests open at once.
		const service = new RateLimitedPlatform(clock, 20, 200);

		const results = await sendItems(120, async () => await service.answer());

		expect(results).toHaveLength(120);
		const firstRefusal = service.refusals[0].at;
		// After the pause the 429 asked for, the paced rate (95 % of 20 per second) is kept from
		// the start: 35 of the 38 it allows in these 2 s of virtual time; halving the requests in
		// flight to 2 carried 24.
		const nextTwoSeconds = service
			.acceptedAfter(firstRefusal + 1000)
			.filter((at) => at <= firstRefusal + 3000);
		expect(nextTwoSeconds.length).toBeGreaterThanOrEqual(34);
	});

	it('keeps no more than Max Requests in Flight open', async () => {
		let open = 0;
		let peak = 0;
		const answer = async () => {
			open++;
			peak = Math.max(peak, open);
			await clock.sleep(50);
			open--;
			return 'ok';
		};

		await sendItems(20, answer, { requestLimits: { maxInFlight: 3 } });

		expect(peak).toBe(3);
	});

	it('fails after Max Retries and says how often it tried', async () => {
		let calls = 0;
		const answer = async () => {
			calls++;
			throw httpError(503);
		};

		await expect(sendItems(1, answer, { requestLimits: { maxRetries: 2 } })).rejects.toMatchObject({
			httpCode: '503',
			description: expect.stringContaining('The request was tried 3 times.'),
		});
		expect(calls).toBe(3);
	});
});

describe('Request path › one limit for every execution with the same credential', () => {
	let clock: VirtualClock;
	let installed: { restore: () => void };
	let credentialCount = 0;
	/** A credential ID no other test uses: the accounts' gates live as long as the process. */
	const newCredential = () => `shared-${++credentialCount}-${Math.random()}`;
	beforeEach(() => {
		clock = new VirtualClock();
		installed = installClock(requestClock, clock);
	});
	afterEach(() => installed.restore());

	/** The requests of one run of a node, as in the block above, with a credential. */
	function run(
		count: number,
		answer: () => Promise<string>,
		credentialId: string,
		parameters: IDataObject = {},
		to: { platform: Platform; url: string } = { platform, url: '/records' },
	): Array<Promise<string>> {
		const key = {};
		return Array.from(
			{ length: count },
			async (_, item) =>
				await sendRequest<string>(
					runContext(key, item, parameters, credentialId),
					to.platform,
					{ method: to.url === '/records' ? 'GET' : 'POST', url: to.url },
					{ attempt: answer },
				),
		);
	}

	/** A platform that answers after `latencyMs` and counts the requests open at once. */
	function countingPlatform(latencyMs = 50) {
		const state = { open: 0, peak: 0, sent: [] as number[] };
		const answer = async () => {
			state.open++;
			state.peak = Math.max(state.peak, state.open);
			state.sent.push(clock.now());
			await clock.sleep(latencyMs);
			state.open--;
			return 'ok';
		};
		return { state, answer };
	}

	it('keeps two executions with one credential within one limit together', async () => {
		const credential = newCredential();
		const { state, answer } = countingPlatform();

		const results = await clock.run(
			Promise.all([...run(20, answer, credential), ...run(20, answer, credential)]),
		);

		expect(results).toHaveLength(40);
		// Each run may keep 5 in flight; together they keep 5, not 10.
		expect(state.peak).toBe(5);
	});

	it('holds the rate a platform took from one execution for the next one, which starts paced', async () => {
		const credential = newCredential();
		const service = new RateLimitedPlatform(clock, 10);
		await clock.run(Promise.all(run(30, async () => await service.answer(), credential)));
		const refusedInFirst = service.refusals.length;

		await clock.run(Promise.all(run(30, async () => await service.answer(), credential)));

		expect(refusedInFirst).toBeGreaterThan(0);
		// The second execution knows the pace from the start: no new refusals.
		expect(service.refusals).toHaveLength(refusedInFirst);
	});

	it('pauses and paces the account after a 429 it does not repeat', async () => {
		const credential = newCredential();
		const service = new RateLimitedPlatform(clock, 10);
		// A platform whose 429 may mean something waiting does not change (Chat Thing's messages).
		const noRepeat = {
			platform: { ...platform, tooManyRequestsRetries: () => 0 },
			url: '/message',
		};
		const answer = async () => await service.answer();

		const outcomes = await clock.run(
			Promise.allSettled([
				...run(20, answer, credential, {}, noRepeat),
				...run(20, answer, credential, {}, noRepeat),
			]),
		);

		// Only the requests of the first burst are refused (at most the 5 in flight then); the
		// others wait out Retry-After and go at the pace learned from that 429. Unpaced, the
		// gate would have sent all 30 others within the first second, and 10 per second refuses
		// 20 of them.
		const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
		expect(failed.length).toBe(service.refusals.length);
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.length).toBeLessThanOrEqual(5);
		const firstRefusal = service.refusals[0].at;
		const times = service.acceptedAfter(firstRefusal);
		expect(times[0] - firstRefusal).toBeGreaterThanOrEqual(1000);
		const gaps = times.slice(1).map((time, index) => time - times[index]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual((100 / PACED_SHARE_OF_RATE) * 0.95 - 0.001);
	});

	it('repeats a Chat Thing message refused with 429 once when Retry-After says when, else not', async () => {
		const toChatThing = {
			platform: { ...platform, tooManyRequestsRetries: chatThing.tooManyRequestsRetries },
			url: '/message',
		};
		/** Answers 429 (with or without Retry-After) `refusals` times, then ok. */
		const refusing = (refusals: number, retryAfterSeconds?: number) => {
			const calls: number[] = [];
			const answer = async () => {
				calls.push(clock.now());
				if (calls.length <= refusals) throw httpError(429, retryAfterSeconds);
				return 'ok';
			};
			return { calls, answer };
		};

		const once = refusing(1, 1);
		const [result] = await clock.run(
			Promise.all(run(1, once.answer, newCredential(), {}, toChatThing)),
		);
		expect(result).toBe('ok');
		expect(once.calls).toHaveLength(2);
		expect(once.calls[1] - once.calls[0]).toBeGreaterThanOrEqual(1000);

		const twice = refusing(2, 1);
		await expect(
			clock.run(Promise.all(run(1, twice.answer, newCredential(), {}, toChatThing))),
		).rejects.toMatchObject({ httpCode: '429' });
		expect(twice.calls).toHaveLength(2);

		// No Retry-After: out of credits or the AI service overloaded; waiting changes nothing.
		const credits = refusing(1);
		await expect(
			clock.run(Promise.all(run(1, credits.answer, newCredential(), {}, toChatThing))),
		).rejects.toMatchObject({ httpCode: '429' });
		expect(credits.calls).toHaveLength(1);
	});

	it('repeats a Chat Thing message refused again after the channel answered another message', async () => {
		const toChatThing = {
			platform: { ...platform, tooManyRequestsRetries: chatThing.tooManyRequestsRetries },
			url: '/message',
		};
		const credential = newCredential();
		const calls: number[] = [];
		const refusedTwice = async () => {
			calls.push(clock.now());
			if (calls.length <= 2) throw httpError(429, 1);
			return 'ok';
		};
		const otherAnswered: number[] = [];
		const other = async () => {
			otherAnswered.push(clock.now());
			return 'other ok';
		};

		const [[result]] = await clock.run(
			Promise.all([
				Promise.all(run(1, refusedTwice, credential, {}, toChatThing)),
				(async () => {
					// Another execution's message, sent while the first waits out its Retry-After.
					await clock.sleep(500);
					return await Promise.all(run(1, other, credential, {}, toChatThing));
				})(),
			]),
		);

		// Its second 429 came after the channel had answered the other message: the rate limit,
		// not used-up credits, so it was tried a third time.
		expect(result).toBe('ok');
		expect(calls).toHaveLength(3);
		expect(otherAnswered).toHaveLength(1);
		expect(otherAnswered[0]).toBeGreaterThan(calls[0]);
		expect(otherAnswered[0]).toBeLessThanOrEqual(calls[1]);
	});

	/** Requests per second the platform accepted in [from, to) of virtual time. */
	const acceptedRate = (service: RateLimitedPlatform, from: number, to: number) =>
		(service.acceptedAfter(from - 1e-9).filter((at) => at < to).length * 1000) / (to - from);

	it('speeds a pace learned in a busy n8n up again soon, in growing steps, while the platform takes it', async () => {
		// A busy n8n: each request takes 300 ms from its turn to its answer, so the count of the
		// first 429 is not one to trust, though the 429 itself comes back at once. It comes while
		// the platform takes 16 a second (as when the requests reach it bunched, or another
		// worker sends too); from 1.5 s on it takes 20.
		const service = new RateLimitedPlatform(clock, 16, 300, 5);
		service.changesRateAt(1500, 20);

		const results = await clock.run(
			Promise.all(
				run(600, async () => await service.answer(), newCredential(), {
					requestLimits: { maxInFlight: 10 },
				}),
			),
		);

		expect(results).toHaveLength(600);
		// Learned: 95 % of 16. Held 5 s, it is tried 5 % faster, then 10 % and 20 % at 2-s steps:
		// the platform refuses that one (at 11.2 s), and the pace is learned from it again, 95 %
		// of 20. Unchanged, it would have stayed at 15.2; trusted, the first try would come 20 s
		// after the first 429.
		expect(acceptedRate(service, 2000, 5000)).toBeCloseTo(15.33, 1);
		const tries = service.refusals.filter((entry) => entry.at > 1000).map((entry) => entry.at);
		expect(tries[0]).toBeLessThan(12_000);
		expect(acceptedRate(service, 13_000, 18_000)).toBeCloseTo(19, 1);
		// The next try waits twice as long (10 s), then 20 s.
		expect(tries.filter((at) => at < tries[0] + 10_000)).toHaveLength(1);
	});

	it('tries a faster pace seldom once a refused try came back at once, after a start in a busy n8n', async () => {
		// The platform takes 20 a second throughout. For the first 2 s n8n is busy (300 ms from a
		// turn to its answer), so the first count is not one to trust and is tried faster after
		// 5 s; after that, answers come back at once.
		const service = new RateLimitedPlatform(clock, 20, 300);
		service.changesLatencyAt(2000, 20);

		const results = await clock.run(
			Promise.all(
				run(1200, async () => await service.answer(), newCredential(), {
					requestLimits: { maxInFlight: 10, maxWaitSeconds: 600 },
				}),
			),
		);

		expect(results).toHaveLength(1200);
		// The first try is refused (at 9.1 s) with every answer back at once: the pace is at the
		// platform's limit, so the next try waits 20 s, as after a count to trust, not 10 s. Each
		// refused try pauses the account for its Retry-After: 2 tries in the first minute leave
		// 18.4 a second of the 20 used from 3 s on (3 tries, waiting 10 s and 20 s: 18.1).
		const tries = service.refusals.filter((entry) => entry.at > 2000).map((entry) => entry.at);
		expect(tries[0]).toBeLessThan(12_000);
		expect(tries[1] - tries[0]).toBeGreaterThanOrEqual(20_000);
		expect(tries.filter((at) => at < 60_000)).toHaveLength(2);
		expect(acceptedRate(service, 3000, 60_000)).toBeGreaterThanOrEqual(18.3);
	});

	it("tries a faster pace seldom at a platform's exact limit, less and less often", async () => {
		const service = new RateLimitedPlatform(clock, 20);

		const results = await clock.run(
			Promise.all(
				run(2400, async () => await service.answer(), newCredential(), {
					requestLimits: { maxWaitSeconds: 600 },
				}),
			),
		);

		expect(results).toHaveLength(2400);
		// The first burst's 429s came back at once: a count to trust, so the first faster try
		// comes 20 s later (5 % holds, 10 % 2 s after it is refused), the next after 40 s. Each
		// refused try pauses the account for its Retry-After: 18.7 of the 20 a second are used in
		// the first minute (with tries every 5 s, 10, 20…, 18.2).
		const tries = service.refusals.filter((entry) => entry.at > 1000).map((entry) => entry.at);
		expect(tries.filter((at) => at < 60_000)).toHaveLength(1);
		expect(tries[0]).toBeGreaterThan(20_000);
		expect(tries[1] - tries[0]).toBeGreaterThanOrEqual(40_000);
		expect(acceptedRate(service, 2000, 60_000)).toBeGreaterThanOrEqual(18.6);
	});

	it('slows its pace by 5 % after a 429 at it, when the platform takes a little less than before', async () => {
		// 19 a second learned from 20; then the platform takes 18 (another worker took the rest):
		// too close for the count to show clearly fewer.
		const service = new RateLimitedPlatform(clock, 20);
		service.changesRateAt(3000, 18);

		const results = await clock.run(
			Promise.all(run(300, async () => await service.answer(), newCredential())),
		);

		expect(results).toHaveLength(300);
		// One 429 at 19 a second slows to 18.05, one more at that pace to 17.1; kept at 19, every
		// second after 3 s would see one.
		const afterDrop = service.refusals.filter((entry) => entry.at >= 3000);
		expect(afterDrop.length).toBeGreaterThanOrEqual(1);
		expect(afterDrop.length).toBeLessThanOrEqual(3);
	});

	it('keeps its pace after a 429 at the start of a burst whose first requests reached the platform late', async () => {
		// 19 a second learned from 20. Then a new burst in a busy n8n: the requests whose turns
		// come in its first second reach the platform 600 ms after their turns, bunched with the
		// next second's, so the platform refuses while the 429's own second counts only 15.
		const credential = newCredential();
		const service = new RateLimitedPlatform(clock, 20);
		const patient = { requestLimits: { maxWaitSeconds: 600 } };
		const burstAt = 10_000;
		const late = async () => {
			if (clock.now() >= burstAt && clock.now() < burstAt + 1000) await clock.sleep(600);
			return await service.answer();
		};

		await clock.run(
			Promise.all([
				...run(100, late, credential, patient),
				(async () => {
					await clock.sleep(burstAt);
					return await Promise.all(run(400, late, credential, patient));
				})(),
			]),
		);

		// The one 429 (at 12 s) counts 15 in its second. With the late ones from before, that is not
		// clearly fewer than the pace: it slows by 5 % (18 a second from 13 s on). Taken as the
		// platform's rate, 15 would have set the pace to 14.25 for 20 s.
		expect(service.refusals.filter((entry) => entry.at > burstAt)).toHaveLength(1);
		expect(acceptedRate(service, burstAt + 3000, burstAt + 15_000)).toBeGreaterThanOrEqual(17.5);
	});

	it('keeps its pace after a 429 that came while it had little to send: the count is its demand', async () => {
		// 19 a second learned from 20. Then one request every 150 ms, nobody waiting behind it,
		// while someone else takes most of the account for a second (5 a second left from 7 s);
		// then 300 items at once.
		const credential = newCredential();
		const service = new RateLimitedPlatform(clock, 20);
		service.changesRateAt(7000, 5);
		service.changesRateAt(8000, 20);
		const answer = async () => await service.answer();
		const patient = { requestLimits: { maxWaitSeconds: 600 } };

		await clock.run(
			Promise.all([
				...run(100, answer, credential, patient),
				...Array.from({ length: 16 }, async (_, index) => {
					await clock.sleep(7000 + index * 150);
					return await Promise.all(run(1, answer, credential, patient));
				}),
				(async () => {
					await clock.sleep(10_000);
					return await Promise.all(run(300, answer, credential, patient));
				})(),
			]),
		);

		// The 429 at 7.75 s counted 5 requests in its second: what there was to send, not what the
		// platform takes, so the pace slowed by 5 % (18.05 a second) instead of dropping to 4.75.
		expect(service.refusals.filter((entry) => entry.at > 7000)).toHaveLength(1);
		expect(acceptedRate(service, 11_000, 16_000)).toBeGreaterThanOrEqual(17.5);
	});

	it('lets two workers that share an account take its whole rate together, also after one stops', async () => {
		// Two n8n processes (queue-mode workers) have a gate each: two credentials here.
		const patient = { requestLimits: { maxWaitSeconds: 600 } };
		const service = new RateLimitedPlatform(clock, 20);
		const answer = async () => await service.answer();
		let secondDoneAt = 0;

		await clock.run(
			Promise.all([
				Promise.all(run(600, answer, newCredential(), patient)),
				Promise.all(run(200, answer, newCredential(), patient)).then(() => {
					secondDoneAt = clock.now();
				}),
			]),
		);

		// Together: each learns about half of the rate at the first 429s (9.5 each), 19 a second.
		expect(acceptedRate(service, 2000, 10_000)).toBeGreaterThanOrEqual(18.5);
		// Alone, the first climbs back to (nearly) the whole rate within 20 s; without the tries
		// it would keep its half.
		expect(secondDoneAt).toBeLessThan(25_000);
		expect(acceptedRate(service, secondDoneAt + 15_000, secondDoneAt + 20_000)).toBeGreaterThan(15);
	});

	it('does not slow one credential down for another', async () => {
		const slowed = newCredential();
		const other = newCredential();
		const service = new RateLimitedPlatform(clock, 5);
		const { state, answer } = countingPlatform(10);

		await clock.run(
			Promise.all([
				...run(40, async () => await service.answer(), slowed),
				...run(20, answer, other).map(async (request) => await request),
			]),
		);

		// The other credential's 20 requests went at once, 5 at a time, in about 4 × 10 ms.
		expect(Math.max(...state.sent)).toBeLessThan(100);
	});

	it('forgets an account that has been idle for a while', async () => {
		const { answer } = countingPlatform(10);
		await clock.run(Promise.all(run(1, answer, newCredential())));
		const known = accountsKnown();

		clock.advance(IDLE_EXPIRY_MS + 60_000);
		await clock.run(Promise.all(run(1, answer, newCredential())));

		// The idle ones (this test's first and the other tests') are gone; the new one is there.
		expect(known).toBeGreaterThan(1);
		expect(accountsKnown()).toBe(1);
	});

	it("fails exactly the requests whose turn would come after 'Max Wait', and says why", async () => {
		const credential = newCredential();
		const service = new RateLimitedPlatform(clock, 10);
		// The pace is learned first (about 10 per second).
		await clock.run(Promise.all(run(20, async () => await service.answer(), credential)));
		const sentBefore = service.sent.length;
		const refusedBefore = service.refusals.length;

		const outcomes = await clock.run(
			Promise.allSettled(
				run(40, async () => await service.answer(), credential, {
					requestLimits: { maxWaitSeconds: 2 },
				}),
			),
		);

		const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
		const succeeded = outcomes.length - failed.length;
		// At about 10 per second, about 20 get their turn within 2 s; the rest fail at once when
		// their 2 s are up, and nothing is sent for them.
		expect(succeeded).toBeGreaterThanOrEqual(17);
		expect(succeeded).toBeLessThanOrEqual(21);
		expect(service.sent.length - sentBefore).toBe(
			succeeded + service.refusals.length - refusedBefore,
		);
		const [first] = failed as PromiseRejectedResult[];
		expect(first.reason).toMatchObject({
			message: expect.stringMatching(
				/^Test platform's request limit was reached: the request waited 2 s for its turn and was not sent$/,
			),
			description: expect.stringMatching(
				/requests to Test platform with this credential were waiting before it .*it would have had to wait about [\d.]+ s more/,
			),
		});
	});
});

describe('Request path › the gate', () => {
	it('halves the requests it keeps open after a 429 and grows them back one at a time', async () => {
		const clock = new VirtualClock();
		const gate = new RequestGate(clock);
		const tickets = await clock.run(Promise.all([0, 1, 2, 3, 4, 5].map(() => gate.acquire(6))));

		gate.tooManyRequests(tickets[0], undefined);

		expect(gate.openSlots(6)).toBe(3);
		// A burst of 429s from the same moment lowers the limits once.
		gate.tooManyRequests(tickets[1], undefined);
		expect(gate.openSlots(6)).toBe(3);
		// Four answers per open slot without a 429 earn one slot back.
		for (let i = 0; i < 12; i++) gate.succeeded(6);
		expect(gate.openSlots(6)).toBe(4);
	});

	it('pauses every request after a 429 with Retry-After, from the moment of the 429', async () => {
		const clock = new VirtualClock();
		const gate = new RequestGate(clock);
		const first = await clock.run(gate.acquire(5));
		gate.release(first);

		gate.tooManyRequests(first, 2000);
		const next = await clock.run(gate.acquire(5));

		expect(next.sentAt).toBe(2000);
	});

	it('throws the halting error to a request that waits for a slot when the run is halted', async () => {
		const clock = new VirtualClock();
		const gate = new RequestGate(clock);
		await clock.run(gate.acquire(1));
		const run: { haltedBy?: Error } = {};
		const waiting = gate.acquire(1, { stopped: () => run.haltedBy });

		run.haltedBy = new Error('item 3 is invalid');
		gate.wakeAll();

		await expect(clock.run(waiting)).rejects.toBe(run.haltedBy);
	});
});

describe('Request path › the retry policy', () => {
	const failure = (extra: Partial<HttpFailure>): HttpFailure => ({
		retryable: false,
		notProcessed: false,
		...extra,
	});
	const situation = {
		attempt: 0,
		maxRetries: 3,
		retrySafe: false,
		tooManyRequestsRetries: 3,
		refusals: 1,
	};

	it('repeats a 429 on a request that creates something: the platform did not take it', () => {
		const decision = decideRetry(
			failure({ status: 429, retryable: true, notProcessed: true, retryAfterMs: 1000 }),
			situation,
		);
		expect(decision).toEqual({ retry: true, waitMs: expect.any(Number) });
		expect((decision as { waitMs: number }).waitMs).toBeGreaterThanOrEqual(1000);
	});

	it('does not repeat a 502 on a request that creates something, and says why', () => {
		expect(decideRetry(failure({ status: 502, retryable: true }), situation)).toEqual({
			retry: false,
			notRepeatedBecauseUnsafe: true,
			retryAfterTooLong: false,
		});
	});

	it('repeats a 502 on a read', () => {
		expect(
			decideRetry(failure({ status: 502, retryable: true }), { ...situation, retrySafe: true }),
		).toMatchObject({ retry: true });
	});

	it('does not wait out a Retry-After of more than a minute', () => {
		expect(
			decideRetry(
				failure({ status: 429, retryable: true, notProcessed: true, retryAfterMs: 61_000 }),
				situation,
			),
		).toEqual({ retry: false, notRepeatedBecauseUnsafe: false, retryAfterTooLong: true });
	});

	it('does not wait out a 429 that waiting does not change (no credits left)', () => {
		expect(
			decideRetry(failure({ status: 429, retryable: true, notProcessed: true }), {
				...situation,
				tooManyRequestsRetries: 0,
			}),
		).toMatchObject({ retry: false, notRepeatedBecauseUnsafe: false });
	});

	it('repeats a 429 only as often as the platform finds it worth waiting out', () => {
		const tooMany = failure({
			status: 429,
			retryable: true,
			notProcessed: true,
			retryAfterMs: 1000,
		});
		const once = { ...situation, tooManyRequestsRetries: 1 };
		expect(decideRetry(tooMany, once)).toMatchObject({ retry: true });
		expect(decideRetry(tooMany, { ...once, attempt: 1, refusals: 2 })).toMatchObject({
			retry: false,
		});
		// A second 429 that the rate explains (others were answered in between) is not counted.
		expect(decideRetry(tooMany, { ...once, attempt: 1, refusals: 1 })).toMatchObject({
			retry: true,
		});
		// Other failures still get 'Max Retries'.
		expect(
			decideRetry(failure({ status: 503, retryable: true, notProcessed: true }), {
				...once,
				attempt: 2,
			}),
		).toMatchObject({ retry: true });
	});

	it('stops after Max Retries', () => {
		expect(
			decideRetry(failure({ status: 503, retryable: true, notProcessed: true }), {
				...situation,
				attempt: 3,
			}),
		).toMatchObject({ retry: false });
	});

	it('backs off exponentially, with jitter in the upper half, up to 15 s', () => {
		expect([0, 1, 2].map((attempt) => backoffMs(attempt, () => 0))).toEqual([200, 400, 800]);
		expect([0, 1, 2].map((attempt) => backoffMs(attempt, () => 1))).toEqual([400, 800, 1600]);
		expect(backoffMs(10, () => 1)).toBe(15_000);
	});
});
