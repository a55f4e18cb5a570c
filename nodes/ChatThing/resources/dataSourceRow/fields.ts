import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { readTextParameter, requireId } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';
import { DEFAULT_BATCH_SIZE } from './batches';

export const showForRows = (...operation: string[]) => ({
	show: { resource: ['dataSourceRow'], operation },
});

/** A required text field of a row operation, read and checked per item. */
export function readText(
	context: IExecuteFunctions,
	parameterName: string,
	displayName: string,
	itemIndex: number,
): string {
	const value = readTextParameter(context, parameterName, displayName, itemIndex);
	if (value.trim() === '') {
		throw new NodeOperationError(
			context.getNode(),
			`'${displayName}' is empty [item ${itemIndex}]`,
			{
				itemIndex,
			},
		);
	}
	return value;
}

export function readLocator(
	context: IExecuteFunctions,
	parameterName: string,
	displayName: string,
	itemIndex: number,
): string {
	const value = readTextParameter(context, parameterName, displayName, itemIndex, 'an ID').trim();
	if (value === '') {
		throw new NodeOperationError(
			context.getNode(),
			`'${displayName}' is empty [item ${itemIndex}]`,
			{
				itemIndex,
			},
		);
	}
	return value;
}

export const rowFields: INodeProperties[] = [
	{
		...dataSourceLocator,
		displayOptions: showForRows('create', 'delete', 'get', 'getAll', 'update'),
	},
	{
		displayName: 'Row ID',
		name: 'rowId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. c4f85105-6d07-44c0-bdb7-eb0baf7c6f62',
		hint: 'The "id" of a row from Data Source Row → Get Many',
		displayOptions: showForRows('delete', 'get', 'update'),
		routing: { send: { preSend: [requireId('rowId', 'Row ID')] } },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. opening-hours.md',
		description: 'A unique name for the row (like a file name); the bot is not trained on it',
		displayOptions: showForRows('create', 'update'),
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: 'e.g. # Opening hours\nMonday to Friday, 9 to 5.',
		description: 'The text the bot is trained on, as Markdown',
		displayOptions: showForRows('create', 'update'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForRows('create', 'delete', 'update'),
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: DEFAULT_BATCH_SIZE,
				description:
					'How many input items (rows of the same data source) go in one request. The service documents no limit; 100 is safe.',
			},
		],
	},
];
