import { idLocator } from '../shared/descriptions';
import type { CursorPages } from '../shared/pagination';

const uuidPlaceholder = 'e.g. 7bb301ad-e691-4341-8afb-b4407c4ffdf2';

export const conversationLocator = idLocator({
	name: 'conversationId',
	displayName: 'Conversation',
	searchListMethod: 'searchConversations',
	description: 'The conversation to use',
	placeholder: uuidPlaceholder,
});

export const dataSourceLocator = idLocator({
	name: 'dataSourceId',
	displayName: 'Data Source',
	searchListMethod: 'searchDataSources',
	description: 'The manual data source to use',
	placeholder: uuidPlaceholder,
});

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
