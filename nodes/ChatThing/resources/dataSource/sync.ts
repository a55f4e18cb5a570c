import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { readId } from '../../../shared/validation';

/** The sync runs in the background: the item says it started; Data Source → Get shows the state. */
export async function syncStarted(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { dataSourceId: readId(this, 'dataSourceId'), syncStarted: true } }];
}
