import type { INodeProperties } from 'n8n-workflow';

import { walkCursorPages } from '../../../shared/pagination';
import { deletedResult } from '../../../shared/responses';
import {
	cursorPages,
	dataSourceLocator,
	locatorValue,
	returnAllAndLimit,
} from '../../descriptions';
import { unwrap } from '../../outputs';
import { sendChatThingRequestsWith } from '../../transport';
import { dataSourceUpdateDescription } from './update';
import { syncStarted } from './sync';

const showOnlyForDataSources = { resource: ['dataSource'] };
const showFor = (...operation: string[]) => ({ show: { resource: ['dataSource'], operation } });

export const dataSourceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForDataSources },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a data source',
				description: 'Create an empty manual data source; add rows to it, then sync it',
				routing: {
					request: { method: 'POST', url: '/data-sources' },
					output: { postReceive: [unwrap('dataSource')] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a data source',
				description: 'Delete a manual data source with its rows',
				routing: {
					request: {
						method: 'DELETE',
						url: '/data-sources',
						body: { dataSourceId: locatorValue('dataSourceId') },
					},
					output: { postReceive: [deletedResult('dataSourceId', 'dataSourceId')] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a data source',
				description: 'Get a manual data source and its sync state',
				routing: {
					request: {
						method: 'GET',
						url: '/data-sources',
						qs: { dataSourceId: locatorValue('dataSourceId') },
					},
					output: { postReceive: [unwrap('dataSource')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many data sources',
				description: "Get many manual data sources of the bot's API channel",
				routing: {
					request: { method: 'POST', url: '/data-sources/list' },
					operations: {
						pagination: sendChatThingRequestsWith(walkCursorPages(cursorPages('dataSources'))),
					},
				},
			},
			{
				name: 'Sync',
				value: 'sync',
				action: 'Sync a data source',
				description:
					'Train the bot on the rows of a manual data source; the sync runs in the background',
				routing: {
					request: {
						method: 'POST',
						url: '/data-sources/sync',
						body: { dataSourceId: locatorValue('dataSourceId') },
					},
					output: { postReceive: [syncStarted] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a data source',
				description: 'Set how often a manual data source syncs by itself',
				routing: {
					request: {
						method: 'PUT',
						url: '/data-sources',
						body: { dataSourceId: locatorValue('dataSourceId') },
					},
					output: { postReceive: [unwrap('dataSource')] },
				},
			},
		],
		default: 'getAll',
	},
	{ ...dataSourceLocator, displayOptions: showFor('delete', 'get', 'sync', 'update') },
	...returnAllAndLimit({ resource: ['dataSource'], operation: ['getAll'] }),
	...dataSourceUpdateDescription,
];
