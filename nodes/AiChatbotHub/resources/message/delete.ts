import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInUrl } from '../../../shared/validation';

const showOnlyForMessageDelete = { resource: ['message'], operation: ['delete'] };

const messageIdField = { name: 'messageId', displayName: 'Message ID' };

export const deleteMessage: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a message',
		description: 'Delete a message of a session',
		routing: {
			request: { method: 'POST', url: '/message/{messageId}/delete' },
			send: { preSend: [idsInUrl(messageIdField)] },
			output: { postReceive: [deletedResult('uuid', 'messageId')] },
		},
	},
	properties: [
		{
			...messageIdField,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 43474da7ae3b4b7191ee29c2de798257',
			hint: 'The "uuid" of a message from Message → Get Many',
			displayOptions: { show: showOnlyForMessageDelete },
		},
	],
};
