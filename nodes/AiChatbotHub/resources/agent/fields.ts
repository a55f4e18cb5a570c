import type { INodeProperties } from 'n8n-workflow';

import { requireNumberInRange, sendJson } from '../../../shared/validation';

/** A number from 0 to 1 sent as `property`, checked before any request. */
export function unitInterval(
	collection: string,
	name: string,
	displayName: string,
	property: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0,
		description,
		routing: {
			send: {
				type: 'body',
				property,
				preSend: [requireNumberInRange(`${collection}.${name}`, displayName, 0, 1)],
			},
		},
	};
}

export function modelField(): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: '',
		placeholder: 'e.g. gpt-4o-mini-4k',
		description:
			'The model that writes the replies, e.g. gpt-4o-mini-4k or gpt-4o-16k. The platform changes its list over time; each model costs a different number of message credits per reply.',
		routing: { send: { type: 'body', property: 'model' } },
	};
}

export function tagsField(collection: string): INodeProperties {
	return {
		displayName: 'Tags',
		name: 'tags',
		type: 'json',
		default: '{}',
		description:
			'Tags a background agent applies to conversations, as a JSON object, e.g. {"name": "Lead", "criteria": "Asks about pricing", "color": "#088F8F"}',
		routing: {
			send: { preSend: [sendJson(`${collection}.tags`, 'Tags', 'tags', 'object')] },
		},
	};
}

export function useAllSourcesField(): INodeProperties {
	return {
		displayName: 'Use All Sources',
		name: 'useAllSources',
		type: 'boolean',
		default: false,
		description: 'Whether a user-facing agent answers from all data sources of the chatbot',
		routing: { send: { type: 'body', property: 'use_all_sources' } },
	};
}
