import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope, readId, readText } from '../../../shared/parameters';
import { dataSourceLocator } from '../../descriptions';
import { writeRowsInBatches } from '../../rowBatches';
import {
	batchOptions,
	contentField,
	dataSourceField,
	nameField,
	rowContent,
	rowId,
	rowIdField,
} from './fields';

/** `PUT /data-sources/row` with `{ id, name, content }` rows. */
async function updateRows(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await writeRowsInBatches.call(this, {
		method: 'PUT',
		path: '/data-sources/row',
		read: (context, itemIndex) => {
			const scope = itemScope(context, itemIndex);
			const dataSourceId = readId(scope, dataSourceLocator);
			const id = readId(scope, rowIdField);
			const name = readText(scope, nameField);
			const content = readText(scope, contentField);
			return {
				dataSourceId,
				row: { id, name, content },
				output: { dataSourceId, id, name, updated: true },
			};
		},
	});
}

export const updateRow: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a row',
		description: 'Replace the name and content of a row; many items go in few requests',
	},
	properties: [
		dataSourceField('update'),
		rowId('update'),
		...rowContent('update'),
		batchOptions('update'),
	],
	// Code, not one request per item: it batches the input items.
	execute: updateRows,
};
