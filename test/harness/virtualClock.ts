/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { AsyncLocalStorage } from 'node:async_hooks';

import type { Clock } from '../../nodes/shared/request/clock';

/**
 * Time that passes only when every task waits on it: `sleep(ms)` schedules a wake-up, and `run`
 * moves the clock to the next wake-up whenever nothing else can go on. Tests then assert the
 * schedule the code computed (when each request left), exactly and on any machine, instead of
 * the time that passed.
 */
export class VirtualClock implements Clock {
	private time = 0;
	private readonly timers: Array<{ at: number; order: number; wake: () => void }> = [];
	private order = 0;
	/** Every wait asked for, in milliseconds, in the order asked. */
	readonly waits: number[] = [];

	now(): number {
		return this.time;
	}

	/** Moves the clock on by `ms`, as if nothing happened meanwhile. */
	advance(ms: number): void {
		this.time += ms;
	}

	async sleep(ms: number): Promise<void> {
		this.waits.push(ms);
		await this.timer(ms);
	}

	async timer(ms: number): Promise<void> {
		await new Promise<void>((wake) =>
			this.timers.push({ at: this.time + Math.max(0, ms), order: this.order++, wake }),
		);
	}

	/** Runs `work` to its end, moving the clock whenever all its tasks wait on it. */
	async run<T>(work: Promise<T>): Promise<T> {
		let settled = false;
		const done = work.finally(() => {
			settled = true;
		});
		// Handled here, thrown at the end: a rejection is not "unhandled" while the clock runs.
		done.catch(() => undefined);
		for (;;) {
			// Let every task that can go on do so (promise chains, gate hand-overs).
			await new Promise((resolve) => setImmediate(resolve));
			if (settled) return await done;
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const next = this.timers.shift();
			if (!next) throw new Error('Every task waits, and no wake-up is scheduled');
			this.time = Math.max(this.time, next.at);
			next.wake();
		}
	}
}

/** Replaces the methods of a clock object (the package's `requestClock`) until `restore()`. */
export function installClock(target: Clock, clock: Clock): { restore: () => void } {
	const original = { now: target.now, sleep: target.sleep, timer: target.timer };
	target.now = () => clock.now();
	target.sleep = async (ms) => await clock.sleep(ms);
	target.timer = async (ms) => await clock.timer(ms);
	return { restore: () => Object.assign(target, original) };
}

/**
 * A clock for tests that run real requests: it never waits, it moves on at once and counts the
 * time it skipped, so that a retry after Retry-After takes no time and the test can read the
 * waits the request path asked for.
 */
export class SkippingClock implements Clock {
	private skipped = 0;
	readonly waits: number[] = [];

	now(): number {
		return Date.now() + this.skipped;
	}

	async sleep(ms: number): Promise<void> {
		this.waits.push(ms);
		this.skipped += Math.max(0, ms);
		await new Promise((resolve) => setImmediate(resolve));
	}

	/** A deadline is never skipped to: it passes only as far as the skipped waits carry time. */
	async timer(): Promise<void> {
		await new Promise(() => undefined);
	}
}

const taskClock = new AsyncLocalStorage<Clock>();

/**
 * Lets tests that run at the same time (the fault matrix's rows) each have a clock of their own:
 * the package's clock asks the clock of the task that calls it (`withClock`), and is itself
 * otherwise.
 */
export function dispatchClockPerTask(target: Clock): void {
	const own = { now: target.now, sleep: target.sleep, timer: target.timer };
	target.now = () => taskClock.getStore()?.now() ?? own.now();
	target.sleep = async (ms) => await (taskClock.getStore()?.sleep(ms) ?? own.sleep(ms));
	target.timer = async (ms) => await (taskClock.getStore()?.timer(ms) ?? own.timer(ms));
}

/** Runs `work` with `clock` as the clock of every request it makes (see dispatchClockPerTask). */
export async function withClock<T>(clock: Clock, work: () => Promise<T>): Promise<T> {
	return await taskClock.run(clock, work);
}
