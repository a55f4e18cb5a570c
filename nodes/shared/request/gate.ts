import { requestClock, type Clock } from './clock';
import { Pacer, type Ticket } from './pacing';

/**
 * The requests in flight and their turns: at most `max` open at once, a shared pause after a 429
 * with Retry-After (the platform's limit is per account, not per request), and the pace learned
 * from 429s (see Pacer).
 *
 * A 429 also teaches the gate how many requests the platform takes at once: it halves the number
 * it keeps open (multiplicative decrease) and grows it back by one after a run of answers without
 * 429 (additive increase), never above `max`. So a user who sets more requests in flight than the
 * platform allows gets a few 429s, not a storm of them.
 */
export class RequestGate {
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private resumeAt = 0;
	/** The learned number of requests the platform takes at once; undefined until a 429. */
	private ceiling: number | undefined;
	/** Bumped at every decrease, so that one burst of 429s lowers the limits once. */
	private generation = 0;
	private successesSinceChange = 0;
	readonly pacer = new Pacer();

	constructor(private readonly clock: Clock = requestClock) {}

	/**
	 * Waits for a slot and the request's turn. `stopped` is asked at every wake-up: when it names
	 * an error (the node run was halted), the request is not sent and that error is thrown.
	 */
	async acquire(max: number, stopped: () => Error | undefined = () => undefined): Promise<Ticket> {
		for (;;) {
			const halted = stopped();
			if (halted) throw halted;
			const now = this.clock.now();
			const wait = Math.max(this.resumeAt, this.pacer.nextTurnAt) - now;
			if (wait > 0) {
				await this.clock.sleep(wait);
				continue;
			}
			if (this.inFlight < Math.min(max, this.ceiling ?? max)) {
				this.inFlight++;
				const ticket: Ticket = { generation: this.generation, sentAt: now };
				this.pacer.sent(ticket);
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

	tooManyRequests(ticket: Ticket, retryAfterMs: number | undefined): void {
		ticket.rejected = true;
		if (retryAfterMs) this.resumeAt = Math.max(this.resumeAt, this.clock.now() + retryAfterMs);
		if (ticket.generation !== this.generation) return;
		this.generation++;
		this.ceiling = Math.max(1, Math.floor(this.inFlight / 2));
		this.successesSinceChange = 0;
		if (retryAfterMs) this.pacer.learn(ticket, retryAfterMs);
	}

	/** Wakes every waiting request, so that each asks `stopped` again. */
	wakeAll(): void {
		for (const wake of this.waiting.splice(0)) wake();
	}

	/** The number of requests the gate lets through at once now (for tests and logs). */
	openSlots(max: number): number {
		return Math.min(max, this.ceiling ?? max);
	}
}
