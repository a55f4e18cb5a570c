import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { asNodeError } from './errors';
import { inputError, itemScope, readId, type Field, type ItemScope } from './parameters';

/*
 * Sync: make what a bot knows match a list, in one node. Every platform's Sync operation reads
 * its input items as the entries the bot should have (each under a key), lists what the platform
 * has, plans (planSync), checks the plan (checkPlan), and — unless it is a dry run — applies it
 * with the platform's own writes. The rules here are the same on every platform:
 * - two input items with the same key are an error naming both, before any request;
 * - deletions are opt-in, at most 'Max Deletions', and an empty input deletes nothing unless
 *   allowed; a plan that breaks a rule stops the node before any write;
 * - a dry run outputs the plan and sends no writing request;
 * - the output is one item per key, paired with its input item (a deleted entry, which has none,
 *   with the first one, and `inInput: false`).
 */

export type SyncAction = 'add' | 'update' | 'delete' | 'unchanged' | 'refresh';

/** An entry the bot should have: from input item `itemIndex`. */
export interface Wanted<V> {
	key: string;
	itemIndex: number;
	value: V;
}

/** An entry the platform has. */
export interface Present<R> {
	key: string;
	id: string;
	record: R;
}

export interface PlanEntry<V, R> {
	key: string;
	action: SyncAction;
	wanted?: Wanted<V>;
	present?: Present<R>;
}

export interface SyncSettings {
	dryRun: boolean;
	deleteMissing: boolean;
	maxDeletions: number;
	deleteWhenInputIsEmpty: boolean;
}

export const DEFAULT_MAX_DELETIONS = 10;

/**
 * The options every Sync operation has: Dry Run, the deletion rules, and the platform's own
 * (`extra`, e.g. what to do after a change).
 */
export function syncOptions(
	show: Record<string, string[]>,
	what: string,
	extra: INodeProperties[] = [],
): INodeProperties[] {
	return [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: `Whether to only output the plan (each ${what} with add, update, delete, unchanged or refresh) and change nothing`,
			displayOptions: { show },
		},
		{
			displayName: `Delete ${what[0].toUpperCase()}${what.slice(1)}s Not in the Input`,
			name: 'deleteMissing',
			type: 'boolean',
			default: false,
			description: `Whether to delete the ${what}s the input no longer has. Off by default: a sync then only adds and updates.`,
			displayOptions: { show },
		},
		{
			displayName: 'Max Deletions',
			name: 'maxDeletions',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_DELETIONS,
			description:
				'The most entries one run may delete; a plan that would delete more stops the node before any change, so that a broken input cannot empty the bot',
			displayOptions: { show: { ...show, deleteMissing: [true] } },
		},
		{
			displayName: 'Options',
			name: 'syncOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Delete All When Input Is Empty',
					name: 'deleteWhenInputIsEmpty',
					type: 'boolean',
					default: false,
					description: `Whether an input with no ${what}s deletes every ${what} the sync manages (within Max Deletions). Off: an empty input deletes nothing.`,
				} as INodeProperties,
				...extra,
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

/** The sync's settings, read once for the run (at the first item). */
export function readSyncSettings(context: IExecuteFunctions): SyncSettings {
	const scope = itemScope(context, 0);
	const options = (scope.value('syncOptions', {}) ?? {}) as { deleteWhenInputIsEmpty?: boolean };
	const maxDeletions = Number(scope.value('maxDeletions', DEFAULT_MAX_DELETIONS));
	return {
		dryRun: scope.value('dryRun', false) === true,
		deleteMissing: scope.value('deleteMissing', false) === true,
		maxDeletions: Number.isFinite(maxDeletions) ? Math.max(0, Math.floor(maxDeletions)) : 0,
		deleteWhenInputIsEmpty: options.deleteWhenInputIsEmpty === true,
	};
}

/** What a Sync operation read from its input: its entries, or the error items of invalid ones. */
export type SyncInput<V> = { wanted: Array<Wanted<V>> } | { errorItems: INodeExecutionData[] };

/** n8n's empty item, passed on when an earlier node found nothing and 'Always Output Data' is on. */
const isEmptyItem = (item: INodeExecutionData) =>
	Object.keys(item.json ?? {}).length === 0 && !item.binary;

/**
 * Reads every input item as an entry (`read` throws the item's input error) before any request,
 * and keys them: two items with one key are an error naming both. An empty item is no entry,
 * unless its fields are typed into the node (with a Manual Trigger before it, the one empty item
 * is the entry). An invalid item stops the whole sync — a sync that went on without it would
 * delete what the item stands for: with Continue On Fail off the node fails on it; with it on,
 * every invalid item becomes an error item and nothing is synced.
 */
export async function readSyncInput<V>(
	context: IExecuteFunctions,
	read: (scope: ItemScope) => { key: string; value: V } | Promise<{ key: string; value: V }>,
): Promise<SyncInput<V>> {
	const entries: Array<Wanted<V>> = [];
	const errorItems: INodeExecutionData[] = [];
	for (const [itemIndex, item] of context.getInputData().entries()) {
		const scope = itemScope(context, itemIndex);
		try {
			if (isEmptyItem(item)) {
				// Read as if Continue On Fail were on: a refusal here only means "no entry", and must
				// not halt the run's requests.
				const typed = await readIfAny(scope, () => read({ ...scope, continueOnFail: true }));
				if (typed) entries.push({ ...typed, itemIndex });
				continue;
			}
			entries.push({ ...(await read(scope)), itemIndex });
		} catch (error) {
			errorItems.push(stoppingError(context, error, itemIndex));
		}
	}
	if (errorItems.length > 0) return { errorItems };
	try {
		return { wanted: withUniqueKeys(context, entries) };
	} catch (error) {
		return { errorItems: [stoppingError(context, error)] };
	}
}

async function readIfAny<T>(scope: ItemScope, read: () => T | Promise<T>): Promise<T | undefined> {
	try {
		return await read();
	} catch (error) {
		if (error instanceof NodeOperationError) return undefined;
		throw asNodeError(scope.node, error);
	}
}

function withUniqueKeys<V>(
	context: IExecuteFunctions,
	entries: Array<Wanted<V>>,
): Array<Wanted<V>> {
	const byKey = new Map<string, Wanted<V>>();
	for (const entry of entries) {
		const earlier = byKey.get(entry.key);
		if (earlier) {
			throw inputError(
				itemScope(context, entry.itemIndex),
				`Items ${earlier.itemIndex} and ${entry.itemIndex} have the same key "${entry.key.slice(0, 120)}"`,
				'Each entry may be in the input once: remove or merge the duplicate, e.g. with a Remove Duplicates node.',
			);
		}
		byKey.set(entry.key, entry);
	}
	return [...byKey.values()];
}

/**
 * An error that stops the sync before any write: thrown, or under Continue On Fail an error item
 * (paired with the item it names, else the first).
 */
export function stoppingError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex?: number,
): INodeExecutionData {
	if (!context.continueOnFail()) throw asNodeError(context.getNode(), error);
	const named = (error as { context?: { itemIndex?: unknown } }).context?.itemIndex;
	return {
		json: { error: (error as Error).message },
		pairedItem: { item: itemIndex ?? (typeof named === 'number' ? named : 0) },
	};
}

/**
 * What one sync fills (a data source, an agent, a chatbot's tag), named by a field of every item:
 * each entry must give the same value as the first. `value` is that one, or, when the input has no
 * entries, the field's value at item 0.
 */
export function sameForEveryItem(
	field: Field,
	read: (scope: ItemScope) => string = (scope) => readId(scope, field),
) {
	let first: { value: string; itemIndex: number } | undefined;
	const what = field.displayName.toLowerCase();
	return {
		read(scope: ItemScope): string {
			const value = read(scope);
			first ??= { value, itemIndex: scope.itemIndex };
			if (value !== first.value) {
				throw inputError(
					scope,
					`'${field.displayName}' is "${value.slice(0, 80)}", not "${first.value.slice(0, 80)}" as at item ${first.itemIndex}`,
					`One sync fills one ${what}: every item must give the same one. To sync several, split the input (e.g. with Loop Over Items) and run the sync once for each.`,
				);
			}
			return value;
		},
		value(context: IExecuteFunctions): string {
			return first?.value ?? read(itemScope(context, 0));
		},
	};
}

export interface PlanRules<V, R> {
	/** Whether a present entry already has what is wanted: unchanged, or to update. */
	isUnchanged: (wanted: Wanted<V>, present: Present<R>) => boolean;
	/** Whether the sync may delete a present entry the input does not have (default: all). */
	manages?: (present: Present<R>) => boolean;
	/** Whether an unchanged entry is refreshed (a website crawled again). */
	refreshes?: (present: Present<R>) => boolean;
}

/**
 * The plan: add what is wanted and not present, update what differs, delete (when the settings
 * say so) what is present and not wanted. Of several present entries with one key the first is
 * kept; the others count as not wanted.
 */
export function planSync<V, R>(
	wanted: Array<Wanted<V>>,
	present: Array<Present<R>>,
	settings: SyncSettings,
	rules: PlanRules<V, R>,
): Array<PlanEntry<V, R>> {
	const presentByKey = new Map<string, Present<R>>();
	const extra: Array<Present<R>> = [];
	for (const entry of present) {
		if (presentByKey.has(entry.key)) extra.push(entry);
		else presentByKey.set(entry.key, entry);
	}
	const wantedKeys = new Set(wanted.map((entry) => entry.key));
	const plan: Array<PlanEntry<V, R>> = wanted.map((entry) => {
		const match = presentByKey.get(entry.key);
		if (!match) return { key: entry.key, action: 'add', wanted: entry };
		const unchanged = rules.isUnchanged(entry, match);
		const action = !unchanged ? 'update' : rules.refreshes?.(match) ? 'refresh' : 'unchanged';
		return { key: entry.key, action, wanted: entry, present: match };
	});
	if (settings.deleteMissing) {
		const missing = [...presentByKey.values()].filter((entry) => !wantedKeys.has(entry.key));
		for (const entry of [...missing, ...extra]) {
			if (rules.manages && !rules.manages(entry)) continue;
			plan.push({ key: entry.key, action: 'delete', present: entry });
		}
	}
	return plan;
}

/**
 * Stops the node before any write when the plan deletes more than 'Max Deletions', or deletes
 * anything although the input is empty (unless allowed). A dry run is not stopped: it shows the
 * plan, which is how a user checks one that would be.
 */
export function checkPlan(
	context: IExecuteFunctions,
	plan: Array<PlanEntry<unknown, unknown>>,
	wantedCount: number,
	settings: SyncSettings,
): void {
	const deletions = plan.filter((entry) => entry.action === 'delete').length;
	if (deletions === 0 || settings.dryRun) return;
	if (wantedCount === 0 && !settings.deleteWhenInputIsEmpty) {
		throw new NodeOperationError(
			context.getNode(),
			`The input is empty, so the sync would delete all ${deletions} entries it manages`,
			{
				description:
					"Nothing was changed. If the bot should really know nothing, turn on 'Delete All When Input Is Empty' under Options (and raise 'Max Deletions' if needed).",
			},
		);
	}
	if (deletions > settings.maxDeletions) {
		throw new NodeOperationError(
			context.getNode(),
			`The sync would delete ${deletions} entries, more than 'Max Deletions' (${settings.maxDeletions})`,
			{
				description: `Nothing was changed. Check the input first (a Dry Run shows the plan); to allow it, set 'Max Deletions' to ${deletions} or more.`,
			},
		);
	}
}

/** How applying one entry of the plan went. */
export interface EntryOutcome {
	/** The platform's ID of the entry afterwards (the new one after an add or a replacement). */
	id?: string;
	error?: string;
	/** Anything else worth showing (e.g. a training status). */
	details?: IDataObject;
}

/**
 * One output item per key: key, action, the platform's ID, status (planned in a dry run, done,
 * or failed with the error), paired with its input item; a deleted entry with the first input
 * item, and `inInput: false`.
 */
export function syncOutput(
	plan: Array<PlanEntry<unknown, unknown>>,
	outcomes: Map<string, EntryOutcome>,
	settings: SyncSettings,
): INodeExecutionData[] {
	return plan.map((entry) => {
		const outcome = outcomes.get(outcomeKey(entry)) ?? {};
		const status = settings.dryRun ? 'planned' : outcome.error ? 'failed' : 'done';
		return {
			json: {
				key: entry.key,
				action: entry.action,
				id: outcome.id ?? entry.present?.id ?? null,
				status,
				...(outcome.error ? { error: outcome.error } : {}),
				inInput: entry.wanted !== undefined,
				...outcome.details,
			},
			pairedItem: { item: entry.wanted?.itemIndex ?? 0 },
		};
	});
}

/** The key an outcome is kept under in `syncOutput`'s map (one key may be deleted twice). */
export const outcomeKey = (entry: PlanEntry<unknown, unknown>) =>
	`${entry.action}:${entry.key}:${entry.present?.id ?? ''}`;

/**
 * After the writes: with Continue On Fail off, a sync in which some entries failed fails the node,
 * naming how many and the first error (the others are applied; running again converges).
 */
export function failIfAnyFailed(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): INodeExecutionData[][] {
	const failed = items.filter((item) => item.json.status === 'failed');
	if (failed.length > 0 && !context.continueOnFail()) {
		throw new NodeOperationError(
			context.getNode(),
			`${failed.length} of ${items.length} entries could not be synced: ${String(failed[0].json.key).slice(0, 80)}: ${String(failed[0].json.error)}`,
			{
				description:
					'The other entries were applied. Running the sync again changes only what is still different, and creates nothing twice. To get every entry as an item instead, turn on Continue On Fail (Settings).',
			},
		);
	}
	return [items];
}
