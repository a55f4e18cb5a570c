import type { Operation } from '../../../shared/descriptions';
import { deletedResult } from '../../../shared/responses';
import { idsInUrl } from '../../../shared/validation';
import { sourceLocator } from '../../descriptions';
import { sourceChoice } from './fields';

export const deleteSource: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a source',
		description: 'Delete a source for good; the agent forgets it',
		routing: {
			request: { method: 'DELETE', url: '/sources/{sourceId}' },
			send: { preSend: [idsInUrl(sourceLocator)] },
			output: { postReceive: [deletedResult('id', 'sourceId')] },
		},
	},
	properties: sourceChoice('delete'),
};
