import type { INodeProperties } from 'n8n-workflow';

import { idLocator, returnAllAndLimit as sharedReturnAllAndLimit } from '../shared/descriptions';

/*
 * Reusable fields of the AI Chatbot Hub node. They carry no display conditions: each operation
 * file spreads them and adds its own. IDs are 32-hex UUIDs without dashes, but the reference asks
 * to treat them as opaque strings, so only emptiness is checked.
 */

const idPlaceholder = 'e.g. 43474da7ae3b4b7191ee29c2de798257';

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
		placeholder: idPlaceholder,
	});
}

export const chatbotLocator = locator('chatbot', 'Chatbot', 'searchChatbots', 'The chatbot to use');

export const agentLocator = locator(
	'agent',
	'Agent',
	'searchAgents',
	'The agent to use. The list shows the agents of every chatbot.',
);

export const sessionLocator = locator(
	'session',
	'Session',
	'searchSessions',
	'The chat session to use. The list shows the sessions of every chatbot.',
);

export const dataSourceLocator = locator(
	'dataSource',
	'Data Source',
	'searchDataSources',
	'The data source to use. The list shows the data sources of every chatbot.',
);

export const sourceTagLocator = locator(
	'sourceTag',
	'Source Tag',
	'searchSourceTags',
	'The source tag to use. The list shows the tags of every chatbot.',
);

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
