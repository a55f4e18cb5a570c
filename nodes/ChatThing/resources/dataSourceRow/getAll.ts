import { returnAllAndLimit, type Operation } from '../../../shared/descriptions';
import { walkCursorPages } from '../../../shared/pagination';
import { declarativeRequests } from '../../../shared/request/declarative';
import { idsInBody } from '../../../shared/validation';
import { cursorPages, dataSourceLocator } from '../../descriptions';
import { chatThing } from '../../platform';
import { dataSourceField } from './fields';

export const getManyRows: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many rows',
		description: 'Get many rows (ID and name) of a manual data source',
		routing: {
			request: { method: 'POST', url: '/data-sources/row/list' },
			send: { preSend: [idsInBody({ dataSourceId: dataSourceLocator })] },
			operations: {
				pagination: declarativeRequests(chatThing, walkCursorPages(cursorPages('dataSourceRows'))),
			},
		},
	},
	properties: [
		dataSourceField('getAll'),
		...returnAllAndLimit({ resource: ['dataSourceRow'], operation: ['getAll'] }),
	],
};
