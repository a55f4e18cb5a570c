import type { Operation } from '../../../shared/descriptions';
import { idsInQuery } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';
import { unwrap } from '../../outputs';

export const getDataSource: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a data source',
		description: 'Get a manual data source and its sync state',
		routing: {
			request: { method: 'GET', url: '/data-sources' },
			send: { preSend: [idsInQuery({ dataSourceId: dataSourceLocator })] },
			output: { postReceive: [unwrap('dataSource')] },
		},
	},
	properties: [
		{
			...dataSourceLocator,
			displayOptions: { show: { resource: ['dataSource'], operation: ['get'] } },
		},
	],
};
