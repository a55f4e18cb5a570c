import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope, readId, readText } from '../../../shared/parameters';
import { dataSourceLocator } from '../../descriptions';
import { writeRowsInBatches } from '../../rowBatches';
import { batchOptions, contentField, dataSourceField, nameField, rowContent } from './fields';

/** `POST /data-sources/row` with `{ name, content }` rows. */
async function createRows(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await writeRowsInBatches.call(this, {
		method: 'POST',
		path: '/data-sources/row',
		read: (context, itemIndex) => {
			const scope = itemScope(context, itemIndex);
			const dataSourceId = readId(scope, dataSourceLocator);
			const name = readText(scope, nameField);
			const content = readText(scope, contentField);
			// The API returns no row IDs: list the rows and match on the name to find them.
			return {
				dataSourceId,
				row: { name, content },
				output: { dataSourceId, name, created: true },
			};
		},
	});
}

export const createRow: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a row',
		description: 'Add a Markdown row to a manual data source; many items go in few requests',
	},
	properties: [dataSourceField('create'), ...rowContent('create'), batchOptions('create')],
	// Code, not one request per item: it batches the input items.
	execute: createRows,
};
