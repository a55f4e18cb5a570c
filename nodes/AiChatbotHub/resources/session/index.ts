import type { INodeProperties } from 'n8n-workflow';

import { deletedResult } from '../../../shared/responses';
import { idInPath } from '../../../shared/validation';
import { sessionCreateDescription } from './create';
import { sessionDeleteDescription } from './delete';
import { sessionGetDescription } from './get';
import { keepSessionsInRange, sessionGetManyDescription } from './getAll';

const showOnlyForSessions = { resource: ['session'] };

export const sessionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSessions },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a session',
				description: 'Start a chat session with a chatbot',
				routing: {
					request: { method: 'POST', url: `/chatbot/${idInPath('chatbot')}/session/create` },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a session',
				description: 'Delete a chat session with its messages',
				routing: {
					request: { method: 'POST', url: `/session/${idInPath('session')}/delete` },
					output: { postReceive: [deletedResult('uuid', 'session')] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a session',
				description: 'Get a chat session, with the lead form data when the visitor gave it',
				routing: { request: { method: 'GET', url: `/session/${idInPath('session')}` } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many sessions',
				description: 'Get many chat sessions of a chatbot',
				routing: {
					request: { method: 'GET', url: `/chatbot/${idInPath('chatbot')}/sessions` },
					output: { postReceive: [keepSessionsInRange] },
				},
			},
		],
		default: 'create',
	},
	...sessionCreateDescription,
	...sessionDeleteDescription,
	...sessionGetDescription,
	...sessionGetManyDescription,
];
