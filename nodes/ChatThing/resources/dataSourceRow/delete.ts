import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope, readId } from '../../../shared/parameters';
import { dataSourceLocator } from '../../descriptions';
import { writeRowsInBatches } from '../../rowBatches';
import { batchOptions, dataSourceField, rowId, rowIdField } from './fields';

/** `DELETE /data-sources/rows` with `{ id }` rows. */
async function deleteRows(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await writeRowsInBatches.call(this, {
		method: 'DELETE',
		path: '/data-sources/rows',
		read: (context, itemIndex) => {
			const scope = itemScope(context, itemIndex);
			const dataSourceId = readId(scope, dataSourceLocator);
			const id = readId(scope, rowIdField);
			return { dataSourceId, row: { id }, output: { dataSourceId, id, deleted: true } };
		},
	});
}

export const deleteRow: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a row',
		description: 'Delete a row of a manual data source; many items go in few requests',
	},
	properties: [dataSourceField('delete'), rowId('delete'), batchOptions('delete')],
	// Code, not one request per item: it batches the input items.
	execute: deleteRows,
};
