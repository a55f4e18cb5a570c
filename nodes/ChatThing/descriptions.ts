import type { INodeProperties } from 'n8n-workflow';

import type { CursorPages } from '../shared/pagination';
import { idLocator } from '../shared/descriptions';

const uuidPlaceholder = 'e.g. 7bb301ad-e691-4341-8afb-b4407c4ffdf2';

function locator(
	name: string,
	displayName: string,
	searchListMethod: string,
	description: string,
): INodeProperties {
	return idLocator({
		name,
		displayName,
		searchListMethod,
		description,
		placeholder: uuidPlaceholder,
	});
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
			const list = body[listField];
			if (!Array.isArray(list)) return { records: undefined };
			const pagination = (body.pagination ?? {}) as { total?: number; last?: string | null };
			const seen = recordsBefore + list.length;
			const reachedTotal = typeof pagination.total === 'number' && seen >= pagination.total;
			const more = list.length >= requestedPageSize && !reachedTotal && !!pagination.last;
			return { records: list, nextCursor: more ? String(pagination.last) : undefined };
		},
	};
}
