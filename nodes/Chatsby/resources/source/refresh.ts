import type { Operation } from '../../../shared/descriptions';
import { declarativeRequests } from '../../../shared/request/declarative';
import { idsInUrl } from '../../../shared/validation';
import { sourceLocator } from '../../descriptions';
import { chatsby } from '../../platform';
import { sendAndWaitForSource } from '../../training';
import { sourceChoice, trainingOptions } from './fields';

export const refreshSource: Operation = {
	option: {
		name: 'Refresh',
		value: 'refresh',
		action: 'Refresh a source',
		description: 'Crawl a website source again (websites only); optionally wait until trained',
		routing: {
			request: { method: 'POST', url: '/sources/{sourceId}/refresh' },
			send: { preSend: [idsInUrl(sourceLocator)] },
			operations: { pagination: declarativeRequests(chatsby, sendAndWaitForSource) },
		},
	},
	properties: [...sourceChoice('refresh'), trainingOptions('refresh')],
};
