import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { inputError, itemScope } from '../../../shared/parameters';
import { idsInUrl } from '../../../shared/validation';
import { chatbotLocator, returnAllAndLimit } from '../../descriptions';

const showOnlyForSessionGetMany = { resource: ['session'], operation: ['getAll'] };

function toTime(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const time = Date.parse(String(value));
	return Number.isNaN(time) ? undefined : time;
}

function readRange(context: IExecuteSingleFunctions): { after?: number; before?: number } {
	const filters = context.getNodeParameter('filters', {}) as {
		createdAfter?: string;
		createdBefore?: string;
	};
	const after = toTime(filters.createdAfter);
	const before = toTime(filters.createdBefore);
	if (filters.createdAfter && after === undefined) {
		throw inputError(
			itemScope(context),
			`'Created After' is not a date: "${filters.createdAfter}"`,
		);
	}
	if (filters.createdBefore && before === undefined) {
		throw inputError(
			itemScope(context),
			`'Created Before' is not a date: "${filters.createdBefore}"`,
		);
	}
	return { after, before };
}

/**
 * GPT-trainer documents `start_timestamp`/`end_timestamp` for this list; whether other hosts apply
 * them is unknown, so the node sends them and also keeps only the sessions inside the range itself.
 */
async function keepSessionsInRange(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { after, before } = readRange(this);
	if (after === undefined && before === undefined) return items;
	return items.filter((item) => {
		const created = toTime(item.json.created_at);
		if (created === undefined) return false;
		return (after === undefined || created >= after) && (before === undefined || created <= before);
	});
}

// Sent as ISO 8601; a value that is not a date is refused by checkRange before any request.
const isoTimestamp = '={{ isNaN(Date.parse($value)) ? $value : new Date($value).toISOString() }}';

async function checkRange(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	readRange(this);
	return requestOptions;
}

export const getManySessions: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many sessions',
		description: 'Get many chat sessions of a chatbot',
		routing: {
			request: { method: 'GET', url: '/chatbot/{chatbot}/sessions' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
			output: { postReceive: [keepSessionsInRange] },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForSessionGetMany } },
		...returnAllAndLimit(showOnlyForSessionGetMany, 'sessions'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: showOnlyForSessionGetMany },
			routing: { send: { preSend: [checkRange] } },
			options: [
				{
					displayName: 'Created After',
					name: 'createdAfter',
					type: 'dateTime',
					default: '',
					description: 'Keep only sessions created at or after this time',
					routing: { send: { type: 'query', property: 'start_timestamp', value: isoTimestamp } },
				},
				{
					displayName: 'Created Before',
					name: 'createdBefore',
					type: 'dateTime',
					default: '',
					description: 'Keep only sessions created at or before this time',
					routing: { send: { type: 'query', property: 'end_timestamp', value: isoTimestamp } },
				},
			],
		},
	],
};
