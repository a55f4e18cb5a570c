import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope } from '../../../shared/parameters';
import { idsInBody } from '../../../shared/validation';
import { dataSourceLocator } from '../../descriptions';

/** The sync runs in the background: the item says it started; Data Source → Get shows the state. */
async function syncStarted(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	const dataSourceId = String(itemScope(this).value('dataSourceId', '')).trim();
	return [{ json: { dataSourceId, syncStarted: true } }];
}

export const syncDataSource: Operation = {
	option: {
		name: 'Sync',
		value: 'sync',
		action: 'Sync a data source',
		description:
			'Train the bot on the rows of a manual data source; the sync runs in the background',
		routing: {
			request: { method: 'POST', url: '/data-sources/sync' },
			send: { preSend: [idsInBody({ dataSourceId: dataSourceLocator })] },
			output: { postReceive: [syncStarted] },
		},
	},
	properties: [
		{
			...dataSourceLocator,
			displayOptions: { show: { resource: ['dataSource'], operation: ['sync'] } },
		},
	],
};
