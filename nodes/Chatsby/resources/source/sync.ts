import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { failureOf } from '../../../shared/errors';
import { readAllPages } from '../../../shared/pagination';
import {
	inputError,
	itemScope,
	type ItemScope,
	readText,
	readUrl,
} from '../../../shared/parameters';
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
import {
	type TrainingWait,
	waitForTraining,
	waitForTrainingOptions,
} from '../../../shared/trainingPoller';
import { agentLocator, chatsbyPages } from '../../descriptions';
import { chatsby } from '../../platform';
import { checkPairs, MAX_TEXT_CHARACTERS, parsePairsJson, sourceKey } from '../../sourceContent';
import { sourceTraining } from '../../training';

/*
 * Source → Sync: the input items are the sources one agent should have, each found by its type
 * and its content in normal form (sourceContent.ts). Chatsby has no update: a changed text or
 * Q&A is a new source, so it is added, and the old one deleted (when deletions are on) only after
 * every add — with 'Wait for Training to Finish', only after the new ones are trained — so that
 * the agent is never without it. The shared rules are nodes/shared/sync.ts's.
 */

const SHOW = { resource: ['source'], operation: ['sync'] };

/** The types a sync adds and deletes; file sources need an upload Chatsby does not document. */
const SYNC_TYPES = ['website', 'text', 'qa'] as const;
type SyncType = (typeof SYNC_TYPES)[number];
const TYPE_NAMES: Record<string, string> = { website: 'website', text: 'text', qa: 'Q&A' };

interface WantedSource {
	type: SyncType;
	/** The content as it is sent (the address as given, Q&A as the JSON string Chatsby takes). */
	content: string;
}

type SourceRecord = IDataObject & { id?: string; type?: string; status?: string };
type SourceEntry = PlanEntry<WantedSource, SourceRecord>;

interface SourceSyncOptions {
	crawlSubpages: boolean;
	refreshWebsites: boolean;
	deleteTypes: string[];
	training: TrainingWait;
}

const contentField = { name: 'content', displayName: 'Content' };

function readSourceSyncOptions(context: IExecuteFunctions): SourceSyncOptions {
	const scope = itemScope(context, 0);
	const options = (scope.value('syncOptions', {}) ?? {}) as TrainingWait & {
		crawlSubpages?: boolean;
		refreshWebsites?: boolean;
	};
	const deleteTypes = scope.value('deleteTypes', []);
	return {
		crawlSubpages: options.crawlSubpages === true,
		refreshWebsites: options.refreshWebsites === true,
		deleteTypes: Array.isArray(deleteTypes) ? deleteTypes.map(String) : [],
		training: options,
	};
}

/** One input item's source: the same checks and body as Source → Add. */
function readSource(scope: ItemScope): WantedSource {
	const type = String(scope.value('sourceType', 'website') ?? '')
		.trim()
		.toLowerCase();
	if (!(SYNC_TYPES as readonly string[]).includes(type)) {
		throw inputError(
			scope,
			`'Type' must be website, text or qa, not "${type.slice(0, 40)}"`,
			'Choose the type, or map a value that is one of website, text and qa (Q&A).',
		);
	}
	if (type === 'website') {
		const content = readUrl(scope, contentField, {
			httpsOnly: true,
			hint: 'Chatsby crawls websites over HTTPS only, e.g. https://acme.com/help',
		});
		return { type, content };
	}
	if (type === 'text') {
		return {
			type,
			content: readText(scope, contentField, { maxLength: MAX_TEXT_CHARACTERS }),
		};
	}
	const pairs = checkPairs(
		scope,
		parsePairsJson(scope, scope.value(contentField.name, ''), contentField.displayName),
	);
	// The API takes the pairs as a JSON string, not as an array.
	return { type: 'qa', content: JSON.stringify(pairs) };
}

/** The agent's sources of the given types, all pages (filtered by type when there is one). */
async function listSources(
	context: IExecuteFunctions,
	agentId: string,
	types: Set<string>,
): Promise<Array<Present<SourceRecord>>> {
	if (types.size === 0) return [];
	const only = types.size === 1 ? [...types][0] : undefined;
	const records = await readAllPages(
		context.getNode(),
		0,
		chatsbyPages,
		async (paging) =>
			await requestJson<IDataObject>(
				context,
				chatsby,
				{
					method: 'GET',
					url: `/agents/${encodeURIComponent(agentId)}/sources`,
					qs: { ...paging, ...(only ? { type: only } : {}) },
				},
				0,
			),
	);
	return (records as SourceRecord[])
		.filter((record) => types.has(String(record.type)))
		.map((record) => ({
			key: sourceKey(String(record.type), String(record.content ?? '')),
			id: String(record.id ?? ''),
			record,
		}));
}

const inTraining = (record: SourceRecord) =>
	record.status === 'pending' || record.status === 'processing';

async function syncSources(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings: SyncSettings = readSyncSettings(this);
	const options = readSourceSyncOptions(this);
	const agent = sameForEveryItem(agentLocator);
	const input = await readSyncInput(this, (scope: ItemScope) => {
		agent.read(scope);
		const source = readSource(scope);
		return { key: sourceKey(source.type, source.content), value: source };
	});
	if ('errorItems' in input) return [input.errorItems];
	const { wanted } = input;
	const agentId = agent.value(this);

	// The types whose sources the sync deletes when the input no longer has them: the chosen
	// ones, else those of the input, else (an empty input that may delete) every type it syncs.
	const inputTypes = new Set<string>(wanted.map((entry) => entry.value.type));
	const managed = new Set<string>(
		options.deleteTypes.length > 0
			? options.deleteTypes
			: wanted.length > 0
				? inputTypes
				: SYNC_TYPES,
	);
	const listed = new Set([...inputTypes, ...(settings.deleteMissing ? managed : [])]);
	const present = await listSources(this, agentId, listed);
	const plan = planSync(wanted, present, settings, {
		// The key is the content: a source of the same key is the same source.
		isUnchanged: () => true,
		manages: (source) => managed.has(String(source.record.type)),
		refreshes: options.refreshWebsites
			? (source) => source.record.type === 'website' && !inTraining(source.record)
			: undefined,
	});
	checkPlan(this, plan, wanted.length, settings);

	const outcomes = new Map<string, EntryOutcome>();
	const detailsOf = (source: SourceRecord | undefined, type: string): IDataObject => ({
		type,
		sourceStatus: source?.status ?? null,
	});
	for (const entry of plan) {
		const type = entry.wanted?.value.type ?? String(entry.present?.record.type);
		outcomes.set(outcomeKey(entry), { details: detailsOf(entry.present?.record, type) });
	}
	if (settings.dryRun) return [syncOutput(plan, outcomes, settings)];

	// Adds (and refreshes) first; a type with an add that did not get through keeps its sources.
	const blocked = new Set<string>();
	await Promise.all(
		plan.map(async (entry) => {
			if (entry.action === 'add') {
				const outcome = await addSource(this, agentId, entry, options);
				if (outcome.error || outcome.details?.trainingFailed === true)
					blocked.add(entry.wanted!.value.type);
				outcomes.set(outcomeKey(entry), outcome);
			} else if (entry.action === 'refresh') {
				outcomes.set(outcomeKey(entry), await refreshSource(this, entry));
			}
		}),
	);
	await Promise.all(
		plan
			.filter((entry) => entry.action === 'delete')
			.map(async (entry) => {
				const type = String(entry.present!.record.type);
				const details = detailsOf(entry.present!.record, type);
				if (blocked.has(type)) {
					outcomes.set(outcomeKey(entry), {
						details,
						error: `Not deleted: adding a ${TYPE_NAMES[type] ?? type} source failed, and this source may be the one it replaces. Running the sync again finishes it.`,
					});
					return;
				}
				try {
					await requestJson(
						this,
						chatsby,
						{ method: 'DELETE', url: `/sources/${encodeURIComponent(entry.present!.id)}` },
						0,
					);
					outcomes.set(outcomeKey(entry), { details: { ...details, sourceStatus: 'deleted' } });
				} catch (error) {
					outcomes.set(outcomeKey(entry), { details, error: (error as Error).message });
				}
			}),
	);
	return failIfAnyFailed(this, syncOutput(plan, outcomes, settings));
}

/** `POST /agents/{id}/sources`, then, with 'Wait for Training to Finish', until trained. */
async function addSource(
	context: IExecuteFunctions,
	agentId: string,
	entry: SourceEntry,
	options: SourceSyncOptions,
): Promise<EntryOutcome> {
	const { type, content } = entry.wanted!.value;
	const itemIndex = entry.wanted!.itemIndex;
	const details = (source: SourceRecord | undefined): IDataObject => ({
		type,
		sourceStatus: source?.status ?? null,
		...(source?.trainingFailed !== undefined ? { trainingFailed: source.trainingFailed } : {}),
	});
	let added: SourceRecord;
	try {
		added = await requestJson<SourceRecord>(
			context,
			chatsby,
			{
				method: 'POST',
				url: `/agents/${encodeURIComponent(agentId)}/sources`,
				body: {
					type,
					content,
					...(type === 'website' ? { crawl_subpages: options.crawlSubpages } : {}),
				},
			},
			itemIndex,
		);
	} catch (error) {
		return { details: details(undefined), error: (error as Error).message };
	}
	const id = String(added.id ?? '');
	if (!options.training.waitForTraining) return { id, details: details(added) };
	try {
		const trained = await waitForTraining({
			node: context.getNode(),
			itemIndex,
			settings: options.training,
			what: 'source',
			first: added,
			check: async () =>
				await requestJson<IDataObject>(
					context,
					chatsby,
					{ method: 'GET', url: `/sources/${encodeURIComponent(id)}` },
					itemIndex,
				),
			read: sourceTraining,
		});
		return { id, details: details(trained) };
	} catch (error) {
		return { id, details: details(added), error: (error as Error).message };
	}
}

/** `POST /sources/{id}/refresh`; a source already being crawled (409) is left to finish. */
async function refreshSource(
	context: IExecuteFunctions,
	entry: SourceEntry,
): Promise<EntryOutcome> {
	const present = entry.present!;
	try {
		const refreshed = await requestJson<SourceRecord>(
			context,
			chatsby,
			{ method: 'POST', url: `/sources/${encodeURIComponent(present.id)}/refresh` },
			entry.wanted!.itemIndex,
		);
		return { details: { type: 'website', sourceStatus: refreshed.status ?? null } };
	} catch (error) {
		if (failureOf(error)?.status === 409)
			return { details: { type: 'website', sourceStatus: 'processing', alreadyProcessing: true } };
		return {
			details: { type: 'website', sourceStatus: present.record.status ?? null },
			error: (error as Error).message,
		};
	}
}

const typeOptions = [
	{ name: 'Q&A', value: 'qa', description: 'Question and answer pairs (at most 500)' },
	{ name: 'Text', value: 'text', description: 'Raw text (at most 100,000 characters)' },
	{ name: 'Website', value: 'website', description: 'A web page, crawled over HTTPS' },
];

const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is a source the agent should have, found by its type and content: missing ones are added, and (if you turn it on) sources of the managed types that the input no longer has are deleted, after every add. Chatsby has no update: a changed text is added as a new source, then the old one deleted. Run a Dry Run first. If some sources fail, the others are applied and the node fails (with Continue On Fail: one item per source, the failed ones with an error); running it again changes only what is still different.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: SHOW },
	},
	{ ...agentLocator, displayOptions: { show: SHOW } },
	{
		displayName: 'Type',
		name: 'sourceType',
		type: 'options',
		options: typeOptions,
		default: 'website',
		description:
			'The type of the source: website, text or qa; map it from the input to sync sources of several types. File sources are not synced: Chatsby does not document their upload.',
		displayOptions: { show: SHOW },
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. https://acme.com/help',
		description:
			'Website: the https:// address (compared without its #fragment and trailing slash). Text: the text, at most 100,000 characters (compared exactly). Q&A: a JSON array of {"question", "answer"} pairs, at most 500 (compared pair by pair, in order).',
		displayOptions: { show: SHOW },
	},
	...syncOptions(SHOW, 'source', [
		{
			displayName: 'Crawl Subpages',
			name: 'crawlSubpages',
			type: 'boolean',
			default: false,
			description:
				'Whether the website sources the sync adds also follow links to other pages of the same domain',
		},
		{
			displayName: 'Refresh Unchanged Websites',
			name: 'refreshWebsites',
			type: 'boolean',
			default: false,
			description:
				'Whether to crawl the website sources that stay again (the nightly re-crawl); a website already being crawled is left to finish',
		},
		...waitForTrainingOptions('source').map((option) =>
			option.name === 'waitForTraining'
				? {
						...option,
						description:
							'Whether to check each added source until its training finishes or fails, and to delete the sources it replaces only once it is trained',
					}
				: option,
		),
	]),
	{
		displayName: 'Types to Delete',
		name: 'deleteTypes',
		type: 'multiOptions',
		options: typeOptions,
		default: [],
		description:
			'The types of source the sync deletes from when the input no longer has a source. Empty: the types the input has (all three when the input is empty). File sources are never deleted.',
		displayOptions: { show: { ...SHOW, deleteMissing: [true] } },
	},
];

export const syncSourcesOperation: Operation = {
	option: {
		name: 'Sync',
		value: 'sync',
		action: 'Sync sources',
		description:
			'Make the sources of an agent match the input items: add the missing, optionally delete the others, refresh websites',
	},
	properties,
	// Code, not one request per item: it lists, compares, adds before it deletes.
	execute: syncSources,
};
