import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInBody } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';

export const deleteDataSource: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a data source',
		description: 'Delete a manual data source with its rows',
		routing: {
			request: { method: 'DELETE', url: '/data-sources' },
			send: { preSend: [idsInBody({ dataSourceId: dataSourceLocator })] },
			output: { postReceive: [deletedResult('dataSourceId', 'dataSourceId')] },
		},
	},
	properties: [
		{
			...dataSourceLocator,
			displayOptions: { show: { resource: ['dataSource'], operation: ['delete'] } },
		},
	],
};
