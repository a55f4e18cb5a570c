import type { INodeProperties } from 'n8n-workflow';

import { walkCursorPages } from '../../../shared/pagination';
import { deletedResult } from '../../../shared/responses';
import { idInPath } from '../../../shared/validation';
import { agentLocator, chatsbyPages, sourceLocator } from '../../descriptions';
import { sendChatsbyRequestsWith } from '../../transport';
import { sourceAddDescription } from './add';
import { sourceGetManyDescription } from './getAll';
import { sendAndWaitForSource } from './training';

const showFor = (...operation: string[]) => ({ show: { resource: ['source'], operation } });

export const sourceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['source'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a source',
				description:
					'Add a website, text, Q&A or file source to an agent; optionally wait until trained',
				routing: {
					request: { method: 'POST', url: `/agents/${idInPath('agentId')}/sources` },
					operations: { pagination: sendChatsbyRequestsWith(sendAndWaitForSource) },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a source',
				description: 'Delete a source for good; the agent forgets it',
				routing: {
					request: { method: 'DELETE', url: `/sources/${idInPath('sourceId')}` },
					output: { postReceive: [deletedResult('id', 'sourceId')] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a source',
				description: 'Get a source with its training status',
				routing: { request: { method: 'GET', url: `/sources/${idInPath('sourceId')}` } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many sources',
				description: 'Get many sources of an agent, optionally by status and type',
				routing: {
					request: { method: 'GET', url: `/agents/${idInPath('agentId')}/sources` },
					operations: { pagination: sendChatsbyRequestsWith(walkCursorPages(chatsbyPages)) },
				},
			},
			{
				name: 'Refresh',
				value: 'refresh',
				action: 'Refresh a source',
				description: 'Crawl a website source again (websites only); optionally wait until trained',
				routing: {
					request: { method: 'POST', url: `/sources/${idInPath('sourceId')}/refresh` },
					operations: { pagination: sendChatsbyRequestsWith(sendAndWaitForSource) },
				},
			},
		],
		default: 'add',
	},
	{ ...agentLocator, displayOptions: showFor('add', 'getAll') },
	{
		// Sources are listed per agent: on these operations the agent only narrows the list.
		...agentLocator,
		required: false,
		routing: undefined,
		description: 'Only to choose the source from a list: the agent whose sources to list',
		displayOptions: showFor('delete', 'get', 'refresh'),
	},
	{ ...sourceLocator, displayOptions: showFor('delete', 'get', 'refresh') },
	...sourceAddDescription,
	...sourceGetManyDescription,
];
