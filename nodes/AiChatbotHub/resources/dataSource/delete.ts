import type { INodeProperties } from 'n8n-workflow';

import { dataSourceLocator } from '../../descriptions';

const showOnlyForDataSourceDelete = { resource: ['dataSource'], operation: ['delete'] };

export const dataSourceDeleteDescription: INodeProperties[] = [
	{ ...dataSourceLocator, displayOptions: { show: showOnlyForDataSourceDelete } },
];
