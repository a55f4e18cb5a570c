import { resourceProperties } from '../../../shared/descriptions';
import { createAgent } from './create';
import { getManyAgents } from './getAll';

// Chatsby documents only creating and listing agents; getting, updating and deleting one are not
// in its reference, so the node does not guess their paths (see the README).
export const agentOperations = [createAgent, getManyAgents];

export const agentProperties = resourceProperties('agent', agentOperations, 'getAll');
