import { resourceProperties } from '../../../shared/descriptions';
import { createDataSource } from './create';
import { deleteDataSource } from './delete';
import { getDataSource } from './get';
import { getManyDataSources } from './getAll';
import { syncDataSource } from './sync';
import { updateDataSource } from './update';

export const dataSourceOperations = [
	createDataSource,
	deleteDataSource,
	getDataSource,
	getManyDataSources,
	syncDataSource,
	updateDataSource,
];

export const dataSourceProperties = resourceProperties(
	'dataSource',
	dataSourceOperations,
	'getAll',
);
