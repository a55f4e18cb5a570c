import { resourceProperties } from '../../../shared/descriptions';
import { deleteMessage } from './delete';
import { deleteManyMessages } from './deleteMany';
import { getManyMessages } from './getAll';
import { sendMessage } from './send';

export const messageOperations = [deleteMessage, deleteManyMessages, getManyMessages, sendMessage];

export const messageProperties = resourceProperties('message', messageOperations, 'send');
