import type { INodeProperties } from 'n8n-workflow';

import { walkCursorPages } from '../../../shared/pagination';
import { cursorPages, locatorValue, returnAllAndLimit } from '../../descriptions';
import { unwrap } from '../../outputs';
import { sendChatThingRequestsWith } from '../../transport';
import { rowFields } from './fields';

const showOnlyForRows = { resource: ['dataSourceRow'] };

export const dataSourceRowDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForRows },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a row',
				description: 'Add a Markdown row to a manual data source; many items go in few requests',
				// Runs as code (customOperations.dataSourceRow.create): it batches the input items.
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a row',
				description: 'Delete a row of a manual data source; many items go in few requests',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a row',
				description: 'Get a row with its content and sync state',
				routing: {
					request: {
						method: 'GET',
						url: '/data-sources/row',
						qs: {
							dataSourceId: locatorValue('dataSourceId'),
							dataSourceRowId: '={{ String($parameter["rowId"]).trim() }}',
						},
					},
					output: { postReceive: [unwrap('dataSourceRow')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many rows',
				description: 'Get many rows (ID and name) of a manual data source',
				routing: {
					request: {
						method: 'POST',
						url: '/data-sources/row/list',
						body: { dataSourceId: locatorValue('dataSourceId') },
					},
					operations: {
						pagination: sendChatThingRequestsWith(walkCursorPages(cursorPages('dataSourceRows'))),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a row',
				description: 'Replace the name and content of a row; many items go in few requests',
			},
		],
		default: 'create',
	},
	...rowFields,
	...returnAllAndLimit({ resource: ['dataSourceRow'], operation: ['getAll'] }),
];
