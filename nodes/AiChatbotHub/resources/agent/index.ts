import { resourceProperties } from '../../../shared/descriptions';
import { createAgent } from './create';
import { deleteAgent } from './delete';
import { getManyAgents } from './getAll';
import { updateAgent } from './update';

export const agentOperations = [createAgent, deleteAgent, getManyAgents, updateAgent];

export const agentProperties = resourceProperties('agent', agentOperations, 'getAll');
