import type { INodeProperties } from 'n8n-workflow';

import { deletedResult } from '../../../shared/responses';
import { idInPath } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';
import { sendSendKitRequestsWith } from '../../transport';
import { agentCreateDescription } from './create';
import { agentGenerateReplyDescription } from './generateReply';
import { agentGetManyDescription } from './getAll';
import { agentRetrainDescription, retrainAndWait } from './retrain';
import { agentUpdateDescription } from './update';

const showOnlyForAgents = { resource: ['agent'] };

export const agentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForAgents },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an agent',
				description: 'Create an AI agent (costs 0.5 credits; at most 3 per workspace)',
				routing: {
					request: { method: 'POST', url: '/v1/agents' },
					output: { postReceive: [unwrapData] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an agent',
				description: 'Deactivate an agent; it disappears from the list (free)',
				routing: {
					request: { method: 'DELETE', url: `/v1/agents/${idInPath('agentId')}` },
					output: { postReceive: [deletedResult('agentId', 'agentId')] },
				},
			},
			{
				name: 'Generate Reply',
				value: 'generateReply',
				action: 'Generate a reply',
				description: 'Draft a reply to an inbox conversation with the agent (costs 3 credits)',
				routing: {
					request: { method: 'POST', url: `/v1/agents/${idInPath('agentId')}/generate-reply` },
					output: { postReceive: [unwrapData] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an agent',
				description: 'Get an agent with its training status (free)',
				routing: {
					request: { method: 'GET', url: `/v1/agents/${idInPath('agentId')}` },
					output: { postReceive: [unwrapData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many agents',
				description: 'Get many agents of the workspace, newest first (free)',
				routing: {
					request: { method: 'GET', url: '/v1/agents' },
					output: { postReceive: [unwrapData] },
				},
			},
			{
				name: 'Retrain',
				value: 'retrain',
				action: 'Retrain an agent',
				description:
					'Crawl the website again and re-process the documents (costs 10 credits); optionally wait until done',
				routing: {
					request: { method: 'POST', url: `/v1/agents/${idInPath('agentId')}/retrain` },
					output: { postReceive: [unwrapData] },
					operations: { pagination: sendSendKitRequestsWith(retrainAndWait) },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an agent',
				description: 'Change only the fields you set; company info and persona are merged (free)',
				routing: {
					request: { method: 'PATCH', url: `/v1/agents/${idInPath('agentId')}` },
					output: { postReceive: [unwrapData] },
				},
			},
		],
		default: 'getAll',
	},
	{
		...agentLocator,
		displayOptions: {
			show: {
				resource: ['agent'],
				operation: ['delete', 'generateReply', 'get', 'retrain', 'update'],
			},
		},
	},
	...agentCreateDescription,
	...agentGenerateReplyDescription,
	...agentGetManyDescription,
	...agentRetrainDescription,
	...agentUpdateDescription,
];
