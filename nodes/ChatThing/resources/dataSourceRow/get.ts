import type { Operation } from '../../../shared/descriptions';
import { idsInQuery } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';
import { unwrap } from '../../outputs';
import { dataSourceField, rowId, rowIdField } from './fields';

export const getRow: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a row',
		description: 'Get a row with its content and sync state',
		routing: {
			request: { method: 'GET', url: '/data-sources/row' },
			send: {
				preSend: [idsInQuery({ dataSourceId: dataSourceLocator, dataSourceRowId: rowIdField })],
			},
			output: { postReceive: [unwrap('dataSourceRow')] },
		},
	},
	properties: [dataSourceField('get'), rowId('get')],
};
