import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { responseError } from '../../../shared/errors';
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
	stoppingError,
	syncOptions,
	syncOutput,
	type SyncSettings,
	type Wanted,
} from '../../../shared/sync';
import { BULK_CHUNK_SIZE } from '../../chunks';
import { chatbotLocator } from '../../descriptions';
import { aiChatbotHub } from '../../platform';
import { readHexColor } from '../sourceTag/fields';

/*
 * Data Source → Sync: the chatbot's Q&A and URL sources made to match the input items. The
 * sources the sync manages carry a source tag ('Source Tag', created when needed); it deletes
 * only sources that carry it. The writes, in order:
 * 1. create the new entries, and the new version of each changed Q&A;
 * 2. delete, in one request per 100: the old version of each replaced entry (only once its new
 *    version exists) and, when deletions are on, the tagged sources the input no longer has;
 * 3. re-scrape the URL sources that stay (optional), in one request per 100;
 * 4. write the tag's complete list of sources once: what it had, minus what was deleted, plus
 *    what was created or taken over. A source created in step 1 whose tagging failed is taken
 *    over by the next run (it matches its input item), so a run again converges.
 */

const showOnlyForDataSourceSync = { resource: ['dataSource'], operation: ['sync'] };

const typeField = { name: 'sourceType', displayName: 'Type' };
const questionField = { name: 'question', displayName: 'Question' };
const answerField = { name: 'answer', displayName: 'Answer' };
const urlField = { name: 'url', displayName: 'URL' };
const tagField = { name: 'syncTag', displayName: 'Source Tag' };

export const DEFAULT_SYNC_TAG = 'n8n sync';
const DEFAULT_TAG_COLOR = '#088F8F';

/** What one input item says the chatbot should know. */
type Entry = { type: 'qa'; question: string; answer: string } | { type: 'url'; url: string };

/** A Q&A or URL source of the chatbot, as the sync reads it. */
interface Source {
	uuid: string;
	type: 'qa' | 'url';
	/** Q&A only. */
	answer?: string;
	status: unknown;
}

/** The run's target, the same for every item. */
interface Target {
	chatbot: string;
	tagName: string;
	tagColor: string;
}

type Plan = Array<PlanEntry<Entry, Source>>;

/** What applying one entry of the plan takes. */
interface Work {
	entry: PlanEntry<Entry, Source>;
	/** Create the wanted entry (an add, or a changed one's new version). */
	create: boolean;
	/** Sources to delete: the old versions of a replaced entry (after its create), or the deleted one. */
	removeIds: string[];
	/** An untagged source that already is what the item wants: tagged, not created again. */
	adopt?: string;
	/** A URL source to re-scrape. */
	rescrape?: string;
	/** Why the entry cannot be applied; nothing is written for it. */
	blocked?: string;
	outcome: EntryOutcome;
}

// ---------------------------------------------------------------------------------------------
// Reading the input
// ---------------------------------------------------------------------------------------------

function readType(scope: ItemScope): 'qa' | 'url' {
	const value = String(scope.value(typeField.name, 'qa') ?? '')
		.trim()
		.toLowerCase();
	if (value === 'qa' || value === 'q&a') return 'qa';
	if (value === 'url' || value === 'link') return 'url';
	throw inputError(
		scope,
		`'Type' must be qa or url, not "${value.slice(0, 40)}"`,
		'Choose Q&A or URL, or map a field that holds "qa" or "url" for each item.',
	);
}

/**
 * The same web address however it is written (`https://Example.com` and `https://example.com/`):
 * URL sources are keyed by it.
 */
export function urlKey(url: string): string {
	try {
		return new URL(url.trim()).href;
	} catch {
		return url.trim();
	}
}

function readEntry(scope: ItemScope): { key: string; value: Entry } {
	if (readType(scope) === 'url') {
		const url = readUrl(scope, urlField);
		return { key: urlKey(url), value: { type: 'url', url } };
	}
	const question = readText(scope, questionField).trim();
	const answer = readText(scope, answerField).trim();
	return { key: question, value: { type: 'qa', question, answer } };
}

/**
 * Every item is read and checked before any request: its entry, and the run's target — the same
 * chatbot and tag for every item (readSyncInput, sameForEveryItem).
 */
async function readInput(
	context: IExecuteFunctions,
): Promise<
	{ target: Target; wanted: Array<Wanted<Entry>> } | { errorItems: INodeExecutionData[] }
> {
	const chatbot = sameForEveryItem(chatbotLocator);
	const tagName = sameForEveryItem(tagField, (scope) => readText(scope, tagField).trim());
	const tagColor = (scope: ItemScope) =>
		readHexColor(scope, 'syncOptions.tagColor', 'Tag Color', DEFAULT_TAG_COLOR);
	let firstTagColor: string | undefined;
	const input = await readSyncInput(context, (scope) => {
		chatbot.read(scope);
		tagName.read(scope);
		const color = tagColor(scope);
		const entry = readEntry(scope);
		firstTagColor ??= color;
		return entry;
	});
	if ('errorItems' in input) return input;
	try {
		const target: Target = {
			chatbot: chatbot.value(context),
			tagName: tagName.value(context),
			tagColor: firstTagColor ?? tagColor(itemScope(context, 0)),
		};
		return { target, wanted: input.wanted };
	} catch (error) {
		return { errorItems: [stoppingError(context, error, 0)] };
	}
}

// ---------------------------------------------------------------------------------------------
// What the chatbot has
// ---------------------------------------------------------------------------------------------

/** `meta_json` is a JSON string; one that does not parse holds nothing the sync can read. */
function metaOf(source: IDataObject): IDataObject {
	try {
		const meta = JSON.parse(String(source.meta_json ?? '{}')) as unknown;
		return meta !== null && typeof meta === 'object' && !Array.isArray(meta)
			? (meta as IDataObject)
			: {};
	} catch {
		return {};
	}
}

/**
 * The chatbot's Q&A and URL sources, keyed as the input is: a Q&A by its question (in
 * `meta_json`), a URL source by its address. The reference does not say where a URL source keeps
 * its address; the listing's `file_name` holds it (as the emulator's and the seed's URL sources
 * do), with a `url` in `meta_json` as a fallback. A source the sync cannot key (other types, a
 * `meta_json` that does not parse) is neither matched nor ever deleted.
 */
function presentSources(list: IDataObject[]): Array<Present<Source>> {
	const present: Array<Present<Source>> = [];
	for (const source of list) {
		const uuid = String(source.uuid ?? '');
		if (uuid === '') continue;
		const meta = metaOf(source);
		if (source.type === 'qa') {
			if (typeof meta.question !== 'string' || meta.question.trim() === '') continue;
			const answer = typeof meta.answer === 'string' ? meta.answer.trim() : '';
			present.push({
				key: meta.question.trim(),
				id: uuid,
				record: { uuid, type: 'qa', answer, status: source.status },
			});
		} else if (source.type === 'link') {
			const url = [source.file_name, meta.url].find(
				(value): value is string => typeof value === 'string' && value.trim() !== '',
			);
			if (url === undefined) continue;
			present.push({
				key: urlKey(url),
				id: uuid,
				record: { uuid, type: 'url', status: source.status },
			});
		}
	}
	return present;
}

const sameContent = (entry: Entry, source: Source) =>
	entry.type === source.type && (entry.type === 'url' || entry.answer === source.answer);

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

/**
 * The plan, and what each entry takes. Of several sources with one key the best is the match:
 * the one that already is what the item wants, else a tagged one; the other tagged ones of a
 * wanted key are old versions (left by a run that failed halfway), deleted as part of the
 * entry's update. Untagged sources are never deleted: an untagged one that already is what the
 * item wants is taken over (tagged); an untagged one with another answer blocks its entry.
 */
function planWork(
	wanted: Array<Wanted<Entry>>,
	present: Array<Present<Source>>,
	managed: Set<string>,
	settings: SyncSettings,
	rescrape: boolean,
	tagName: string,
): Work[] {
	const wantedByKey = new Map(wanted.map((entry) => [entry.key, entry]));
	const rank = (source: Present<Source>) => {
		const entry = wantedByKey.get(source.key);
		if (entry && sameContent(entry.value, source.record)) return 0;
		return managed.has(source.id) ? 1 : 2;
	};
	const ordered = present
		.map((source, index) => ({ source, index }))
		.sort((a, b) => rank(a.source) - rank(b.source) || a.index - b.index)
		.map(({ source }) => source);
	const plan: Plan = planSync(wanted, ordered, settings, {
		isUnchanged: (entry, source) => sameContent(entry.value, source.record),
		manages: (source) => managed.has(source.id),
		refreshes: (source) => rescrape && source.record.type === 'url',
	});

	const matched = new Set(
		plan.flatMap((entry) => (entry.wanted && entry.present ? [entry.present.id] : [])),
	);
	const staleOf = (key: string) =>
		ordered.filter(
			(source) => source.key === key && managed.has(source.id) && !matched.has(source.id),
		);
	const works: Work[] = [];
	for (const entry of plan) {
		// A tagged duplicate of a wanted key is an old version of that entry, not a deletion of its own.
		if (entry.action === 'delete' && wantedByKey.has(entry.key)) continue;
		const stale = entry.wanted ? staleOf(entry.key).map((source) => source.id) : [];
		const work: Work = { entry, create: false, removeIds: [], outcome: {} };
		const primary = entry.present;
		const tagged = primary !== undefined && managed.has(primary.id);
		if (entry.action === 'add') {
			work.create = true;
		} else if (entry.action === 'delete') {
			work.removeIds = [primary!.id];
		} else if (entry.action === 'update' && !tagged) {
			work.blocked = `The chatbot has a ${primary!.record.type === 'qa' ? 'Q&A source with this question' : 'source with this URL'} that the sync does not manage (it is not tagged "${tagName}"), with other content: tag it "${tagName}" or delete it, then run the sync again`;
		} else if (entry.action === 'update') {
			work.create = true;
			work.removeIds = [primary!.id, ...stale];
		} else {
			// Unchanged or refreshed: already what the item wants.
			if (!tagged) work.adopt = primary!.id;
			if (entry.action === 'refresh') work.rescrape = primary!.id;
			if (stale.length > 0) {
				// A replacement that a failed run left half done: only its old versions go.
				entry.action = 'update';
				work.removeIds = stale;
			}
		}
		work.outcome.details = {
			type: entry.wanted?.value.type ?? primary?.record.type ?? null,
			sourceStatus: (primary?.record.status ?? null) as IDataObject[string],
			...(work.adopt ? { adopted: true } : {}),
		};
		if (work.blocked) work.outcome.error = work.blocked;
		works.push(work);
	}
	return works;
}

// ---------------------------------------------------------------------------------------------
// The writes
// ---------------------------------------------------------------------------------------------

function failWith(work: Work, message: string): void {
	work.outcome.error ??= message;
}

const messageOf = (error: unknown) => (error as Error).message;

/** Step 1: creates, all at once (the request limits bound them). */
async function createEntries(context: IExecuteFunctions, target: Target, works: Work[]) {
	const chatbot = encodeURIComponent(target.chatbot);
	await Promise.all(
		works
			.filter((work) => work.create && !work.blocked)
			.map(async (work) => {
				const { value, itemIndex } = work.entry.wanted!;
				const request =
					value.type === 'qa'
						? {
								url: `/chatbot/${chatbot}/data-source/qa`,
								body: { question: value.question, answer: value.answer },
							}
						: { url: `/chatbot/${chatbot}/data-source/url`, body: { url: value.url } };
				try {
					const source = await requestJson<IDataObject>(
						context,
						aiChatbotHub,
						{ method: 'POST', ...request },
						itemIndex,
					);
					if (typeof source.uuid !== 'string' || source.uuid === '') {
						failWith(work, "The service answered the create without the new source's uuid");
						return;
					}
					work.outcome.id = source.uuid;
					work.outcome.details!.sourceStatus = (source.status ?? null) as IDataObject[string];
					if (work.entry.present) work.outcome.details!.replaced = work.removeIds;
				} catch (error) {
					failWith(work, messageOf(error));
				}
			}),
	);
}

/** Sends the IDs in chunks of 100, all at once (the request limits bound them). */
async function inChunks(ids: string[], send: (chunk: string[]) => Promise<void>): Promise<void> {
	const chunks: string[][] = [];
	for (let start = 0; start < ids.length; start += BULK_CHUNK_SIZE)
		chunks.push(ids.slice(start, start + BULK_CHUNK_SIZE));
	await Promise.all(chunks.map(send));
}

/** Step 2: deletions, after the creates they depend on; a failed chunk fails its entries. */
async function deleteSources(context: IExecuteFunctions, works: Work[]): Promise<Set<string>> {
	const owner = new Map<string, Work>();
	for (const work of works) {
		if (work.blocked || work.removeIds.length === 0) continue;
		// An old version goes only once its new version exists.
		if (work.create && work.outcome.error) continue;
		for (const id of work.removeIds) owner.set(id, work);
	}
	const deleted = new Set<string>();
	await inChunks([...owner.keys()], async (chunk) => {
		try {
			await requestJson(context, aiChatbotHub, {
				method: 'POST',
				url: '/data-sources/delete',
				body: { uuids: chunk },
			});
			for (const id of chunk) deleted.add(id);
		} catch (error) {
			for (const id of chunk) {
				const work = owner.get(id)!;
				failWith(
					work,
					work.entry.action === 'delete'
						? messageOf(error)
						: `The new version is in place, but the old one (${id}) could not be deleted: ${messageOf(error)}`,
				);
			}
		}
	});
	return deleted;
}

/** Step 3: the URL sources that stay, re-scraped; the answer reports each source on its own. */
async function rescrapeSources(context: IExecuteFunctions, works: Work[]): Promise<void> {
	const owner = new Map<string, Work>();
	for (const work of works) if (work.rescrape && !work.blocked) owner.set(work.rescrape, work);
	await inChunks([...owner.keys()], async (chunk) => {
		try {
			const answer = await requestJson<unknown>(context, aiChatbotHub, {
				method: 'POST',
				url: '/data-sources/url/re-scrape',
				body: { uuids: chunk },
			});
			const results = new Map(
				(Array.isArray(answer) ? (answer as IDataObject[]) : []).map((result) => [
					String(result.uuid),
					result,
				]),
			);
			for (const id of chunk) {
				const work = owner.get(id)!;
				const result = results.get(id);
				if (!result) failWith(work, 'The re-scrape answer does not mention this source');
				else if (result.error !== undefined && result.error !== null)
					failWith(work, `The source could not be re-scraped: ${String(result.error)}`);
				else work.outcome.details!.sourceStatus = (result.status ?? null) as IDataObject[string];
			}
		} catch (error) {
			for (const id of chunk) failWith(owner.get(id)!, messageOf(error));
		}
	});
}

/**
 * Step 4: the tag's complete list, written once (the reference says the update likely replaces
 * the list, so it is always sent whole): what it had (of sources that still exist), minus what was
 * deleted, plus what was created or taken over. Written only when it changes; the tag is created
 * only when there is something to put in it.
 */
async function writeTag(
	context: IExecuteFunctions,
	target: Target,
	tag: IDataObject | undefined,
	existing: Set<string>,
	works: Work[],
	deleted: Set<string>,
): Promise<void> {
	const before = ((tag?.data_source_uuids ?? []) as unknown[]).map(String);
	// What was created (even when its old version could not be deleted), and what is taken over.
	const joining = works.flatMap((work) => {
		const id = work.create ? work.outcome.id : work.blocked ? undefined : work.adopt;
		return id ? [{ work, id }] : [];
	});
	const list = [
		...new Set([
			...before.filter((id) => existing.has(id) && !deleted.has(id)),
			...joining.map(({ id }) => id),
		]),
	];
	const unchanged = list.length === before.length && list.every((id) => before.includes(id));
	if ((tag && unchanged) || (!tag && list.length === 0)) return;
	try {
		if (tag) {
			await requestJson(context, aiChatbotHub, {
				method: 'POST',
				url: `/source-tag/${encodeURIComponent(String(tag.uuid))}/update`,
				body: { data_source_uuids: list },
			});
		} else {
			await requestJson(context, aiChatbotHub, {
				method: 'POST',
				url: `/chatbot/${encodeURIComponent(target.chatbot)}/source-tag/create`,
				body: { name: target.tagName, color: target.tagColor, data_source_uuids: list },
			});
		}
	} catch (error) {
		for (const { work } of joining) {
			failWith(
				work,
				`The source is in place, but could not be tagged "${target.tagName}": ${messageOf(error)}. Running the sync again tags it.`,
			);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// The operation
// ---------------------------------------------------------------------------------------------

/** A listing must be a list; anything else is an answer the sync cannot plan with. */
function asList(context: IExecuteFunctions, answer: unknown, what: string): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	throw responseError(
		context.getNode(),
		0,
		`The service answered the list of ${what} with something that is not a list`,
		"Nothing was changed. Check the credential's Base URL: it should end in /api/v1.",
	);
}

/** What the sync found and plans. */
interface Prepared {
	sources: IDataObject[];
	tag: IDataObject | undefined;
	works: Work[];
}

/** The two listings, the plan, and its check (which stops the node before any write). */
async function listAndPlan(
	context: IExecuteFunctions,
	target: Target,
	wanted: Array<Wanted<Entry>>,
	settings: SyncSettings,
): Promise<Prepared> {
	const options = itemScope(context, 0).value('syncOptions', {}) as { rescrapeUrls?: boolean };
	const chatbot = encodeURIComponent(target.chatbot);
	const [sourceList, tagList] = await Promise.all([
		requestJson<unknown>(context, aiChatbotHub, {
			method: 'GET',
			url: `/chatbot/${chatbot}/data-sources`,
		}),
		requestJson<unknown>(context, aiChatbotHub, {
			method: 'GET',
			url: `/chatbot/${chatbot}/source-tags`,
		}),
	]);
	const sources = asList(context, sourceList, 'data sources');
	const tag = asList(context, tagList, 'source tags').find(
		(candidate) => String(candidate.name ?? '').trim() === target.tagName,
	);
	const managed = new Set(((tag?.data_source_uuids ?? []) as unknown[]).map(String));
	const works = planWork(
		wanted,
		presentSources(sources),
		managed,
		settings,
		options.rescrapeUrls === true,
		target.tagName,
	);
	checkPlan(
		context,
		works.map((work) => work.entry),
		wanted.length,
		settings,
	);
	return { sources, tag, works };
}

async function syncSources(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = readSyncSettings(this);
	const input = await readInput(this);
	if ('errorItems' in input) return [input.errorItems];
	const { target, wanted } = input;

	let prepared: Prepared;
	try {
		prepared = await listAndPlan(this, target, wanted, settings);
	} catch (error) {
		// Nothing was written: under Continue On Fail the stop is one error item.
		return [[stoppingError(this, error)]];
	}
	const { sources, tag, works } = prepared;

	if (!settings.dryRun) {
		await createEntries(this, target, works);
		const [deleted] = await Promise.all([deleteSources(this, works), rescrapeSources(this, works)]);
		const existing = new Set(sources.map((source) => String(source.uuid)));
		await writeTag(this, target, tag, existing, works, deleted);
	}

	const plan = works.map((work) => work.entry);
	const outcomes = new Map(works.map((work) => [outcomeKey(work.entry), work.outcome]));
	return failIfAnyFailed(this, syncOutput(plan, outcomes, settings));
}

const show = showOnlyForDataSourceSync;

const extraOptions: INodeProperties[] = [
	{
		displayName: 'Re-Scrape Unchanged URLs',
		name: 'rescrapeUrls',
		type: 'boolean',
		default: false,
		description:
			'Whether to have the service fetch the URL sources that stay again (one request for all of them), so that the chatbot learns their latest content. Their action is then "refresh".',
	},
	{
		displayName: 'Tag Color',
		name: 'tagColor',
		type: 'color',
		default: DEFAULT_TAG_COLOR,
		description: 'The color of the source tag, when the sync creates it',
	},
];

export const syncDataSources: Operation = {
	option: {
		name: 'Sync',
		value: 'sync',
		action: 'Sync data sources',
		description:
			"Make the chatbot's Q&A and URL sources match the input items: add the new, replace the changed, optionally delete the removed, leave the rest",
	},
	properties: [
		{
			displayName:
				'The sync lists the chatbot\'s sources and changes only what differs. With Continue On Fail off, a run in which some entries failed fails after the others were applied; running it again finishes the rest and creates nothing twice. With Continue On Fail on, each failed entry is an item with "error".',
			name: 'syncNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
		{
			...chatbotLocator,
			description: 'The chatbot whose knowledge should match the input (the same for every item)',
			displayOptions: { show },
		},
		{
			displayName: 'Type',
			name: typeField.name,
			type: 'options',
			options: [
				{
					name: 'Q&A',
					value: 'qa',
					description: 'A question and its answer, keyed by the question',
				},
				{ name: 'URL', value: 'url', description: 'A web page, keyed by its address' },
			],
			default: 'qa',
			description:
				'What each item is. For an input with both, use an expression that gives "qa" or "URL" for each item.',
			displayOptions: { show },
		},
		// Question, Answer and URL are not marked required: with Type an expression all three show, and
		// n8n would refuse to run an input of Q&A items only. Each item's own fields are checked.
		{
			displayName: 'Question',
			name: questionField.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. How long do refunds take?',
			description:
				'The question, mapped from the input. It is the key: an item whose question the chatbot has with another answer replaces that source.',
			displayOptions: { show: { ...show, sourceType: ['qa'] } },
		},
		{
			displayName: 'Answer',
			name: answerField.name,
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'e.g. Refunds arrive within 5 business days.',
			displayOptions: { show: { ...show, sourceType: ['qa'] } },
		},
		{
			displayName: 'URL',
			name: urlField.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/docs/pricing',
			description: 'The web page, mapped from the input. It is the key.',
			displayOptions: { show: { ...show, sourceType: ['url'] } },
		},
		{
			displayName: 'Source Tag',
			name: tagField.name,
			type: 'string',
			required: true,
			default: DEFAULT_SYNC_TAG,
			description:
				'The tag that marks the sources this sync manages; created when the chatbot has no tag of this name. The sync deletes only sources that carry it, never the ones added in other ways.',
			displayOptions: { show },
		},
		...syncOptions(show, 'source', extraOptions),
	],
	// Code, not one request per item: it lists, plans, then writes for the whole input.
	execute: syncSources,
};
