import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInUrl } from '../../../shared/validation';
import { sourceTagLocator } from '../../descriptions';

const showOnlyForSourceTagDelete = { resource: ['sourceTag'], operation: ['delete'] };

export const deleteSourceTag: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a source tag',
		description: 'Delete a tag; its data sources stay',
		routing: {
			request: { method: 'DELETE', url: '/source-tag/{sourceTag}/delete' },
			send: { preSend: [idsInUrl(sourceTagLocator)] },
			output: { postReceive: [deletedResult('uuid', 'sourceTag')] },
		},
	},
	properties: [{ ...sourceTagLocator, displayOptions: { show: showOnlyForSourceTagDelete } }],
};
