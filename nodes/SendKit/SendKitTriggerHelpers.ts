import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { responseError } from '../shared/errors';
import type { Outcome, WatchedRecord } from '../shared/statusWatch';
import { agentTraining } from './training';

const EVENTS: Record<Exclude<Outcome, 'inProgress'>, string> = {
	finished: 'agent.trained',
	failed: 'agent.trainingFailed',
};

/** The agent in SendKit's `{ success, data }` answer, as the record the trigger watches. */
export function watchedAgent(node: INode, agentId: string, body: unknown): WatchedRecord {
	const agent = (body as { data?: unknown } | undefined)?.data;
	if (!agent || typeof agent !== 'object') {
		throw responseError(
			node,
			0,
			'SendKit answered without the agent',
			'Check the Base URL of the credential.',
		);
	}
	const record = agent as IDataObject;
	const training = agentTraining(record);
	return {
		id: agentId,
		status: training.status,
		outcome: training.outcome,
		version: record.updatedAt === undefined ? undefined : String(record.updatedAt),
		record,
	};
}

/** The item for an agent whose training completed or failed. */
export function trainingEventItem(
	watched: WatchedRecord,
	previousStatus?: string,
): INodeExecutionData {
	return {
		json: {
			event: EVENTS[watched.outcome as Exclude<Outcome, 'inProgress'>],
			detectedAt: new Date().toISOString(),
			previousStatus: previousStatus ?? null,
			...watched.record,
		},
	};
}
