import type { IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from './errors';
import { inputError, itemScope, readId, type Field, type ItemScope } from './parameters';
import { readWanted, type Wanted } from './sync';

/*
 * What a Sync operation does with its input before any request, beside the rules of sync.ts
 * (which this file uses and does not change): every item is read and checked first, and an
 * invalid item stops the whole sync — a sync that went on without it would delete what the item
 * stands for. With Continue On Fail off the node fails on the first invalid item; with it on,
 * every invalid item becomes an error item and nothing is synced.
 */

/** The entries of the input, or the error items of the invalid ones (Continue On Fail). */
export type SyncInput<V> = { wanted: Array<Wanted<V>> } | { errorItems: INodeExecutionData[] };

const isEmptyItem = (item: INodeExecutionData) =>
	Object.keys(item.json ?? {}).length === 0 && !item.binary;

/**
 * Reads every input item (`read` throws the item's input error) and then the keyed entries
 * (readWanted: items with nothing in them are no entry, two items with one key are an error
 * naming both). Each item's parameters are read once.
 */
export function readSyncInput<V>(
	context: IExecuteFunctions,
	read: (scope: ItemScope) => { key: string; value: V },
): SyncInput<V> {
	const readItems = new Map<number, { key: string; value: V }>();
	const errorItems: INodeExecutionData[] = [];
	context.getInputData().forEach((item, itemIndex) => {
		if (isEmptyItem(item)) return;
		try {
			readItems.set(itemIndex, read(itemScope(context, itemIndex)));
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(context.getNode(), error);
			errorItems.push({
				json: { error: (error as Error).message },
				pairedItem: { item: itemIndex },
			});
		}
	});
	if (errorItems.length > 0) return { errorItems };
	try {
		return {
			wanted: readWanted(context, (scope) => readItems.get(scope.itemIndex) ?? read(scope)),
		};
	} catch (error) {
		if (!context.continueOnFail()) throw asNodeError(context.getNode(), error);
		const itemIndex = (error as NodeOperationError).context?.itemIndex;
		return {
			errorItems: [
				{
					json: { error: (error as Error).message },
					pairedItem: { item: typeof itemIndex === 'number' ? itemIndex : 0 },
				},
			],
		};
	}
}

/**
 * The one thing a sync fills (a data source, an agent), named by a field of every item: each
 * entry must name the same one as the first entry. `id` is that one, or, when the input has no
 * entries, the field's value at item 0.
 */
export function oneTarget(field: Field) {
	let first: { id: string; itemIndex: number } | undefined;
	const what = field.displayName.toLowerCase();
	return {
		read(scope: ItemScope): string {
			const id = readId(scope, field);
			first ??= { id, itemIndex: scope.itemIndex };
			if (id !== first.id) {
				throw inputError(
					scope,
					`'${field.displayName}' is "${id.slice(0, 80)}", not "${first.id.slice(0, 80)}" as at item ${first.itemIndex}`,
					`A sync fills one ${what}: every item must name the same one. Use one node per ${what}.`,
				);
			}
			return id;
		},
		id(context: IExecuteFunctions): string {
			return first?.id ?? readId(itemScope(context, 0), field);
		},
	};
}
