import { resourceProperties } from '../../../shared/descriptions';
import { createRow } from './create';
import { deleteRow } from './delete';
import { getRow } from './get';
import { getManyRows } from './getAll';
import { syncRowsOperation } from './sync';
import { updateRow } from './update';

export const dataSourceRowOperations = [
	createRow,
	deleteRow,
	getRow,
	getManyRows,
	syncRowsOperation,
	updateRow,
];

export const dataSourceRowProperties = resourceProperties(
	'dataSourceRow',
	dataSourceRowOperations,
	'create',
);
