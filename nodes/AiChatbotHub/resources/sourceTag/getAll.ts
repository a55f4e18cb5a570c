import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { chatbotLocator, returnAllAndLimit } from '../../descriptions';

const showOnlyForSourceTagGetMany = { resource: ['sourceTag'], operation: ['getAll'] };

export const getManySourceTags: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many source tags',
		description: 'Get many source tags of a chatbot',
		routing: {
			request: { method: 'GET', url: '/chatbot/{chatbot}/source-tags' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForSourceTagGetMany } },
		...returnAllAndLimit(showOnlyForSourceTagGetMany, 'tags'),
	],
};
