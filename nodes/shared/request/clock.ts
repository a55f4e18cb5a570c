import { sleep } from 'n8n-workflow';

/** Time as the request limits see it: the gate, the pacing, the retries and the training wait. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/**
 * The clock every request of the package waits on. Tests replace its methods (a virtual clock
 * that records each wait and moves on at once), so that they assert the waits the code computed
 * instead of the time that passed.
 */
export const requestClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};
