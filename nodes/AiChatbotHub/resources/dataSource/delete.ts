import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInUrl } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';

const showOnlyForDataSourceDelete = { resource: ['dataSource'], operation: ['delete'] };

export const deleteDataSource: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a data source',
		description: 'Delete a data source; the chatbot forgets it',
		routing: {
			request: { method: 'POST', url: '/data-source/{dataSource}/delete' },
			send: { preSend: [idsInUrl(dataSourceLocator)] },
			output: { postReceive: [deletedResult('uuid', 'dataSource')] },
		},
	},
	properties: [{ ...dataSourceLocator, displayOptions: { show: showOnlyForDataSourceDelete } }],
};
