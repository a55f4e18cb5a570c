import { resourceProperties } from '../../../shared/descriptions';
import { getManyMessages } from './getAll';
import { sendMessage } from './send';

export const messageOperations = [getManyMessages, sendMessage];

export const messageProperties = resourceProperties('message', messageOperations, 'send');
