import { resourceProperties } from '../../../shared/descriptions';
import { createSourceTag } from './create';
import { deleteSourceTag } from './delete';
import { getManySourceTags } from './getAll';
import { updateSourceTag } from './update';

export const sourceTagOperations = [
	createSourceTag,
	deleteSourceTag,
	getManySourceTags,
	updateSourceTag,
];

export const sourceTagProperties = resourceProperties('sourceTag', sourceTagOperations, 'getAll');
