import { requestClock, type Clock } from './clock';
import { Pacer, type Ticket } from './pacing';

/** A request's turn did not come within its 'Max Wait'. */
export class TurnNotInTime extends Error {
	constructor(
		readonly waitedMs: number,
		/** Requests still waiting before this one. */
		readonly ahead: number,
		/** The pace the platform takes, in requests per second, once a 429 revealed it. */
		readonly perSecond: number | undefined,
	) {
		super('The request did not get its turn within Max Wait');
	}

	/** About how much longer the request would have had to wait, when the pace is known. */
	get moreMs(): number | undefined {
		return this.perSecond ? ((this.ahead + 1) / this.perSecond) * 1000 : undefined;
	}
}

interface Waiter {
	max: number;
	stopped: () => Error | undefined;
	enqueuedAt: number;
	deadline: number;
	grant: (ticket: Ticket) => void;
	refuse: (error: Error) => void;
}

/**
 * The requests in flight and their turns, shared by every request to one platform account (see
 * limits.ts): at most `max` open at once, a shared pause after a 429 with Retry-After (the
 * platform's limit is per account, not per request), the pace learned from 429s (see Pacer), and
 * turns given in the order asked.
 *
 * A 429 that the pace does not answer also teaches the gate how many requests the platform takes
 * at once: it halves the number it keeps open (multiplicative decrease) and grows it back by one
 * after a run of answers without 429 (additive increase), never above `max`. So a user who sets
 * more requests in flight than the platform allows gets a few 429s, not a storm of them.
 */
export class RequestGate {
	private inFlight = 0;
	private readonly queue: Waiter[] = [];
	private resumeAt = 0;
	/** The learned number of requests the platform takes at once; undefined until a 429. */
	private ceiling: number | undefined;
	/** Bumped at every decrease, so that one burst of 429s lowers the limits once. */
	private generation = 0;
	private successesSinceChange = 0;
	private answered = 0;
	/** When the gate looks at its queue again because a turn is due then. */
	private wakeUpAt: number | undefined;
	/** When the gate next looks at the deadlines ('Max Wait') of its waiting requests. */
	private deadlineCheckAt: number | undefined;
	readonly pacer = new Pacer();

	constructor(private readonly clock: Clock = requestClock) {}

	/**
	 * Waits for a slot and the request's turn, at most `maxWaitMs`. `stopped` is asked whenever the
	 * gate looks at the queue: when it names an error (the node run was halted), the request is not
	 * sent and that error is thrown. A request whose turn does not come in time gets TurnNotInTime.
	 */
	async acquire(
		max: number,
		options: { stopped?: () => Error | undefined; maxWaitMs?: number } = {},
	): Promise<Ticket> {
		const now = this.clock.now();
		const maxWaitMs = options.maxWaitMs ?? Infinity;
		const turn = new Promise<Ticket>((grant, refuse) => {
			this.queue.push({
				max,
				stopped: options.stopped ?? (() => undefined),
				enqueuedAt: now,
				deadline: now + maxWaitMs,
				grant,
				refuse,
			});
		});
		this.serve();
		return await turn;
	}

	/** Gives turns to the waiting requests, first come first served, as far as limits allow. */
	private serve(): void {
		const now = this.clock.now();
		this.refuseStoppedAndLate(now);
		for (;;) {
			const head = this.queue[0];
			if (!head) break;
			if (this.inFlight >= Math.min(head.max, this.ceiling ?? head.max)) break;
			const turnAt = Math.max(this.resumeAt, this.pacer.nextTurnAt);
			if (turnAt > now) {
				this.wakeUpAtTurn(turnAt, now);
				break;
			}
			this.queue.shift();
			this.inFlight++;
			const ticket: Ticket = {
				generation: this.generation,
				sentAt: now,
				noneWaiting: this.queue.length === 0,
			};
			this.pacer.sent(ticket);
			head.grant(ticket);
		}
		this.watchDeadlines(now);
	}

	/**
	 * Looks at the queue again when the earliest deadline of a waiting request passes (requests
	 * in flight that do not answer would otherwise keep the waiting ones past their Max Wait).
	 * One check at a time: a later one is not needed while an earlier one is pending.
	 */
	private watchDeadlines(now: number): void {
		const earliest = Math.min(...this.queue.map((waiter) => waiter.deadline));
		if (!Number.isFinite(earliest)) return;
		if (this.deadlineCheckAt !== undefined && this.deadlineCheckAt <= earliest) return;
		this.deadlineCheckAt = earliest;
		void this.clock.timer(earliest - now).then(() => {
			if (this.deadlineCheckAt === earliest) this.deadlineCheckAt = undefined;
			this.serve();
		});
	}

	private refuseStoppedAndLate(now: number): void {
		for (let index = 0; index < this.queue.length; ) {
			const waiter = this.queue[index];
			const halted = waiter.stopped();
			if (halted || now >= waiter.deadline) {
				this.queue.splice(index, 1);
				const perSecond = this.pacer.spacingMs > 0 ? 1000 / this.pacer.spacingMs : undefined;
				waiter.refuse(halted ?? new TurnNotInTime(now - waiter.enqueuedAt, index, perSecond));
			} else {
				index++;
			}
		}
	}

	private wakeUpAtTurn(turnAt: number, now: number): void {
		if (this.wakeUpAt !== undefined && this.wakeUpAt <= turnAt) return;
		this.wakeUpAt = turnAt;
		void this.clock.sleep(turnAt - now).then(() => {
			if (this.wakeUpAt === turnAt) this.wakeUpAt = undefined;
			this.serve();
		});
	}

	/** The request of `ticket` has its answer (or failed). */
	release(ticket: Ticket): void {
		ticket.answeredAt = this.clock.now();
		this.inFlight--;
		this.serve();
	}

	/**
	 * Requests of this account answered without error so far: a request refused again after the
	 * platform answered others was refused for the rate, not for something of the account's.
	 */
	get answeredCount(): number {
		return this.answered;
	}

	succeeded(max: number): void {
		this.answered++;
		if (this.ceiling === undefined || this.ceiling >= max) return;
		this.successesSinceChange++;
		if (this.successesSinceChange >= this.ceiling * 4) {
			this.ceiling++;
			this.successesSinceChange = 0;
			this.serve();
		}
	}

	tooManyRequests(ticket: Ticket, retryAfterMs: number | undefined): void {
		ticket.rejected = true;
		const now = this.clock.now();
		if (retryAfterMs) this.resumeAt = Math.max(this.resumeAt, now + retryAfterMs);
		if (ticket.generation !== this.generation) return;
		this.generation++;
		this.successesSinceChange = 0;
		// A 429 with Retry-After is answered by the pace (learned, or slowed when already kept).
		// One the pace cannot answer (no Retry-After, nothing accepted before it) points at a
		// limit of requests at once: halve those. Halving on every 429 would also throttle a
		// platform that only limits the rate, and in a busy n8n, where a request takes hundreds of
		// milliseconds from its turn to its answer, two requests in flight carry far fewer than the
		// rate.
		const paceChanged = retryAfterMs ? this.pacer.learn(ticket, retryAfterMs, now) : false;
		if (!paceChanged) this.ceiling = Math.max(1, Math.floor(this.inFlight / 2));
	}

	/** Looks at the queue again now: a waiting request whose run was halted leaves it. */
	wakeAll(): void {
		this.serve();
	}

	/** The number of requests the gate lets through at once now. */
	openSlots(max: number): number {
		return Math.min(max, this.ceiling ?? max);
	}

	/** Nothing in flight and nobody waiting: the gate can be forgotten without losing a request. */
	get idle(): boolean {
		return this.inFlight === 0 && this.queue.length === 0;
	}
}
