import type { DeclarativeRestApiSettings, IDataObject, INodeProperties } from 'n8n-workflow';

import type { RequestPlan } from '../../../shared/requestLimits';

import {
	waitForTraining,
	waitForTrainingOptions,
	type TrainingState,
	type TrainingWait,
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
 * Retrain, and with 'Wait for Training to Finish' check the agent (GET) with growing intervals
 * until its training completes or fails. The retrain itself (10 credits) is never repeated.
 */
export const retrainAndWait: RequestPlan = async function (send, requestData) {
	const [started] = await send(requestData);
	const settings = this.getNodeParameter('retrainOptions', {}) as TrainingWait;
	if (!settings.waitForTraining) return [started];
	const check: DeclarativeRestApiSettings.ResultOptions = {
		...requestData,
		options: {
			...requestData.options,
			method: 'GET',
			url: String(requestData.options.url).replace(/\/retrain$/, ''),
			body: undefined,
		},
	};
	const agent = await waitForTraining({
		node: this.getNode(),
		itemIndex: this.getItemIndex(),
		settings,
		what: 'agent',
		first: started.json,
		check: async () => (await send(check))[0].json,
		read: agentTraining,
	});
	return [{ json: agent }];
};
