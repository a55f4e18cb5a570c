import { resourceProperties } from '../../../shared/descriptions';
import { createAgent } from './create';
import { deleteAgent } from './delete';
import { generateReply } from './generateReply';
import { getAgent } from './get';
import { getManyAgents } from './getAll';
import { retrainAgent } from './retrain';
import { updateAgent } from './update';

export const agentOperations = [
	createAgent,
	deleteAgent,
	generateReply,
	getAgent,
	getManyAgents,
	retrainAgent,
	updateAgent,
];

export const agentProperties = resourceProperties('agent', agentOperations, 'getAll');
