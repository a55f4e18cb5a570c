import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { RequestGate } from './gate';

/** What the requests of one run of a node share. */
export interface NodeRun {
	/** The gate of the platform account the run's requests go to (see accounts.ts), found once. */
	gate?: Promise<RequestGate>;
	/** An item failed its input checks and the node fails on it: no other request is sent. */
	haltedBy?: Error;
	/** The credential, read once per run (for code requests' URLs and for hiding its secrets). */
	credentials?: Promise<ICredentialDataDecryptedObject>;
}

/*
 * One state per run of a node: the engine gives every item of one run the same execute-data
 * object, so it is the key, and the state goes away with it. Code without a run (a list search,
 * a poll, a webhook's setup) gets a state of its own for each call.
 */
const runs = new WeakMap<object, NodeRun>();

export function nodeRun(key: object | undefined): NodeRun {
	if (!key) return {};
	let run = runs.get(key);
	if (!run) {
		run = {};
		runs.set(key, run);
	}
	return run;
}

/** The node is bound to fail on an item: the requests of the others that have not left stay unsent. */
export function haltRun(key: object | undefined, error: Error): void {
	if (!key) return;
	const run = nodeRun(key);
	run.haltedBy ??= error;
	void run.gate?.then((gate) => gate.wakeAll());
}
