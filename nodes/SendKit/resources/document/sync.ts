import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	type BinaryFile,
	binaryFileOf,
	checkFileSize,
	readBinaryFileAt,
} from '../../../shared/binaryInput';
import type { Operation } from '../../../shared/descriptions';
import { asNodeError, failureOf, responseError } from '../../../shared/errors';
import { itemScope, type ItemScope } from '../../../shared/parameters';
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
import {
	type TrainingWait,
	waitForTraining,
	waitForTrainingOptions,
} from '../../../shared/trainingPoller';
import { agentLocator } from '../../descriptions';
import { sendKit } from '../../platform';
import { agentTraining } from '../../training';
import { type DocumentStep, MAX_DOCUMENT_BYTES, uploadInThreeSteps } from './upload';

/*
 * Document → Sync: an agent's training documents made to match the files of the input items,
 * keyed by file name; a file whose size differs from the document's is changed. The writes, in
 * order:
 * 1. upload the new and changed files (Document → Upload's three steps: upload URL, PUT, process);
 * 2. remove the documents the input no longer has (when deletions are on), and the old version
 *    of each changed file — only once its new version is uploaded;
 * 3. retrain the agent (10 credits), only when something changed and 'Retrain After Changes' is
 *    on; optionally wait for the training to finish.
 */

const showOnlyForDocumentSync = { resource: ['document'], operation: ['sync'] };
const show = showOnlyForDocumentSync;

const FILE_LIMITS = { maxBytes: MAX_DOCUMENT_BYTES, extensions: ['pdf', 'docx', 'txt'] };

/** A file of the input, checked; its size is read before any request. */
interface InputFile extends BinaryFile {
	size: number;
}

/** A document of the agent (`uploadedDocuments`). */
interface Document {
	fileKey: string;
	fileSize: number | undefined;
	status: unknown;
}

interface Work {
	entry: PlanEntry<InputFile, Document>;
	upload: boolean;
	/** Documents to remove: the old versions of a changed file (after its upload), or the deleted one. */
	removeKeys: string[];
	/** Whether a write of this entry reached SendKit (for the retrain). */
	changed: boolean;
	outcome: EntryOutcome;
}

// ---------------------------------------------------------------------------------------------
// Reading the input
// ---------------------------------------------------------------------------------------------

function fileOf(context: IExecuteFunctions, scope: ItemScope): BinaryFile {
	const item = context.getInputData()[scope.itemIndex];
	return binaryFileOf(scope, item, 'binaryPropertyName', FILE_LIMITS);
}

/**
 * Every item is read and checked before any request (readSyncInput): the agent, the same for
 * every item, and the file (present, PDF, DOCX or TXT, at most 10 MB). The sizes decide what
 * changed: read from the bytes.
 */
async function readInput(
	context: IExecuteFunctions,
): Promise<
	{ agentId: string; wanted: Array<Wanted<InputFile>> } | { errorItems: INodeExecutionData[] }
> {
	const agent = sameForEveryItem(agentLocator);
	const input = await readSyncInput(context, async (scope) => {
		agent.read(scope);
		const file = fileOf(context, scope);
		const data = await context.helpers.getBinaryDataBuffer(scope.itemIndex, file.fieldName);
		checkFileSize(scope, file.fileName, data.length, FILE_LIMITS);
		return { key: file.fileName, value: { ...file, size: data.length } };
	});
	if ('errorItems' in input) return input;
	try {
		return { agentId: agent.value(context), wanted: input.wanted };
	} catch (error) {
		return { errorItems: [stoppingError(context, error, 0)] };
	}
}

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

function presentDocuments(agent: IDataObject): Array<Present<Document>> {
	const documents = Array.isArray(agent.uploadedDocuments)
		? (agent.uploadedDocuments as IDataObject[])
		: [];
	return documents.flatMap((document) => {
		const fileName = typeof document.fileName === 'string' ? document.fileName : '';
		const fileKey = typeof document.fileKey === 'string' ? document.fileKey : '';
		if (fileName === '' || fileKey === '') return [];
		const size = Number(document.fileSize);
		return [
			{
				key: fileName,
				id: fileKey,
				record: {
					fileKey,
					fileSize: Number.isFinite(size) ? size : undefined,
					status: document.status,
				},
			},
		];
	});
}

/**
 * The plan, and what each entry takes. Of several documents with one file name the match is the
 * one of the file's size; the others are old versions (left by a run that failed halfway, or
 * uploaded twice), removed as part of the entry's update, not as deletions of their own.
 */
function planWork(
	wanted: Array<Wanted<InputFile>>,
	present: Array<Present<Document>>,
	settings: SyncSettings,
): Work[] {
	const wantedByKey = new Map(wanted.map((entry) => [entry.key, entry]));
	const sameSize = (file: InputFile, document: Document) => document.fileSize === file.size;
	const rank = (document: Present<Document>) => {
		const entry = wantedByKey.get(document.key);
		return entry && sameSize(entry.value, document.record) ? 0 : 1;
	};
	const ordered = present
		.map((document, index) => ({ document, index }))
		.sort((a, b) => rank(a.document) - rank(b.document) || a.index - b.index)
		.map(({ document }) => document);
	const plan = planSync(wanted, ordered, settings, {
		isUnchanged: (entry, document) => sameSize(entry.value, document.record),
	});
	const matched = new Set(
		plan.flatMap((entry) => (entry.wanted && entry.present ? [entry.present.id] : [])),
	);
	const works: Work[] = [];
	for (const entry of plan) {
		if (entry.action === 'delete' && wantedByKey.has(entry.key)) continue;
		const stale = entry.wanted
			? ordered
					.filter((document) => document.key === entry.key && !matched.has(document.id))
					.map((document) => document.id)
			: [];
		const work: Work = { entry, upload: false, removeKeys: [], changed: false, outcome: {} };
		if (entry.action === 'add') {
			work.upload = true;
		} else if (entry.action === 'update') {
			work.upload = true;
			work.removeKeys = [entry.present!.id, ...stale];
		} else if (entry.action === 'delete') {
			work.removeKeys = [entry.present!.id];
		} else if (stale.length > 0) {
			// A replacement that a failed run left half done: only its old versions go.
			entry.action = 'update';
			work.removeKeys = stale;
		}
		work.outcome.details = {
			fileSize: entry.wanted?.value.size ?? entry.present?.record.fileSize ?? null,
			documentStatus: (entry.present?.record.status ?? null) as IDataObject[string],
		};
		works.push(work);
	}
	return works;
}

// ---------------------------------------------------------------------------------------------
// The writes
// ---------------------------------------------------------------------------------------------

const messageOf = (error: unknown) => (error as Error).message;

/** Step 1: the uploads, all at once (the request limits bound them). */
async function uploadFiles(context: IExecuteFunctions, agentId: string, works: Work[]) {
	const agentPath = `/v1/agents/${encodeURIComponent(agentId)}`;
	await Promise.all(
		works
			.filter((work) => work.upload)
			.map(async (work) => {
				const { itemIndex } = work.entry.wanted!;
				const post: DocumentStep = async (endpoint, body) => {
					const answer = await requestJson<IDataObject>(
						context,
						sendKit,
						{ method: 'POST', url: `${agentPath}/${endpoint}`, body },
						itemIndex,
					);
					return (answer.data ?? {}) as IDataObject;
				};
				try {
					const file = await readBinaryFileAt(
						context,
						itemIndex,
						'binaryPropertyName',
						'file',
						FILE_LIMITS,
					);
					const processed = await uploadInThreeSteps(context, file, post, {
						process: true,
						itemIndex,
					});
					const document = (processed.document ?? {}) as IDataObject;
					if (typeof document.fileKey !== 'string' || document.fileKey === '') {
						work.outcome.error = 'SendKit did not confirm the document it processed';
						return;
					}
					work.changed = true;
					work.outcome.id = document.fileKey;
					work.outcome.details!.documentStatus = (document.status ?? null) as IDataObject[string];
					if (work.entry.present) work.outcome.details!.replaced = work.removeKeys;
				} catch (error) {
					work.outcome.error = messageOf(error);
				}
			}),
	);
}

/** Step 2: the removals, after the uploads they depend on. */
async function removeDocuments(context: IExecuteFunctions, agentId: string, works: Work[]) {
	const url = `/v1/agents/${encodeURIComponent(agentId)}/documents`;
	await Promise.all(
		works
			// An old version goes only once its new version is uploaded.
			.filter((work) => work.removeKeys.length > 0 && !(work.upload && work.outcome.error))
			.flatMap((work) =>
				work.removeKeys
					// Should SendKit ever give the new version the old one's key, it replaced it.
					.filter((fileKey) => fileKey !== work.outcome.id)
					.map(async (fileKey) => {
						try {
							await requestJson(context, sendKit, { method: 'DELETE', url, body: { fileKey } });
							work.changed = true;
						} catch (error) {
							// Gone already (a removal that was answered too late, then repeated): done.
							if (failureOf(error)?.status === 404) return;
							work.outcome.error ??=
								work.entry.action === 'delete'
									? messageOf(error)
									: `The new version is uploaded, but the old one (${fileKey}) could not be removed: ${messageOf(error)}`;
						}
					}),
			),
	);
}

/**
 * Step 3: the retrain (10 credits), only when a write of this run reached SendKit; then, with
 * 'Wait for Training to Finish', the shared training poller. Its failure leaves the documents
 * synced: the run's items say so, and without Continue On Fail the node fails after them.
 */
async function retrainAgent(
	context: IExecuteFunctions,
	agentId: string,
	settings: TrainingWait,
): Promise<{ details: IDataObject; error?: Error }> {
	const agentPath = `/v1/agents/${encodeURIComponent(agentId)}`;
	let agent: IDataObject;
	try {
		const started = await requestJson<IDataObject>(context, sendKit, {
			method: 'POST',
			url: `${agentPath}/retrain`,
		});
		agent = (started.data ?? {}) as IDataObject;
	} catch (error) {
		return {
			details: { retrain: 'failed', retrainError: messageOf(error) },
			error: error as Error,
		};
	}
	const done = (record: IDataObject): IDataObject => ({
		retrain: 'done',
		trainingStatus: (record.trainingStatus ?? null) as IDataObject[string],
		...(record.trainingFailed !== undefined ? { trainingFailed: record.trainingFailed } : {}),
	});
	if (!settings.waitForTraining) return { details: done(agent) };
	try {
		const trained = await waitForTraining({
			node: context.getNode(),
			itemIndex: 0,
			settings,
			what: 'agent',
			first: agent,
			check: async () =>
				((await requestJson<IDataObject>(context, sendKit, { method: 'GET', url: agentPath }))
					.data ?? {}) as IDataObject,
			read: agentTraining,
		});
		return { details: done(trained) };
	} catch (error) {
		return {
			details: { ...done(agent), trainingError: messageOf(error) },
			error: error as Error,
		};
	}
}

// ---------------------------------------------------------------------------------------------
// The operation
// ---------------------------------------------------------------------------------------------

/** The read of the agent, the plan, and its check (which stops the node before any write). */
async function readAndPlan(
	context: IExecuteFunctions,
	agentId: string,
	wanted: Array<Wanted<InputFile>>,
	settings: SyncSettings,
): Promise<Work[]> {
	const answer = await requestJson<IDataObject>(context, sendKit, {
		method: 'GET',
		url: `/v1/agents/${encodeURIComponent(agentId)}`,
	});
	const agent = answer.data;
	if (agent === null || typeof agent !== 'object' || Array.isArray(agent)) {
		throw responseError(
			context.getNode(),
			0,
			'SendKit answered the agent without the agent',
			"Nothing was changed. Check the credential's Base URL (https://api.sendkit.ai).",
		);
	}
	const works = planWork(wanted, presentDocuments(agent as IDataObject), settings);
	checkPlan(
		context,
		works.map((work) => work.entry),
		wanted.length,
		settings,
	);
	return works;
}

async function syncAgentDocuments(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = readSyncSettings(this);
	const input = await readInput(this);
	if ('errorItems' in input) return [input.errorItems];
	const { agentId, wanted } = input;
	const options = itemScope(this, 0).value('syncOptions', {}) as TrainingWait & {
		retrain?: boolean;
	};
	const retrainOn = options.retrain !== false;

	let works: Work[];
	try {
		works = await readAndPlan(this, agentId, wanted, settings);
	} catch (error) {
		// Nothing was written: under Continue On Fail the stop is one error item.
		return [[stoppingError(this, error)]];
	}
	const plan = works.map((work) => work.entry);

	let retrain: { details: IDataObject; error?: Error } = {
		details: { retrain: retrainOn ? 'notNeeded' : 'off' },
	};
	const changes = plan.some((entry) => entry.action !== 'unchanged');
	if (settings.dryRun) {
		if (retrainOn && changes) retrain = { details: { retrain: 'planned' } };
	} else {
		await uploadFiles(this, agentId, works);
		await removeDocuments(this, agentId, works);
		if (retrainOn && works.some((work) => work.changed)) {
			retrain = await retrainAgent(this, agentId, options);
		}
	}

	const outcomes = new Map(works.map((work) => [outcomeKey(work.entry), work.outcome]));
	const items = syncOutput(plan, outcomes, settings).map((item) => ({
		...item,
		json: { ...item.json, ...retrain.details },
	}));
	const output = failIfAnyFailed(this, items);
	if (retrain.error && !this.continueOnFail()) {
		const error = asNodeError(this.getNode(), retrain.error);
		Object.assign(error, {
			message: `The documents are synced, but the retrain did not succeed: ${retrain.error.message}`,
			description:
				'Nothing needs to be synced again. Once the cause is fixed, retrain with Agent → Retrain (10 credits).',
		});
		throw error;
	}
	return output;
}

const extraOptions: INodeProperties[] = [
	{
		displayName: 'Retrain After Changes',
		name: 'retrain',
		type: 'boolean',
		default: true,
		description:
			'Whether to retrain the agent once the sync changed something. A retrain costs 10 credits; a run that changes nothing does not retrain. Retraining also crawls the website again.',
	},
	...waitForTrainingOptions('agent'),
];

export const syncDocuments: Operation = {
	option: {
		name: 'Sync',
		value: 'sync',
		action: 'Sync documents',
		description:
			"Make the agent's documents match the input files: upload the new and changed, optionally remove the others, then retrain (10 credits) only if something changed",
	},
	properties: [
		{
			displayName:
				'The sync reads the agent\'s documents and changes only what differs (a file is changed when its size differs). A retrain costs 10 credits and happens only when something changed. With Continue On Fail off, a run in which some files failed fails after the others were applied; running it again finishes the rest and uploads nothing twice. With Continue On Fail on, each failed file is an item with "error".',
			name: 'syncNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
		{
			...agentLocator,
			description: 'The agent whose documents should match the input (the same for every item)',
			displayOptions: { show },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field that holds the file (PDF, DOCX or TXT, at most 10 MB)',
			description:
				"Each item's file is keyed by its file name; a document of the same name with another size is replaced",
			displayOptions: { show },
		},
		...syncOptions(show, 'document', extraOptions),
	],
	// Code, not one request per item: it reads the agent, plans, then writes for the whole input.
	execute: syncAgentDocuments,
};
