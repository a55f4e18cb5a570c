import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInUrl } from '../../../shared/validation';
import { sessionLocator } from '../../descriptions';

const showOnlyForSessionDelete = { resource: ['session'], operation: ['delete'] };

export const deleteSession: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a session',
		description: 'Delete a chat session with its messages',
		routing: {
			request: { method: 'POST', url: '/session/{session}/delete' },
			send: { preSend: [idsInUrl(sessionLocator)] },
			output: { postReceive: [deletedResult('uuid', 'session')] },
		},
	},
	properties: [{ ...sessionLocator, displayOptions: { show: showOnlyForSessionDelete } }],
};
