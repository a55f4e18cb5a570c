import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CursorPages } from '../shared/pagination';
import { requireId } from '../shared/validation';

const uuidPlaceholder = 'e.g. 7bb301ad-e691-4341-8afb-b4407c4ffdf2';

function locator(
	name: string,
	displayName: string,
	searchListMethod: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: uuidPlaceholder },
		],
		routing: { send: { preSend: [requireId(name, displayName)] } },
	};
}

export const conversationLocator = locator(
	'conversationId',
	'Conversation',
	'searchConversations',
	'The conversation to use',
);

export const dataSourceLocator = locator(
	'dataSourceId',
	'Data Source',
	'searchDataSources',
	'The manual data source to use',
);

/** A locator's value for a JSON body or query field, trimmed. */
export function locatorValue(parameterName: string): string {
	return `={{ String($parameter["${parameterName}"].value ?? $parameter["${parameterName}"]).trim() }}`;
}

/** Return All + Limit for the cursor-paginated lists (Limit is also the first page's size). */
export function returnAllAndLimit(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			routing: { output: { maxResults: '={{$value}}' } },
		},
	];
}

/**
 * Chat Thing's lists: `limit` (1-100) and `cursor` in the JSON body; the answer's
 * `pagination.last` (the ID of the page's last record) is the next cursor. The end is not
 * documented: a page shorter than asked, or the running count reaching `pagination.total`, ends it.
 */
export function cursorPages(listField: string): CursorPages {
	return {
		in: 'body',
		limitField: 'limit',
		cursorField: 'cursor',
		pageSize: 100,
		readPage(body, requestedPageSize, recordsBefore) {
			const records = (Array.isArray(body[listField]) ? body[listField] : []) as IDataObject[];
			const pagination = (body.pagination ?? {}) as { total?: number; last?: string | null };
			const seen = recordsBefore + records.length;
			const reachedTotal = typeof pagination.total === 'number' && seen >= pagination.total;
			const more = records.length >= requestedPageSize && !reachedTotal && !!pagination.last;
			return { records, nextCursor: more ? String(pagination.last) : undefined };
		},
	};
}
