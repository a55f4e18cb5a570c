import type { IDataObject } from 'n8n-workflow';

import { sendThenWaitForTraining, type TrainingState } from '../shared/trainingPoller';

/** Chatsby's source states: trained, failed; pending and processing are in progress. */
export function sourceTraining(source: IDataObject): TrainingState {
	const status = String(source.status ?? '');
	return {
		outcome: status === 'trained' ? 'finished' : status === 'failed' ? 'failed' : 'inProgress',
		status,
		error: source.error_message,
	};
}

/** Add or refresh a source, then optionally wait (GET /sources/{id}) until trained or failed. */
export const sendAndWaitForSource = sendThenWaitForTraining({
	optionsParameter: 'options',
	what: 'source',
	checkPath: (source) => `/sources/${encodeURIComponent(String(source.id))}`,
	read: sourceTraining,
});
