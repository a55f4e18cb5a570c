import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../shared/descriptions';
import type { CursorPages } from '../shared/pagination';

export const agentLocator: INodeProperties = idLocator({
	name: 'agentId',
	displayName: 'Agent',
	searchListMethod: 'searchAgents',
	description: 'The Chatsby agent to use',
	placeholder: 'e.g. agent_1a2b3c4d5e',
});

export const sourceLocator: INodeProperties = idLocator({
	name: 'sourceId',
	displayName: 'Source',
	searchListMethod: 'searchSources',
	description: 'The knowledge source to use (the list needs an agent chosen)',
	placeholder: 'e.g. src_abc123defg',
});

/** Chatsby's lists: `page_size` (1-100) and `cursor` in the query; `{data, has_more, next_cursor}`. */
export const chatsbyPages: CursorPages = {
	in: 'query',
	limitField: 'page_size',
	cursorField: 'cursor',
	pageSize: 100,
	readPage(body) {
		const records = Array.isArray(body.data) ? body.data : undefined;
		const next = body.has_more === true && body.next_cursor ? String(body.next_cursor) : undefined;
		return { records, nextCursor: next };
	},
};
