import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { asNodeError } from '../../../shared/errors';
import { readAllPages } from '../../../shared/pagination';
import { itemScope, type ItemScope, readText } from '../../../shared/parameters';
import { requestJson } from '../../../shared/request/request';
import {
	checkPlan,
	type EntryOutcome,
	failIfAnyFailed,
	outcomeKey,
	type PlanEntry,
	planSync,
	type Present,
	readSyncInput,
	readSyncSettings,
	sameForEveryItem,
	syncOptions,
	syncOutput,
	type SyncSettings,
} from '../../../shared/sync';
import { cursorPages, dataSourceLocator } from '../../descriptions';
import { chatThing } from '../../platform';
import { type BatchResult, readBatchSize, sendInBatches } from '../../rowBatches';
import { batchSizeOption, contentField, dataSourceField, nameField, rowContent } from './fields';

/*
 * Data Source Row → Sync: the input items are the rows one manual data source should have, by
 * name. The rows are listed; with 'Compare Content' the content of every row whose name is in
 * the input is read (the list has no content), and only rows that differ are written. Creates,
 * updates and deletes go in batches; then one sync trains the bot, only if something changed.
 * The shared rules (duplicates, deletion guard, dry run, output) are nodes/shared/sync.ts's.
 */

const SHOW = { resource: ['dataSourceRow'], operation: ['sync'] };

interface WantedRow {
	name: string;
	content: string;
}

interface ListedRow {
	id: string;
	name: string;
}

type RowEntry = PlanEntry<WantedRow, ListedRow>;

type ChangeDetection = 'compareContent' | 'overwrite';

interface RowSyncOptions {
	changeDetection: ChangeDetection;
	batchSize: number;
	syncAfterChanges: boolean;
	lookUpCreatedIds: boolean;
}

/** The operation's own settings, read once for the run (at the first item). */
function readRowSyncOptions(context: IExecuteFunctions): RowSyncOptions {
	const scope = itemScope(context, 0);
	const options = (scope.value('syncOptions', {}) ?? {}) as {
		syncAfterChanges?: boolean;
		lookUpCreatedIds?: boolean;
	};
	return {
		changeDetection:
			scope.value('changeDetection', 'compareContent') === 'overwrite'
				? 'overwrite'
				: 'compareContent',
		batchSize: readBatchSize(context, 'syncOptions'),
		syncAfterChanges: options.syncAfterChanges !== false,
		lookUpCreatedIds: options.lookUpCreatedIds !== false,
	};
}

/** Every row of the data source (its ID and name), pages of 100. */
async function listRows(
	context: IExecuteFunctions,
	dataSourceId: string,
): Promise<Array<Present<ListedRow>>> {
	const records = await readAllPages(
		context.getNode(),
		0,
		cursorPages('dataSourceRows'),
		async (paging) =>
			await requestJson<IDataObject>(
				context,
				chatThing,
				{ method: 'POST', url: '/data-sources/row/list', body: { dataSourceId, ...paging } },
				0,
			),
	);
	return records.map((record) => {
		const row = { id: String(record.id ?? ''), name: String(record.name ?? '') };
		return { key: row.name.trim(), id: row.id, record: row };
	});
}

/**
 * The content of each present row that an entry of the input matches (the first row of its
 * name), one GET each, all through the request limits. An answer without content is kept as
 * undefined (the row counts as changed); a row that cannot be read, as its error (its entry is
 * not written, and fails).
 */
async function readContents(
	context: IExecuteFunctions,
	dataSourceId: string,
	plan: RowEntry[],
): Promise<Map<string, string | undefined | Error>> {
	const contents = new Map<string, string | undefined | Error>();
	await Promise.all(
		plan.map(async ({ wanted, present }) => {
			if (!wanted || !present) return;
			try {
				const answer = await requestJson<{ dataSourceRow?: { content?: unknown } }>(
					context,
					chatThing,
					{
						method: 'GET',
						url: '/data-sources/row',
						qs: { dataSourceId, dataSourceRowId: present.id },
					},
					wanted.itemIndex,
				);
				const content = answer?.dataSourceRow?.content;
				contents.set(present.id, typeof content === 'string' ? content : undefined);
			} catch (error) {
				contents.set(present.id, error as Error);
			}
		}),
	);
	return contents;
}

const VERBS = { add: 'create', update: 'update', delete: 'delete' } as const;

/** Records how each batch went: the failed batches' entries get the error, naming the batch. */
function recordBatches(
	results: Array<BatchResult<RowEntry>>,
	outcomes: Map<string, EntryOutcome>,
): RowEntry[] {
	const done: RowEntry[] = [];
	for (const { entries, error } of results) {
		for (const entry of entries) {
			if (!error) {
				done.push(entry);
				continue;
			}
			const verb = VERBS[entry.action as keyof typeof VERBS];
			const count = entries.length === 1 ? 'a batch of 1 row' : `a batch of ${entries.length} rows`;
			outcomes.set(outcomeKey(entry), {
				error: `${error.message} (${count} to ${verb}, none of them changed)`,
			});
		}
	}
	return done;
}

/**
 * Chat Thing answers a create without the new rows' IDs: the rows are listed again and each new
 * row is the one of its name that was not there before.
 */
async function lookUpCreatedIds(
	context: IExecuteFunctions,
	dataSourceId: string,
	created: RowEntry[],
	before: Array<Present<ListedRow>>,
	outcomes: Map<string, EntryOutcome>,
): Promise<void> {
	const known = new Set(before.map((row) => row.id));
	let after: Array<Present<ListedRow>>;
	try {
		after = await listRows(context, dataSourceId);
	} catch (error) {
		const idLookUpError = `The rows were created; listing them for their IDs failed: ${(error as Error).message}`;
		for (const entry of created) outcomes.set(outcomeKey(entry), { details: { idLookUpError } });
		return;
	}
	const newByName = new Map<string, string>();
	for (const row of after) {
		if (!known.has(row.id) && !newByName.has(row.key)) newByName.set(row.key, row.id);
	}
	for (const entry of created) {
		outcomes.set(outcomeKey(entry), { id: newByName.get(entry.key) });
	}
}

async function syncRows(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings: SyncSettings = readSyncSettings(this);
	const options = readRowSyncOptions(this);
	const dataSource = sameForEveryItem(dataSourceLocator);
	const input = await readSyncInput(this, (scope: ItemScope) => {
		dataSource.read(scope);
		// Names are compared and sent without the spaces around them.
		const name = readText(scope, nameField).trim();
		const content = readText(scope, contentField);
		return { key: name, value: { name, content } };
	});
	if ('errorItems' in input) return [input.errorItems];
	const { wanted } = input;
	const dataSourceId = dataSource.value(this);

	const present = await listRows(this, dataSourceId);
	// Deletions do not depend on the content: the guard stops a bad plan before any read.
	const matched = planSync(wanted, present, settings, { isUnchanged: () => true });
	checkPlan(this, matched, wanted.length, settings);
	const overwrite = options.changeDetection === 'overwrite';
	const contents = overwrite
		? new Map<string, string | undefined | Error>()
		: await readContents(this, dataSourceId, matched);
	const plan = planSync(wanted, present, settings, {
		isUnchanged: (entry, row) => !overwrite && contents.get(row.id) === entry.value.content,
	});

	const outcomes = new Map<string, EntryOutcome>();
	for (const entry of plan) {
		const content: unknown = entry.present ? contents.get(entry.present.id) : undefined;
		if (content instanceof Error) {
			outcomes.set(outcomeKey(entry), {
				error: `The row's content could not be read, so it was not written: ${content.message}`,
			});
		}
	}
	const common: IDataObject = { dataSourceId, syncStarted: false };
	if (settings.dryRun) return [output(plan, outcomes, settings, common)];

	const toWrite = (action: RowEntry['action']) =>
		plan.filter((entry) => entry.action === action && !outcomes.has(outcomeKey(entry)));
	const batches = { dataSourceId, size: options.batchSize };
	const inputItem = (entry: RowEntry) => entry.wanted!.itemIndex;
	const [created, updated, deleted] = await Promise.all([
		sendInBatches(
			this,
			{
				...batches,
				method: 'POST',
				path: '/data-sources/row',
				row: (entry: RowEntry) => ({ ...entry.wanted!.value }),
				itemIndex: inputItem,
			},
			toWrite('add'),
		),
		sendInBatches(
			this,
			{
				...batches,
				method: 'PUT',
				path: '/data-sources/row',
				row: (entry: RowEntry) => ({ id: entry.present!.id, ...entry.wanted!.value }),
				itemIndex: inputItem,
			},
			toWrite('update'),
		),
		sendInBatches(
			this,
			{
				...batches,
				method: 'DELETE',
				path: '/data-sources/rows',
				row: (entry: RowEntry) => ({ id: entry.present!.id }),
				itemIndex: () => 0,
			},
			toWrite('delete'),
		),
	]);
	const createdRows = recordBatches(created, outcomes);
	const changed =
		createdRows.length +
		recordBatches(updated, outcomes).length +
		recordBatches(deleted, outcomes).length;
	if (createdRows.length > 0 && options.lookUpCreatedIds) {
		await lookUpCreatedIds(this, dataSourceId, createdRows, present, outcomes);
	}

	if (changed > 0 && options.syncAfterChanges) {
		try {
			await requestJson(
				this,
				chatThing,
				{ method: 'POST', url: '/data-sources/sync', body: { dataSourceId } },
				0,
			);
			common.syncStarted = true;
		} catch (error) {
			const message = `${(error as Error).message} (the data source sync after the changes: the rows were written, but the bot learns them only after a sync)`;
			if (!this.continueOnFail()) {
				Object.assign(error as object, { message });
				throw asNodeError(this.getNode(), error);
			}
			common.syncError = message;
		}
	}
	return failIfAnyFailed(this, output(plan, outcomes, settings, common));
}

/** One item per row of the plan, each with the data source and whether the sync started. */
function output(
	plan: RowEntry[],
	outcomes: Map<string, EntryOutcome>,
	settings: SyncSettings,
	common: IDataObject,
): INodeExecutionData[] {
	const withCommon = new Map<string, EntryOutcome>();
	for (const entry of plan) {
		const outcome = outcomes.get(outcomeKey(entry)) ?? {};
		withCommon.set(outcomeKey(entry), {
			...outcome,
			details: { ...common, ...outcome.details },
		});
	}
	return syncOutput(plan, withCommon, settings);
}

const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is a row the data source should have, by name: missing rows are created, changed ones updated, and (if you turn it on) rows not in the input deleted. Run a Dry Run first. If some rows fail, the others are applied and the node fails (with Continue On Fail: one item per row, the failed ones with an error); running it again changes only what is still different.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: SHOW },
	},
	dataSourceField('sync'),
	{
		...rowContent('sync')[0],
		description:
			"The row's name, e.g. {{ $json.name }}: the sync matches the data source's rows to the input by it (spaces around it are ignored)",
	},
	{
		...rowContent('sync')[1],
		description: 'The text the bot is trained on, as Markdown, e.g. {{ $json.content }}',
	},
	{
		displayName: 'Change Detection',
		name: 'changeDetection',
		type: 'options',
		options: [
			{
				name: 'Compare Content',
				value: 'compareContent',
				description:
					'Read the content of each row whose name is in the input (one request per row) and write only the rows that differ',
			},
			{
				name: 'Overwrite Matching Rows',
				value: 'overwrite',
				description:
					'Update every row whose name is in the input without reading it: far fewer requests, but every row is written (and trained) again',
			},
		],
		default: 'compareContent',
		description: 'How the sync finds out which rows changed; the list of rows has no content',
		displayOptions: { show: SHOW },
	},
	...syncOptions(SHOW, 'row', [
		{
			...batchSizeOption,
			description:
				'How many rows go in one request (creates, updates and deletes each in their own batches). The service documents no limit; 100 is safe.',
		},
		{
			displayName: 'Look Up Created Row IDs',
			name: 'lookUpCreatedIds',
			type: 'boolean',
			default: true,
			description:
				'Whether to list the rows again after creating some, to output the IDs of the new rows (Chat Thing does not return them); it costs one request per 100 rows',
		},
		{
			displayName: 'Sync After Changes',
			name: 'syncAfterChanges',
			type: 'boolean',
			default: true,
			description:
				'Whether to sync the data source (train the bot on its rows) once at the end, if anything changed',
		},
	]),
];

export const syncRowsOperation: Operation = {
	option: {
		name: 'Sync',
		value: 'sync',
		action: 'Sync rows',
		description:
			'Make the rows of a data source match the input items, by name: create, update and optionally delete, then one sync',
	},
	properties,
	// Code, not one request per item: it lists, compares and writes in batches.
	execute: syncRows,
};
