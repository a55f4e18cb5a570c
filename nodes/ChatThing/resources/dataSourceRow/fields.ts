import type { INodeProperties } from 'n8n-workflow';

import { dataSourceLocator } from '../../descriptions';
import { DEFAULT_BATCH_SIZE } from '../../rowBatches';

const showFor = (operation: string) => ({
	show: { resource: ['dataSourceRow'], operation: [operation] },
});

export function dataSourceField(operation: string): INodeProperties {
	return { ...dataSourceLocator, displayOptions: showFor(operation) };
}

export const rowIdField = { name: 'rowId', displayName: 'Row ID' };

export function rowId(operation: string): INodeProperties {
	return {
		...rowIdField,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. c4f85105-6d07-44c0-bdb7-eb0baf7c6f62',
		hint: 'The "id" of a row from Data Source Row → Get Many',
		displayOptions: showFor(operation),
	};
}

export const nameField = { name: 'name', displayName: 'Name' };
export const contentField = { name: 'content', displayName: 'Content' };

/** A row's name and its Markdown content (Create, Update). */
export function rowContent(operation: string): INodeProperties[] {
	return [
		{
			...nameField,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. opening-hours.md',
			description: 'A unique name for the row (like a file name); the bot is not trained on it',
			displayOptions: showFor(operation),
		},
		{
			...contentField,
			type: 'string',
			typeOptions: { rows: 6 },
			required: true,
			default: '',
			placeholder: 'e.g. # Opening hours\nMonday to Friday, 9 to 5.',
			description: 'The text the bot is trained on, as Markdown',
			displayOptions: showFor(operation),
		},
	];
}

/** The batch size of the operations that write rows in batches (Create, Update, Delete). */
export function batchOptions(operation: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(operation),
		options: [batchSizeOption],
	};
}

/** 'Batch Size', in the Options of each operation that writes rows in batches. */
export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 1000 },
	default: DEFAULT_BATCH_SIZE,
	description:
		'How many input items (rows of the same data source) go in one request. The service documents no limit; 100 is safe.',
};
