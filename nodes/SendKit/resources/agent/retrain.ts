import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	sendThenWaitForTraining,
	waitForTrainingOptions,
	type TrainingState,
} from '../../../shared/trainingPoller';

const show = (...operation: string[]) => ({ resource: ['agent'], operation });

export const agentRetrainDescription: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'retrainOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: show('retrain') },
		options: waitForTrainingOptions('agent'),
	},
];

/** SendKit's training states: completed is done, failed is failed, the rest is in progress. */
export function agentTraining(agent: IDataObject): TrainingState {
	const status = String(agent.trainingStatus ?? '');
	return {
		outcome: status === 'completed' ? 'finished' : status === 'failed' ? 'failed' : 'inProgress',
		status,
		progress: agent.trainingProgress,
		error: agent.trainingError,
	};
}

/**
 * Retrain (10 credits, never repeated), then with 'Wait for Training to Finish' check the agent
 * (GET) with growing intervals until its training completes or fails.
 */
export const retrainAndWait = sendThenWaitForTraining({
	optionsParameter: 'retrainOptions',
	what: 'agent',
	checkPath: (_agent, request) => String(request.options.url).replace(/\/retrain$/, ''),
	read: agentTraining,
});
