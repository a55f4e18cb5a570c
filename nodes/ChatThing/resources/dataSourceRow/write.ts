import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { writeRowsInBatches } from './batches';
import { readLocator, readText } from './fields';

/** Data Source Row → Create: `POST /data-sources/row` with `{ name, content }` rows. */
export async function createRows(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await writeRowsInBatches.call(this, {
		method: 'POST',
		path: '/data-sources/row',
		read: (context, itemIndex) => {
			const dataSourceId = readLocator(context, 'dataSourceId', 'Data Source', itemIndex);
			const name = readText(context, 'name', 'Name', itemIndex);
			const content = readText(context, 'content', 'Content', itemIndex);
			// The API returns no row IDs: list the rows and match on the name to find them.
			return {
				dataSourceId,
				row: { name, content },
				output: { dataSourceId, name, created: true },
			};
		},
	});
}

/** Data Source Row → Update: `PUT /data-sources/row` with `{ id, name, content }` rows. */
export async function updateRows(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await writeRowsInBatches.call(this, {
		method: 'PUT',
		path: '/data-sources/row',
		read: (context, itemIndex) => {
			const dataSourceId = readLocator(context, 'dataSourceId', 'Data Source', itemIndex);
			const id = readText(context, 'rowId', 'Row ID', itemIndex).trim();
			const name = readText(context, 'name', 'Name', itemIndex);
			const content = readText(context, 'content', 'Content', itemIndex);
			return {
				dataSourceId,
				row: { id, name, content },
				output: { dataSourceId, id, name, updated: true },
			};
		},
	});
}

/** Data Source Row → Delete: `DELETE /data-sources/rows` with `{ id }` rows. */
export async function deleteRows(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await writeRowsInBatches.call(this, {
		method: 'DELETE',
		path: '/data-sources/rows',
		read: (context, itemIndex) => {
			const dataSourceId = readLocator(context, 'dataSourceId', 'Data Source', itemIndex);
			const id = readText(context, 'rowId', 'Row ID', itemIndex).trim();
			return { dataSourceId, row: { id }, output: { dataSourceId, id, deleted: true } };
		},
	});
}
