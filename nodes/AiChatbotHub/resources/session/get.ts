import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { sessionLocator } from '../../descriptions';

const showOnlyForSessionGet = { resource: ['session'], operation: ['get'] };

export const getSession: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a session',
		description: 'Get a chat session, with the lead form data when the visitor gave it',
		routing: {
			request: { method: 'GET', url: '/session/{session}' },
			send: { preSend: [idsInUrl(sessionLocator)] },
		},
	},
	properties: [{ ...sessionLocator, displayOptions: { show: showOnlyForSessionGet } }],
};
