import type { Operation } from '../../../shared/descriptions';
import { unwrap } from '../../outputs';

export const createDataSource: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a data source',
		description: 'Create an empty manual data source; add rows to it, then sync it',
		routing: {
			request: { method: 'POST', url: '/data-sources' },
			output: { postReceive: [unwrap('dataSource')] },
		},
	},
	properties: [],
};
