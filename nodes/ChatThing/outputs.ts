import type { INodeExecutionData, PostReceiveAction } from 'n8n-workflow';

import { recordsAt } from '../shared/responses';

/** Chat Thing wraps each record in its answer (`{ success, dataSource }`): output the record. */
export function unwrap(property: string): PostReceiveAction {
	return recordsAt(property);
}

/** Drops the envelope's `success: true` (bodyToItems has checked it) from answers with no record. */
export async function withoutSuccessFlag(
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const json = { ...item.json };
		delete json.success;
		return { ...item, json };
	});
}
