/** The requests sent in this window before a 429 tell the platform's rate. */
const RATE_WINDOW_MIN_MS = 1000;
/** Paced requests go at this share of the rate the platform accepted, to leave room for jitter. */
export const PACED_SHARE_OF_RATE = 0.95;
/**
 * A 429 while paced sets the pace to the rate it shows when the platform took this much less than
 * the pace; otherwise the pace slows by 5 %.
 */
const PACE_CHANGE_FACTOR = 1.1;
/** How long sent requests are remembered for measuring a rate. */
const MEMORY_MS = 60_000;
/**
 * A pace used to the full without a 429 is tried a step faster after this long when it was
 * learned from a count to trust, or from a count taken in a busy n8n (likely low).
 */
const PROBE_AFTER_TRUSTED_MS = 20_000;
const PROBE_AFTER_BUSY_MS = 5_000;
/**
 * A count is one to trust when every request it counted (and the refused one) came back within
 * this share of the window after its turn: then they reached the platform about when they had
 * their turns. In a busy n8n they reach it bunched, up to a second or more after their turns, and
 * the count comes out low.
 */
const TRUSTED_ROUNDTRIP_SHARE = 0.25;
/** The first step: 5 % faster. Each step the platform takes doubles the next, up to twice. */
const FIRST_PROBE_STEP = 0.05;
const MAX_PROBE_STEP = 1;
/** A step the platform took is followed by the next this soon. */
const CLIMB_AFTER_MS = 2_000;
/** A faster pace the platform refused is tried again only after twice as long, up to this. */
const PROBE_AFTER_MAX_MS = 60_000;
/** The pace counts as used to the full when this share of the turns it gave were taken. */
const FULL_USE = 0.9;

/** What a request was sent under: the gate's generation and the time it left. */
export interface Ticket {
	generation: number;
	sentAt: number;
	/** No other request waited for its turn when this one left: the pace held nobody back. */
	noneWaiting?: boolean;
	/** When its answer (or its failure) came back. */
	answeredAt?: number;
	/** Answered 429. */
	rejected?: boolean;
}

/**
 * The pace a platform's rate limit allows, learned from its 429s. A 429 with Retry-After counts
 * the requests the platform accepted within that window (at least a second) before it, and from
 * then on requests leave evenly spaced at a little under that rate. Sending in bursts after each
 * Retry-After would meet the limit again at every burst and lose the time the burst took.
 *
 * The count can come out low: in a busy n8n requests reach the platform up to a second or more
 * after their turns, bunched, and in queue mode a worker learns its share while another worker
 * sends too, a share too small once that one stops. So a pace used to the full for a while
 * without a 429 is tried faster: 5 % first, each step the platform takes doubling the next, 2 s
 * apart, so a share that should double is back within seconds. The first try comes 5 s after a
 * count taken in a busy n8n, 20 s after one it can trust: at a platform's exact limit every
 * refused try pauses the account for its Retry-After. When the platform refuses a faster pace,
 * the pace is learned from that 429 again, never slower than 95 % of the last pace it took, and
 * the next try waits twice as long, and at least the 20 s of a count to trust when this one is.
 */
export class Pacer {
	private readonly recentlySent: Ticket[] = [];
	/** The least time between two sends once a 429 revealed a rate limit; 0 before. */
	private spacing = 0;
	private nextSendAt = 0;
	/** When the pace last changed: it is tried faster once it has held for `probeAfterMs`. */
	private changedAt = 0;
	private probeAfterMs = PROBE_AFTER_BUSY_MS;
	private probeStep = FIRST_PROBE_STEP;
	/** While a faster pace is tried: the spacing before it, which the platform took. */
	private spacingBeforeProbe: number | undefined;

	/** The time the next request may leave (0 while no rate limit is known). */
	get nextTurnAt(): number {
		return this.nextSendAt;
	}

	/** The learned spacing between two requests, in milliseconds (0: not paced). */
	get spacingMs(): number {
		return this.spacing;
	}

	/** A request leaves now. */
	sent(ticket: Ticket): void {
		const now = ticket.sentAt;
		// Turns keep to an even grid, so that a late wake-up does not slow every later request,
		// but make up at most the pace's margin: never two requests closer than the rate allows.
		if (this.spacing > 0)
			this.nextSendAt = Math.max(
				this.nextSendAt + this.spacing,
				now + this.spacing * PACED_SHARE_OF_RATE,
			);
		this.recentlySent.push(ticket);
		while (this.recentlySent[0].sentAt < now - MEMORY_MS) this.recentlySent.shift();
		// A climb (the last step held) goes on soon; a first step waits the longer while.
		const waitMs = this.spacingBeforeProbe !== undefined ? CLIMB_AFTER_MS : this.probeAfterMs;
		if (this.spacing > 0 && now - this.changedAt >= waitMs) this.tryFaster(now);
	}

	/**
	 * The pace held without a 429: tried a step faster, if it was the limit (most of its turns
	 * taken). A pace that was not the limit says nothing about a faster one.
	 */
	private tryFaster(now: number): void {
		const taken = this.recentlySent.filter((ticket) => ticket.sentAt > this.changedAt).length;
		const wasTheLimit = taken >= (FULL_USE * (now - this.changedAt)) / this.spacing;
		if (!wasTheLimit) {
			this.spacingBeforeProbe = undefined;
			this.probeStep = FIRST_PROBE_STEP;
		} else {
			// The step before held (or this is the first): a bigger one.
			if (this.spacingBeforeProbe !== undefined)
				this.probeStep = Math.min(this.probeStep * 2, MAX_PROBE_STEP);
			this.spacingBeforeProbe = this.spacing;
			this.spacing /= 1 + this.probeStep;
		}
		this.changedAt = now;
	}

	/**
	 * The platform refused `refused` with 429 at `now` and asked to wait `retryAfterMs`: the
	 * requests it accepted within that window before it (sent earlier and not refused, answered or
	 * not yet) are its rate. Says whether the pace changed: a 429 it did not change the pace for
	 * (no request accepted before it) is one the rate does not explain.
	 */
	learn(refused: Ticket, retryAfterMs: number, now: number): boolean {
		const windowMs = Math.max(RATE_WINDOW_MIN_MS, retryAfterMs);
		let accepted = 0;
		let someFoundNoneWaiting = refused.noneWaiting === true;
		let slowestMs = now - refused.sentAt;
		const windowStart = refused.sentAt - windowMs;
		let i = this.recentlySent.lastIndexOf(refused) - 1;
		for (; i >= 0 && this.recentlySent[i].sentAt > windowStart; i--) {
			const earlier = this.recentlySent[i];
			if (!earlier.rejected) accepted++;
			if (earlier.noneWaiting) someFoundNoneWaiting = true;
			slowestMs = Math.max(slowestMs, (earlier.answeredAt ?? now) - earlier.sentAt);
		}
		// Accepted requests that left in the window before and came back inside this one may have
		// reached the platform inside it, and then the platform counted them too.
		let lateFromBefore = 0;
		for (; i >= 0 && this.recentlySent[i].sentAt > windowStart - windowMs; i--) {
			const earlier = this.recentlySent[i];
			if (!earlier.rejected && (earlier.answeredAt ?? now) > windowStart) lateFromBefore++;
		}
		const acceptedSpacingMs = accepted > 0 ? windowMs / accepted : Infinity;
		const learnedSpacingMs = acceptedSpacingMs / PACED_SHARE_OF_RATE;
		const resumesAt = now + retryAfterMs;
		// A count taken while requests went out and came back at once is the platform's rate;
		// one taken in a busy n8n is likely low.
		const trusted = slowestMs <= windowMs * TRUSTED_ROUNDTRIP_SHARE;
		if (this.spacingBeforeProbe !== undefined && refused.sentAt >= this.changedAt) {
			// A faster pace was refused: the count of this 429 (the platform took the faster pace
			// up to its limit), but never slower than 95 % of the pace it took before. The next
			// try waits twice as long, and at least as long as after a first count to trust when
			// this one is: the pace is then at the platform's limit, and a try only costs a pause.
			const tookBefore = this.spacingBeforeProbe / PACED_SHARE_OF_RATE;
			this.changed(resumesAt, Math.min(learnedSpacingMs, tookBefore));
			this.probeAfterMs = Math.min(
				Math.max(this.probeAfterMs * 2, trusted ? PROBE_AFTER_TRUSTED_MS : 0),
				PROBE_AFTER_MAX_MS,
			);
			return true;
		}
		if (accepted === 0) return false;
		// While paced, the count is the paced rate: a 429 at it means the platform takes less now
		// (another worker sends to the account too) or the requests arrive bunched. Unless the
		// count shows clearly fewer, the pace slows by 5 % (multiplicative decrease). Fewer count
		// only while requests waited for their turns all through the window: when some turn found
		// nobody waiting, the count is what there was to send, not what the platform takes (a
		// queue-mode worker between executions while the other worker filled the window). And
		// only with the late ones from before counted too: in a busy n8n, requests that left
		// earlier reach the platform bunched with those of the window, and the count comes out low.
		const clearlyFewer =
			windowMs / (accepted + lateFromBefore) > this.spacing * PACE_CHANGE_FACTOR &&
			!someFoundNoneWaiting;
		if (this.spacing === 0 || clearlyFewer) {
			// A count to trust is tried faster after a while; one taken in a busy n8n, soon.
			this.probeAfterMs = trusted
				? Math.max(this.probeAfterMs, PROBE_AFTER_TRUSTED_MS)
				: PROBE_AFTER_BUSY_MS;
			this.changed(resumesAt, learnedSpacingMs);
		} else {
			this.changed(resumesAt, this.spacing / PACED_SHARE_OF_RATE);
		}
		return true;
	}

	/** The pace is now `spacingMs`, from the end of the pause the 429 asked for. */
	private changed(resumesAt: number, spacingMs: number): void {
		this.spacing = spacingMs;
		this.spacingBeforeProbe = undefined;
		this.probeStep = FIRST_PROBE_STEP;
		this.changedAt = resumesAt;
	}
}
