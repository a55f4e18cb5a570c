import {
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	asNodeError,
	isFinalError,
	readHttpFailure,
	toNodeApiError,
	type ErrorExplainer,
} from './errors';
import { bodyToItems } from './responses';

/*
 * n8n's declarative engine starts the requests of all input items at once and retries nothing.
 * The one place inside the declarative style where a node can wrap its own requests is a
 * pagination function: the engine calls it (instead of sending the request itself) whenever the
 * request is marked `paginate`, and lends it `makeRoutingRequest`, which authenticates, sends and
 * runs the operation's post-receive steps. Every request of our nodes goes through
 * `sendWithLimits` that way: the "Request Limits" collection below carries `paginate: true`, and
 * each node names its platform's sender in `description.requestOperations.pagination`.
 * Verified on n8n-core 2.41.1; see test/nodes/shared/requestLimits.test.ts.
 */

export const DEFAULT_MAX_IN_FLIGHT = 5;
export const DEFAULT_MAX_RETRIES = 3;

/** Retry-After values above this are not waited for: the item fails and says how long to wait. */
const MAX_RETRY_WAIT_MS = 60_000;
const BACKOFF_BASE_MS = 400;
const BACKOFF_CAP_MS = 15_000;
/** The shortest window a rate limit is measured over after a 429 with Retry-After. */
const RATE_WINDOW_MIN_MS = 1000;
/** Paced requests go at this share of the rate the platform accepted, to leave room for jitter. */
const PACED_SHARE_OF_RATE = 0.95;
/** A 429 while paced slows the pace only when the platform took this much less than the pace. */
const PACE_CHANGE_FACTOR = 1.1;

export const requestLimitsProperty: INodeProperties = {
	displayName: 'Request Limits',
	name: 'requestLimits',
	type: 'collection',
	placeholder: 'Add Limit',
	default: {},
	description:
		'How many requests this node sends at once and how it retries when the service is busy',
	// Marks every request of the node as "paginated", so that the engine hands it to sendWithLimits.
	routing: { send: { paginate: true } },
	options: [
		{
			displayName: 'Max Requests in Flight',
			name: 'maxInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_MAX_IN_FLIGHT,
			description:
				'The most requests this node keeps open at the same time across all its input items',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How many times a request is repeated after a 429 (too many requests) or a 502, 503 or 504 answer. Requests that may have created something are repeated only when the service says it did not process them (429, 503).',
		},
	],
};

export interface PlatformRequests {
	/** Turns a failed response into a message in the platform's own words. */
	explainError: ErrorExplainer;
	/**
	 * Whether repeating this request can do no harm even if the first attempt was processed
	 * (reads, updates, deletes). Creating requests answer false: after a timeout, a reset
	 * connection, a 502 or a 504 they are not sent again, so nothing is created twice.
	 */
	isRetrySafe: (request: DeclarativeRestApiSettings.HttpRequestOptions) => boolean;
	/**
	 * Whether a 429 on this request is a rate limit worth waiting out. Some platforms answer 429
	 * for states that waiting does not change (no credits left, a sync already running).
	 */
	isTooManyRequestsRetryable?: (request: DeclarativeRestApiSettings.HttpRequestOptions) => boolean;
}

/**
 * A per-node-run gate: at most `max` requests open at once, a shared pause after a 429 with
 * Retry-After (the platform's limit is per account, not per item), and a halt when an item failed
 * validation, so that no item is sent once the node is bound to fail.
 *
 * A 429 also teaches the gate the platform's limits:
 * - how many requests it takes at once: the gate halves the number it keeps open (multiplicative
 *   decrease) and grows it back by one after a run of answers without 429 (additive increase),
 *   never above `max`. So a user who sets more requests in flight than the platform allows gets a
 *   few 429s, not a storm of them.
 * - how many it takes per second: a 429 with Retry-After counts the requests the platform accepted
 *   within that window (at least a second) before it, and from then on the gate spaces requests
 *   evenly at a little under that rate. Sending in bursts after each Retry-After would meet the
 *   limit again at every burst and lose the time the burst took, every window.
 */
class RequestGate {
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private resumeAt = 0;
	/** The learned number of requests the platform takes at once; undefined until a 429. */
	private ceiling: number | undefined;
	/** Bumped at every decrease, so that one burst of 429s lowers the limits once. */
	private generation = 0;
	private successesSinceChange = 0;
	/** The requests sent in the last minute, oldest first. */
	private readonly recentlySent: GateTicket[] = [];
	/** The least time between two sends once a 429 revealed a rate limit; 0 before. */
	private spacingMs = 0;
	private nextSendAt = 0;
	haltedBy: Error | undefined;

	/** Waits for a slot (and, once a rate limit is known, for the request's turn). */
	async acquire(max: number): Promise<GateTicket> {
		for (;;) {
			if (this.haltedBy) throw this.haltedBy;
			const now = Date.now();
			const wait = Math.max(this.resumeAt, this.nextSendAt) - now;
			if (wait > 0) {
				await sleep(wait);
				continue;
			}
			if (this.inFlight < Math.min(max, this.ceiling ?? max)) {
				this.inFlight++;
				// Turns keep to an even grid, so that a late wake-up does not slow every later request,
				// but make up at most the pace's margin: never two requests closer than the rate allows.
				if (this.spacingMs > 0)
					this.nextSendAt = Math.max(
						this.nextSendAt + this.spacingMs,
						now + this.spacingMs * PACED_SHARE_OF_RATE,
					);
				const ticket: GateTicket = { generation: this.generation, sentAt: now };
				this.recentlySent.push(ticket);
				while (this.recentlySent[0].sentAt < now - MAX_RETRY_WAIT_MS) this.recentlySent.shift();
				return ticket;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	release(): void {
		this.inFlight--;
		this.waiting.shift()?.();
	}

	succeeded(max: number): void {
		if (this.ceiling === undefined || this.ceiling >= max) return;
		this.successesSinceChange++;
		if (this.successesSinceChange >= this.ceiling * 4) {
			this.ceiling++;
			this.successesSinceChange = 0;
			this.waiting.shift()?.();
		}
	}

	tooManyRequests(ticket: GateTicket, retryAfterMs: number | undefined): void {
		ticket.rejected = true;
		if (retryAfterMs) this.resumeAt = Math.max(this.resumeAt, Date.now() + retryAfterMs);
		if (ticket.generation !== this.generation) return;
		this.generation++;
		this.ceiling = Math.max(1, Math.floor(this.inFlight / 2));
		this.successesSinceChange = 0;
		if (retryAfterMs) this.learnRate(ticket, retryAfterMs);
	}

	/**
	 * Measures the platform's rate from the requests it accepted within the window (Retry-After,
	 * at least a second) before refusing this one: those sent earlier and not refused, answered or
	 * not yet.
	 */
	private learnRate(refused: GateTicket, retryAfterMs: number): void {
		const windowMs = Math.max(RATE_WINDOW_MIN_MS, retryAfterMs);
		let accepted = 0;
		for (let i = this.recentlySent.lastIndexOf(refused) - 1; i >= 0; i--) {
			const earlier = this.recentlySent[i];
			if (earlier.sentAt <= refused.sentAt - windowMs) break;
			if (!earlier.rejected) accepted++;
		}
		if (accepted === 0) return;
		const acceptedSpacingMs = windowMs / accepted;
		// While paced, the count is the paced rate, and a lone 429 is mostly timing (a request held
		// up on its way lets the next one catch up): the pace changes only when the platform
		// clearly took fewer. It never speeds up within a run.
		if (this.spacingMs === 0 || acceptedSpacingMs > this.spacingMs * PACE_CHANGE_FACTOR)
			this.spacingMs = acceptedSpacingMs / PACED_SHARE_OF_RATE;
	}

	halt(error: Error): void {
		this.haltedBy ??= error;
		for (const wake of this.waiting.splice(0)) wake();
	}
}

/** What a request was sent under: the gate's generation and the time it left. */
interface GateTicket {
	generation: number;
	sentAt: number;
	/** Answered 429. */
	rejected?: boolean;
}

/*
 * One gate per run of a node: the engine gives every item of one run the same execute-data
 * object, so it is the key, and the gate goes away with it.
 */
const gates = new WeakMap<object, RequestGate>();

function gateForRun(run: object): RequestGate {
	let gate = gates.get(run);
	if (!gate) {
		gate = new RequestGate();
		gates.set(run, gate);
	}
	return gate;
}

/**
 * Called by input validation: when the node will fail on this item anyway (Continue On Fail is
 * off), the requests of the other items that have not been sent yet are not sent at all.
 */
export function haltRequests(context: IExecuteSingleFunctions, error: Error): void {
	if (!context.continueOnFail()) gateForRun(context.getExecuteData()).halt(error);
}

export interface RequestLimits {
	maxInFlight: number;
	maxRetries: number;
}

/** The 'Request Limits' collection's value, with defaults. */
export function requestLimitsFrom(value: unknown): RequestLimits {
	const limits = (value ?? {}) as { maxInFlight?: number; maxRetries?: number };
	return {
		maxInFlight: Math.max(1, Math.floor(limits.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT)),
		maxRetries: Math.max(0, Math.floor(limits.maxRetries ?? DEFAULT_MAX_RETRIES)),
	};
}

function backoffMs(attempt: number): number {
	const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	// Jitter keeps items that failed together from coming back together.
	return exponential / 2 + Math.random() * (exponential / 2);
}

/** Sends one request through the gate, with retries; what a request plan calls for each request. */
export type SendRequest = (
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * How an operation turns one input item into requests, when it is more than one request:
 * walking the pages of a list, splitting a long list of IDs into chunks, accepting a 409.
 */
export type RequestPlan = (
	this: IExecutePaginationFunctions,
	send: SendRequest,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * Builds the pagination function that sends the requests of one platform's node: the node
 * names it in `description.requestOperations.pagination`; an operation that needs a plan names
 * `sendWithLimits(platform, plan)` in its own `routing.operations.pagination`.
 */
export function sendWithLimits(platform: PlatformRequests, plan?: RequestPlan) {
	return pairedWithItem(async function sendRequests(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		// The first post-receive step turns the raw body into items, and rejects a body that is not
		// what the request asked for (an HTML page or broken JSON with status 200).
		requestData.postReceive.unshift({
			data: { parameterValue: undefined },
			actions: [bodyToItems(requestData.options.encoding === 'text')],
		});
		// Lets the engine finish preparing (and validating) every input item before the first
		// request leaves, so that an invalid item can still stop the others.
		await sleep(0);

		const send: SendRequest = async (data) => await sendOne(this, platform, data);
		try {
			return plan ? await plan.call(this, send, requestData) : await send(requestData);
		} catch (error) {
			// Another item failed its input checks and the node fails on that item: this one was not
			// sent. It must not fail with the other item's error, which n8n would report as its own.
			const { haltedBy } = gateForRun(this.getExecuteData());
			const haltingItem = (haltedBy as { context?: IDataObject } | undefined)?.context?.itemIndex;
			if (error === haltedBy && haltingItem !== this.getItemIndex()) return [];
			throw asNodeError(this.getNode(), error);
		}
	});
}

type PaginationFunction = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * Pairs every output item with the input item it came from, error items too. Left unpaired,
 * n8n guesses: it pairs a lone output item with item 0 (wrong when item 0's list was empty) and
 * pairs nothing when items return lists of different lengths.
 */
function pairedWithItem(send: PaginationFunction): PaginationFunction {
	return async function sendPaired(requestData) {
		const pairedItem = { item: this.getItemIndex() };
		try {
			const items = await send.call(this, requestData);
			return items.map((item) => ({ ...item, pairedItem }));
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error);
			if (!this.continueOnFail()) throw nodeError;
			// The error item n8n's declarative engine makes of a failed item, paired with it.
			return [{ json: {}, error: nodeError, pairedItem }];
		}
	};
}

async function sendOne(
	context: IExecutePaginationFunctions,
	platform: PlatformRequests,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await callWithLimits({
		node: context.getNode(),
		itemIndex: context.getItemIndex(),
		run: context.getExecuteData(),
		limits: requestLimitsFrom(context.getNodeParameter('requestLimits', {})),
		platform,
		request: requestData.options,
		attempt: async () => await context.makeRoutingRequest(requestData),
	});
}

export interface LimitedCall<T> {
	node: INode;
	itemIndex: number;
	/** The node run's execute-data object (`getExecuteData()`): the key of the run's gate. */
	run: object;
	limits: RequestLimits;
	platform: PlatformRequests;
	/** The request being made, for the platform's retry-safety rule. */
	request: DeclarativeRestApiSettings.HttpRequestOptions;
	/** Makes the request once; throws n8n's request error when it fails. */
	attempt: () => Promise<T>;
}

/**
 * Makes one request under the node run's gate, retrying what may be retried. Declarative
 * operations reach it through sendWithLimits; programmatic ones (streamed replies) call it.
 */
export async function callWithLimits<T>(call: LimitedCall<T>): Promise<T> {
	const { node, itemIndex, limits, platform } = call;
	const gate = gateForRun(call.run);
	for (let attempt = 0; ; attempt++) {
		const ticket = await gate.acquire(limits.maxInFlight);
		let retryDelay: number;
		try {
			const result = await call.attempt();
			gate.succeeded(limits.maxInFlight);
			return result;
		} catch (error) {
			if (isFinalError(error)) throw asNodeError(node, error);
			const failure = readHttpFailure(error);
			const waitingHelps =
				failure.status !== 429 || (platform.isTooManyRequestsRetryable?.(call.request) ?? true);
			const mayRetry =
				failure.retryable &&
				waitingHelps &&
				(failure.notProcessed || platform.isRetrySafe(call.request));
			// Retry-After is the least the service wants us to wait; the backoff spaces out retries
			// when it asks for less (or says nothing).
			const waitMs = Math.max(failure.retryAfterMs ?? 0, backoffMs(attempt));
			if (!mayRetry || attempt >= limits.maxRetries || waitMs > MAX_RETRY_WAIT_MS) {
				throw toNodeApiError(
					node,
					failure,
					platform.explainError,
					{
						itemIndex,
						attempts: attempt + 1,
						notRepeatedBecauseUnsafe: failure.retryable && waitingHelps && !mayRetry,
						retryAfterTooLong: mayRetry && waitMs > MAX_RETRY_WAIT_MS,
					},
					call.request,
				);
			}
			// The platform's limit is per account, not per item: every item of the node waits.
			if (failure.status === 429) gate.tooManyRequests(ticket, failure.retryAfterMs);
			retryDelay = waitMs;
		} finally {
			gate.release();
		}
		await sleep(retryDelay);
	}
}
