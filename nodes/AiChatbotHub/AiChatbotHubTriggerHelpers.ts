import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { responseError } from '../shared/errors';
import type { Outcome, WatchedRecord } from '../shared/statusWatch';
import { sourceOutcome } from './sourceStatus';

const EVENTS: Record<Exclude<Outcome, 'inProgress'>, string> = {
	finished: 'source.trained',
	failed: 'source.failed',
};

/** The data sources in the list's answer, as the records the trigger watches. */
export function watchedSources(node: INode, body: unknown): WatchedRecord[] {
	if (!Array.isArray(body)) {
		throw responseError(
			node,
			0,
			'The service answered the data source list with something that is not a list',
			`Check the Base URL of the credential. The answer started with: ${JSON.stringify(body).slice(0, 200)}`,
		);
	}
	return (body as IDataObject[]).map((source) => ({
		id: String(source.uuid),
		status: String(source.status ?? ''),
		outcome: sourceOutcome(source.status),
		version: source.modified_at === undefined ? undefined : String(source.modified_at),
		record: source,
	}));
}

/** The item for a data source that finished training or failed. */
export function sourceEventItem(
	chatbotUuid: string,
	detectedAt: string,
): (watched: WatchedRecord, previousStatus?: string) => INodeExecutionData {
	return (watched, previousStatus) => ({
		json: {
			event: EVENTS[watched.outcome as Exclude<Outcome, 'inProgress'>],
			detectedAt,
			chatbotUuid,
			previousStatus: previousStatus ?? null,
			...watched.record,
		},
	});
}
