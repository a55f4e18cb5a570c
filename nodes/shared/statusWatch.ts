import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { itemScope, notText, type Field } from './parameters';
import type { Platform } from './platform';
import { requestJson } from './request/request';

/*
 * Finds the records that finished or failed since the last poll. Polling triggers keep a snapshot
 * of every watched record in the workflow's static data (which n8n saves after each poll and keeps
 * across restarts), and emit one event per transition into a finished or failed state.
 */

export type Outcome = 'finished' | 'failed' | 'inProgress';

export interface WatchedRecord {
	id: string;
	status: string;
	outcome: Outcome;
	/** Changes whenever the platform touches the record (e.g. `modified_at`), if it has one. */
	version?: string;
	record: IDataObject;
}

export type Snapshot = Record<string, { status: string; outcome: Outcome; version?: string }>;

export interface Transition {
	watched: WatchedRecord;
	/** The status at the previous poll; undefined for a record first seen already finished. */
	previousStatus?: string;
}

/**
 * The transitions between the previous snapshot and now, and the next snapshot. With no previous
 * snapshot (the first poll after activation) the current state is recorded and nothing is
 * reported, so history is never replayed. A record that finished again since the last poll
 * (its version changed, e.g. a re-scrape that started and ended between two polls) counts too.
 */
export function detectTransitions(
	previous: Snapshot | undefined,
	current: WatchedRecord[],
): { transitions: Transition[]; snapshot: Snapshot } {
	const snapshot: Snapshot = {};
	const transitions: Transition[] = [];
	for (const watched of current) {
		snapshot[watched.id] = {
			status: watched.status,
			outcome: watched.outcome,
			...(watched.version !== undefined ? { version: watched.version } : {}),
		};
		if (!previous || watched.outcome === 'inProgress') continue;
		const before = previous[watched.id];
		const changed =
			!before ||
			before.outcome !== watched.outcome ||
			(watched.version !== undefined && before.version !== watched.version);
		if (changed) transitions.push({ watched, previousStatus: before?.status });
	}
	return { transitions, snapshot };
}

/**
 * The body of a polling trigger's `poll()`: in a manual test run, up to `sampleSize` records that
 * already finished or failed (newest first), without touching the saved state; otherwise the
 * transitions since the last poll, with the snapshot saved in the node's static data. Watching
 * another `scope` (another chatbot or agent) than at the last poll starts afresh.
 */
export function pollTransitions(
	context: IPollFunctions,
	options: {
		scope: string;
		watched: WatchedRecord[];
		/** The outcomes the user chose ('finished', 'failed'). */
		events: string[];
		sampleSize: number;
		toItem: (entry: WatchedRecord, previousStatus?: string) => INodeExecutionData;
	},
): INodeExecutionData[][] | null {
	const chosen = (entry: WatchedRecord) =>
		entry.outcome !== 'inProgress' && options.events.includes(entry.outcome);
	let items: INodeExecutionData[];
	if (context.getMode() === 'manual') {
		items = options.watched
			.filter(chosen)
			.sort((a, b) => String(b.version ?? '').localeCompare(String(a.version ?? '')))
			.slice(0, options.sampleSize)
			.map((entry) => options.toItem(entry));
	} else {
		const staticData = context.getWorkflowStaticData('node');
		const previous =
			staticData.scope === options.scope
				? (staticData.snapshot as Snapshot | undefined)
				: undefined;
		const { transitions, snapshot } = detectTransitions(previous, options.watched);
		staticData.scope = options.scope;
		staticData.snapshot = snapshot;
		items = transitions
			.filter(({ watched }) => chosen(watched))
			.map(({ watched, previousStatus }) => options.toItem(watched, previousStatus));
	}
	return items.length ? [items] : null;
}

/**
 * The fetch of a polling trigger: the ID of what it watches (its locator, refused when empty,
 * before any request) and the platform's answer about it, through the request function.
 */
export async function fetchWatched(
	context: IPollFunctions,
	platform: Platform,
	field: Field & { watched: string },
	path: (id: string) => string,
): Promise<{ id: string; body: unknown }> {
	const value = itemScope(context).value(field.name, '');
	const id = notText(value) === undefined ? String(value ?? '').trim() : '';
	if (id === '') {
		throw new NodeOperationError(context.getNode(), `'${field.displayName}' is empty`, {
			description: `Choose the ${field.watched} to watch.`,
		});
	}
	return {
		id,
		body: await requestJson<unknown>(context, platform, { method: 'GET', url: path(id) }),
	};
}
