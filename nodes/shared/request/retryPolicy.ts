import type { HttpFailure } from '../errors';

export const DEFAULT_MAX_RETRIES = 3;
/** Retry-After values above this are not waited for: the item fails and says how long to wait. */
export const MAX_RETRY_WAIT_MS = 60_000;
const BACKOFF_BASE_MS = 400;
const BACKOFF_CAP_MS = 15_000;

/** The wait before retry `attempt` (0 for the first retry) when the platform asks for none. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	// Jitter keeps requests that failed together from coming back together.
	return exponential / 2 + random() * (exponential / 2);
}

export interface RetrySituation {
	/** The attempt that failed, from 0. */
	attempt: number;
	maxRetries: number;
	/** The request can be repeated even if the platform carried it out (see Platform.isRetrySafe). */
	retrySafe: boolean;
	/** How many times a 429 on this request is worth waiting out (see Platform). */
	tooManyRequestsRetries: number;
	/**
	 * The 429s on this request so far, this one included, that the rate limit does not explain: a
	 * 429 after the platform answered other requests of the account since this request's last one
	 * is not counted.
	 */
	refusals: number;
	random?: () => number;
}

export type RetryDecision =
	| { retry: true; waitMs: number }
	| {
			retry: false;
			/** A retryable failure not repeated because the request may have created something. */
			notRepeatedBecauseUnsafe: boolean;
			/** The platform asked for a longer wait than the node waits. */
			retryAfterTooLong: boolean;
	  };

/**
 * Whether a failed attempt is tried again, and after how long: 429, 502, 503, 504 and broken
 * connections are; a request that may have created something only when the platform certainly
 * did not carry it out (429, 503, connection refused); never more than `maxRetries` times, and
 * never sooner than Retry-After, nor when Retry-After asks for more than a minute.
 */
export function decideRetry(failure: HttpFailure, situation: RetrySituation): RetryDecision {
	const waitingHelps =
		failure.status !== 429 || situation.refusals <= situation.tooManyRequestsRetries;
	const mayRetry =
		failure.retryable && waitingHelps && (failure.notProcessed || situation.retrySafe);
	// Retry-After is the least the service wants us to wait; the backoff spaces out retries when
	// it asks for less (or says nothing).
	const waitMs = Math.max(
		failure.retryAfterMs ?? 0,
		backoffMs(situation.attempt, situation.random),
	);
	if (mayRetry && situation.attempt < situation.maxRetries && waitMs <= MAX_RETRY_WAIT_MS)
		return { retry: true, waitMs };
	return {
		retry: false,
		notRepeatedBecauseUnsafe: failure.retryable && waitingHelps && !mayRetry,
		retryAfterTooLong: mayRetry && waitMs > MAX_RETRY_WAIT_MS,
	};
}
