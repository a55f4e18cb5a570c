/** The requests sent in this window before a 429 tell the platform's rate. */
const RATE_WINDOW_MIN_MS = 1000;
/** Paced requests go at this share of the rate the platform accepted, to leave room for jitter. */
export const PACED_SHARE_OF_RATE = 0.95;
/** A 429 while paced slows the pace only when the platform took this much less than the pace. */
const PACE_CHANGE_FACTOR = 1.1;
/** How long sent requests are remembered for measuring a rate. */
const MEMORY_MS = 60_000;

/** What a request was sent under: the gate's generation and the time it left. */
export interface Ticket {
	generation: number;
	sentAt: number;
	/** Answered 429. */
	rejected?: boolean;
}

/**
 * The pace a platform's rate limit allows, learned from its 429s. A 429 with Retry-After counts
 * the requests the platform accepted within that window (at least a second) before it, and from
 * then on requests leave evenly spaced at a little under that rate. Sending in bursts after each
 * Retry-After would meet the limit again at every burst and lose the time the burst took.
 */
export class Pacer {
	private readonly recentlySent: Ticket[] = [];
	/** The least time between two sends once a 429 revealed a rate limit; 0 before. */
	private spacing = 0;
	private nextSendAt = 0;

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
	}

	/**
	 * The platform refused `refused` with 429 and asked to wait `retryAfterMs`: the requests it
	 * accepted within that window before it (sent earlier and not refused, answered or not yet)
	 * are its rate. Says whether the pace changed: a 429 it did not change the pace for is one the
	 * rate does not explain.
	 */
	learn(refused: Ticket, retryAfterMs: number): boolean {
		const windowMs = Math.max(RATE_WINDOW_MIN_MS, retryAfterMs);
		let accepted = 0;
		for (let i = this.recentlySent.lastIndexOf(refused) - 1; i >= 0; i--) {
			const earlier = this.recentlySent[i];
			if (earlier.sentAt <= refused.sentAt - windowMs) break;
			if (!earlier.rejected) accepted++;
		}
		if (accepted === 0) return false;
		const acceptedSpacingMs = windowMs / accepted;
		// While paced, the count is the paced rate, and a lone 429 is mostly timing (a request held
		// up on its way lets the next one catch up): the pace changes only when the platform
		// clearly took fewer. It never speeds up.
		if (this.spacing !== 0 && acceptedSpacingMs <= this.spacing * PACE_CHANGE_FACTOR) return false;
		this.spacing = acceptedSpacingMs / PACED_SHARE_OF_RATE;
		return true;
	}
}
