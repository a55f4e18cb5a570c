import type { IDataObject } from 'n8n-workflow';

import type { TrainingState } from '../shared/trainingPoller';

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
