import { resourceProperties } from '../../../shared/descriptions';
import { createSession } from './create';
import { deleteSession } from './delete';
import { getSession } from './get';
import { getManySessions } from './getAll';

export const sessionOperations = [createSession, deleteSession, getSession, getManySessions];

export const sessionProperties = resourceProperties('session', sessionOperations, 'create');
