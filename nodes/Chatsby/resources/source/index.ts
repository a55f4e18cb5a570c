import { resourceProperties } from '../../../shared/descriptions';
import { addSource } from './add';
import { deleteSource } from './delete';
import { getSource } from './get';
import { getManySources } from './getAll';
import { refreshSource } from './refresh';

export const sourceOperations = [addSource, deleteSource, getSource, getManySources, refreshSource];

export const sourceProperties = resourceProperties('source', sourceOperations, 'add');
