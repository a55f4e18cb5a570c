import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../shared/errors';
import { inputError, itemScope } from '../shared/parameters';
import { requestJson } from '../shared/request/request';
import { chatThing } from './platform';

export const DEFAULT_BATCH_SIZE = 100;

/** What one input item contributes to a batched request, and what it outputs when it succeeds. */
export interface RowInput {
	dataSourceId: string;
	row: IDataObject;
	output: IDataObject;
}

export interface RowWrite {
	method: 'POST' | 'PUT' | 'DELETE';
	path: string;
	/** Reads and checks one item; throws a NodeOperationError naming the field and the item. */
	read(context: IExecuteFunctions, itemIndex: number): RowInput;
}

/** The 'Batch Size' of the run, from the collection that holds it ('options', or a sync's). */
export function readBatchSize(context: IExecuteFunctions, collection = 'options'): number {
	// One batch size for the whole run: it is read, and reported, at the first item.
	const scope = itemScope(context, 0);
	const options = (scope.value(collection, {}) ?? {}) as { batchSize?: number };
	const size = Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_SIZE));
	if (!Number.isFinite(size) || size < 1 || size > 1000) {
		throw inputError(
			scope,
			`'Batch Size' must be from 1 to 1000, not ${String(options.batchSize)}`,
		);
	}
	return size;
}

/**
 * Row Create, Update and Delete send many rows per request: consecutive input items of the same
 * data source go together, `Batch Size` at a time (100 by default), so N items make
 * ceil(N / batch size) requests. Every output item maps back to its input item; when a batch
 * fails, exactly its items fail (error items under Continue On Fail) and the other batches stand.
 */
export async function writeRowsInBatches(
	this: IExecuteFunctions,
	write: RowWrite,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const size = readBatchSize(this);
	const outputs: Array<INodeExecutionData | undefined> = new Array(items.length);

	// Every item is read and checked before anything is sent.
	const inputs: Array<{ itemIndex: number; input: RowInput }> = [];
	items.forEach((_item, itemIndex) => {
		try {
			inputs.push({ itemIndex, input: write.read(this, itemIndex) });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
			outputs[itemIndex] = {
				json: { error: (error as Error).message },
				pairedItem: { item: itemIndex },
			};
		}
	});

	const batches: Array<typeof inputs> = [];
	for (const entry of inputs) {
		const current = batches.at(-1);
		if (
			current &&
			current.length < size &&
			current[0].input.dataSourceId === entry.input.dataSourceId
		) {
			current.push(entry);
		} else {
			batches.push([entry]);
		}
	}

	await Promise.all(
		batches.map(async (batch) => {
			const first = batch[0].itemIndex;
			const last = batch[batch.length - 1].itemIndex;
			try {
				await sendRows(
					this,
					write,
					batch[0].input.dataSourceId,
					batch.map((entry) => entry.input.row),
					first,
				);
				for (const { itemIndex, input } of batch) {
					outputs[itemIndex] = { json: input.output, pairedItem: { item: itemIndex } };
				}
			} catch (error) {
				const range = first === last ? `item ${first}` : `items ${first} to ${last}`;
				const message = `${(error as Error).message} (the batch of ${range})`;
				if (!this.continueOnFail()) {
					Object.assign(error as object, { message });
					throw asNodeError(this.getNode(), error);
				}
				for (const { itemIndex } of batch) {
					outputs[itemIndex] = { json: { error: message }, pairedItem: { item: itemIndex } };
				}
			}
		}),
	);
	return [outputs.filter((output): output is INodeExecutionData => output !== undefined)];
}

/** One batched request: `{ dataSourceId, dataSourceRows }`, for the item `itemIndex` names. */
async function sendRows(
	context: IExecuteFunctions,
	write: Pick<RowWrite, 'method' | 'path'>,
	dataSourceId: string,
	rows: IDataObject[],
	itemIndex: number,
): Promise<void> {
	const request = {
		method: write.method,
		url: write.path,
		body: { dataSourceId, dataSourceRows: rows },
	};
	// The answer is only `success: true`; requestJson still refuses one that is not.
	await requestJson(context, chatThing, request, itemIndex);
}

/** How one batch of `sendInBatches` went: its entries, and the error if it failed. */
export interface BatchResult<E> {
	entries: E[];
	error?: Error;
}

/**
 * Rows of one data source in batches of `size`, all batches at once (the request limits bound
 * them): a failing batch fails exactly its entries, the others stand. Nothing is thrown for a
 * failed batch; the caller says what it means.
 */
export async function sendInBatches<E>(
	context: IExecuteFunctions,
	write: Pick<RowWrite, 'method' | 'path'> & {
		dataSourceId: string;
		size: number;
		/** The row an entry sends. */
		row: (entry: E) => IDataObject;
		/** The input item a batch's request is reported for (its first entry's). */
		itemIndex: (entry: E) => number;
	},
	entries: E[],
): Promise<Array<BatchResult<E>>> {
	const batches: E[][] = [];
	for (let start = 0; start < entries.length; start += write.size)
		batches.push(entries.slice(start, start + write.size));
	return await Promise.all(
		batches.map(async (batch): Promise<BatchResult<E>> => {
			try {
				await sendRows(
					context,
					write,
					write.dataSourceId,
					batch.map(write.row),
					write.itemIndex(batch[0]),
				);
				return { entries: batch };
			} catch (error) {
				return { entries: batch, error: error as Error };
			}
		}),
	);
}
