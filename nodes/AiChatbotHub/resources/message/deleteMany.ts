import type { Operation } from '../../../shared/descriptions';
import { requireIdList, sendIdList } from '../../../shared/validation';
import { sendIdsInChunks } from '../../chunks';

const showOnlyForMessageDeleteMany = { resource: ['message'], operation: ['deleteMany'] };

const deleteMessagesInChunks = sendIdsInChunks((uuids) => [{ json: { deleted: true, uuids } }]);

export const deleteManyMessages: Operation = {
	option: {
		name: 'Delete Many',
		value: 'deleteMany',
		action: 'Delete many messages',
		description: 'Delete many messages at once',
		routing: {
			request: { method: 'POST', url: '/messages/delete' },
			operations: { pagination: deleteMessagesInChunks },
		},
	},
	properties: [
		{
			displayName: 'Message IDs',
			name: 'messageIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 43474da7ae3b4b7191ee29c2de798257, d6099f4845794b4bb088b291fc3ef23a',
			description:
				'Comma-separated message IDs, or an array from an expression. More than 100 are sent as several requests of 100.',
			displayOptions: { show: showOnlyForMessageDeleteMany },
			routing: {
				send: {
					preSend: [
						requireIdList('messageIds', 'Message IDs'),
						sendIdList('messageIds', 'Message IDs', 'uuids'),
					],
				},
			},
		},
	],
};
