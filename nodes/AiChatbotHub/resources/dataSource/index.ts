import { resourceProperties } from '../../../shared/descriptions';
import { createQaSource } from './createQa';
import { createUrlSource } from './createUrl';
import { deleteDataSource } from './delete';
import { deleteManyDataSources } from './deleteMany';
import { getManyDataSources } from './getAll';
import { retrainDataSources } from './retrain';
import { syncDataSources } from './sync';
import { updateDataSource } from './update';
import { uploadDataSource } from './upload';

export const dataSourceOperations = [
	createQaSource,
	createUrlSource,
	deleteDataSource,
	deleteManyDataSources,
	getManyDataSources,
	retrainDataSources,
	syncDataSources,
	updateDataSource,
	uploadDataSource,
];

export const dataSourceProperties = resourceProperties(
	'dataSource',
	dataSourceOperations,
	'getAll',
);
