import { requestClock } from './clock';
import { RequestGate } from './gate';

/*
 * The request limits of one platform account, shared by every execution in this n8n process that
 * uses the same credential against the same base URL: a platform's limit is per account, so 200
 * chat messages arriving at once, or a worker running 10 executions, must wait their turns at one
 * gate instead of each learning the limit alone. Keyed by the credential's ID and the URL, never
 * by a secret; two credentials share nothing. An entry that has been idle for a while is
 * forgotten, so memory stays bounded. (In queue mode each worker has its own: each learns its
 * share of the platform's limit from the 429s it gets.)
 */

/** An account's gate is forgotten after this long with nothing in flight and nobody waiting. */
export const IDLE_EXPIRY_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 60_000;

const accounts = new Map<string, { gate: RequestGate; usedAt: number }>();
let sweptAt = 0;

export function accountKey(platform: string, credentialId: string, baseUrl: string): string {
	return JSON.stringify([platform, credentialId, baseUrl]);
}

/** The gate of an account, made on first use. */
export function accountGate(key: string): RequestGate {
	const now = requestClock.now();
	if (now - sweptAt >= SWEEP_EVERY_MS) {
		sweptAt = now;
		for (const [other, entry] of accounts) {
			if (entry.gate.idle && now - entry.usedAt >= IDLE_EXPIRY_MS) accounts.delete(other);
		}
	}
	let entry = accounts.get(key);
	if (!entry) {
		entry = { gate: new RequestGate(), usedAt: now };
		accounts.set(key, entry);
	}
	entry.usedAt = now;
	return entry.gate;
}

/** How many accounts have a gate now (for tests). */
export function accountsKnown(): number {
	return accounts.size;
}
