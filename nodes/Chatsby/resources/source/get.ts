import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { sourceLocator } from '../../descriptions';
import { sourceChoice } from './fields';

export const getSource: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a source',
		description: 'Get a source with its training status',
		routing: {
			request: { method: 'GET', url: '/sources/{sourceId}' },
			send: { preSend: [idsInUrl(sourceLocator)] },
		},
	},
	properties: sourceChoice('get'),
};
