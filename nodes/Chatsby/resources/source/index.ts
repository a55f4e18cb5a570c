import { resourceProperties } from '../../../shared/descriptions';
import { addSource } from './add';
import { deleteSource } from './delete';
import { getSource } from './get';
import { getManySources } from './getAll';
import { refreshSource } from './refresh';
import { syncSourcesOperation } from './sync';

export const sourceOperations = [
	addSource,
	deleteSource,
	getSource,
	getManySources,
	refreshSource,
	syncSourcesOperation,
];

export const sourceProperties = resourceProperties('source', sourceOperations, 'add');
