import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendInChunks } from '../shared/plans';
import { declarativeRequests } from '../shared/request/declarative';
import { aiChatbotHub } from './platform';

/** The bulk endpoints' list size limit is undocumented; 100 per request is safe. */
export const BULK_CHUNK_SIZE = 100;

/**
 * The sender of a bulk operation (`{ uuids: [...] }` bodies): the IDs go out in chunks of 100,
 * and `combine` turns all IDs and the answers of every chunk into the item's output.
 */
export function sendIdsInChunks(
	combine: (
		this: IExecutePaginationFunctions,
		uuids: string[],
		answers: INodeExecutionData[],
	) => INodeExecutionData[],
) {
	return declarativeRequests(aiChatbotHub, async function (send, requestData) {
		const uuids = ((requestData.options.body as IDataObject)?.uuids ?? []) as string[];
		const answers = await sendInChunks(send, requestData, 'uuids', BULK_CHUNK_SIZE);
		return combine.call(this, uuids, answers.flat());
	});
}
