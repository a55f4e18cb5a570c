import { sleep } from 'n8n-workflow';

/** Time as the request limits see it: the gate, the pacing, the retries and the training wait. */
export interface Clock {
	now(): number;
	/** Waits `ms`: a request that waits its turn, a retry that waits out Retry-After. */
	sleep(ms: number): Promise<void>;
	/**
	 * Settles after `ms`. Not a wait of its own but a deadline that may pass while requests wait
	 * for something else (their turn): a test clock that skips waits never skips it.
	 */
	timer(ms: number): Promise<void>;
}

/**
 * The clock every request of the package waits on. Tests replace its methods (a virtual clock),
 * so that they assert the waits the code computed instead of the time that passed.
 */
export const requestClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
	timer: async (ms) => await sleep(ms),
};
