import type { DeclarativeRestApiSettings, IDataObject } from 'n8n-workflow';

import type { RequestPlan } from '../../../shared/requestLimits';
import {
	waitForTraining,
	type TrainingState,
	type TrainingWait,
} from '../../../shared/trainingPoller';

/** Chatsby's source states: trained, failed; pending and processing are in progress. */
export function sourceTraining(source: IDataObject): TrainingState {
	const status = String(source.status ?? '');
	return {
		outcome: status === 'trained' ? 'finished' : status === 'failed' ? 'failed' : 'inProgress',
		status,
		error: source.error_message,
	};
}

/**
 * Add or refresh a source, and with 'Wait for Training to Finish' check it (GET /sources/{id})
 * with growing intervals until it is trained or failed. The add or refresh is never repeated.
 */
export const sendAndWaitForSource: RequestPlan = async function (send, requestData) {
	const [started] = await send(requestData);
	const settings = this.getNodeParameter('options', {}) as TrainingWait;
	if (!settings.waitForTraining) return [started];
	const check: DeclarativeRestApiSettings.ResultOptions = {
		...requestData,
		options: {
			...requestData.options,
			method: 'GET',
			url: `/sources/${encodeURIComponent(String(started.json.id))}`,
			body: undefined,
		},
	};
	const source = await waitForTraining({
		node: this.getNode(),
		itemIndex: this.getItemIndex(),
		settings,
		what: 'source',
		first: started.json,
		check: async () => (await send(check))[0].json,
		read: sourceTraining,
	});
	return [{ json: source }];
};
