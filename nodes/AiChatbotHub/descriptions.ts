import type { INodeProperties } from 'n8n-workflow';

import { idLocator, returnAllAndLimit as sharedReturnAllAndLimit } from '../shared/descriptions';

/*
 * Reusable fields of the AI Chatbot Hub node. They carry no display conditions: each operation
 * file spreads them and adds its own. IDs are 32-hex UUIDs without dashes, but the reference asks
 * to treat them as opaque strings, so only emptiness is checked.
 */

const idPlaceholder = 'e.g. 43474da7ae3b4b7191ee29c2de798257';

export const chatbotLocator = idLocator({
	name: 'chatbot',
	displayName: 'Chatbot',
	searchListMethod: 'searchChatbots',
	description: 'The chatbot to use',
	placeholder: idPlaceholder,
});

export const agentLocator = idLocator({
	name: 'agent',
	displayName: 'Agent',
	searchListMethod: 'searchAgents',
	description: 'The agent to use. The list shows the agents of every chatbot.',
	placeholder: idPlaceholder,
});

export const sessionLocator = idLocator({
	name: 'session',
	displayName: 'Session',
	searchListMethod: 'searchSessions',
	description: 'The chat session to use. The list shows the sessions of every chatbot.',
	placeholder: idPlaceholder,
});

export const dataSourceLocator = idLocator({
	name: 'dataSource',
	displayName: 'Data Source',
	searchListMethod: 'searchDataSources',
	description: 'The data source to use. The list shows the data sources of every chatbot.',
	placeholder: idPlaceholder,
});

export const sourceTagLocator = idLocator({
	name: 'sourceTag',
	displayName: 'Source Tag',
	searchListMethod: 'searchSourceTags',
	description: 'The source tag to use. The list shows the tags of every chatbot.',
	placeholder: idPlaceholder,
});

/** Return All + Limit for the list endpoints, which answer with the whole list at once. */
export function returnAllAndLimit(
	show: Record<string, string[]>,
	things: string,
): INodeProperties[] {
	return sharedReturnAllAndLimit(
		show,
		`The service sends all ${things} in one answer; the node keeps the first ones`,
	);
}
