import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { matchesFilter } from '../shared/descriptions';
import { itemScope } from '../shared/parameters';
import { requestJson } from '../shared/request/request';
import { aiChatbotHub } from './platform';

async function getList(this: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	const body = await requestJson<unknown>(this, aiChatbotHub, { method: 'GET', url: path });
	return Array.isArray(body) ? (body as IDataObject[]) : [];
}

function byName(a: INodeListSearchItems, b: INodeListSearchItems): number {
	return a.name.localeCompare(b.name);
}

export async function searchChatbots(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const chatbots = await getList.call(this, '/chatbots');
	const results = chatbots
		.filter((chatbot) => matchesFilter(filter, chatbot.name, chatbot.uuid))
		.map((chatbot) => ({ name: String(chatbot.name ?? chatbot.uuid), value: String(chatbot.uuid) }))
		.sort(byName);
	return { results };
}

/**
 * Agents, sessions, data sources and tags are listed per chatbot. When the node has a chatbot
 * set, only its children are listed; otherwise the children of one chatbot per page (the next
 * chatbot that has matching ones), so that a large account never loads everything at once.
 */
function searchChildren(path: string, describe: (child: IDataObject) => string) {
	return async function searchChildrenOfChatbots(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const chosen = String(itemScope(this).value('chatbot', '') ?? '').trim();
		let chatbots: IDataObject[];
		// Without a chatbot chosen (or with an expression, which cannot be resolved while the user
		// browses the list), every chatbot's children are listed.
		if (chosen) {
			chatbots = [{ uuid: chosen }];
		} else {
			chatbots = (await getList.call(this, '/chatbots')).sort((a, b) =>
				String(a.name ?? '').localeCompare(String(b.name ?? '')),
			);
		}
		// The editor asks for the next page only when the user scrolls to the end of a list: a page
		// without entries ("No results") would hide the next chatbots' children. A chatbot with no
		// (matching) children is skipped, so that only the last page can be empty.
		let index = Number(paginationToken ?? 0) || 0;
		let results: INodeListSearchItems[] = [];
		for (; index < chatbots.length; index++) {
			const chatbot = chatbots[index];
			const children = await getList.call(
				this,
				`/chatbot/${encodeURIComponent(String(chatbot.uuid))}${path}`,
			);
			const suffix = chosen ? '' : ` (${String(chatbot.name ?? chatbot.uuid)})`;
			results = children
				.filter((child) => matchesFilter(filter, describe(child), child.uuid))
				.map((child) => ({ name: `${describe(child)}${suffix}`, value: String(child.uuid) }))
				.sort(byName);
			if (results.length > 0) break;
		}
		const next = index + 1 < chatbots.length ? String(index + 1) : undefined;
		return { results, paginationToken: next };
	};
}

export const searchAgents = searchChildren(
	'/agents',
	(agent) => `${String(agent.name ?? agent.uuid)} · ${String(agent.type ?? 'agent')}`,
);

export const searchSessions = searchChildren(
	'/sessions',
	(session) => `Session ${String(session.uuid).slice(0, 8)} · ${String(session.created_at ?? '')}`,
);

export const searchDataSources = searchChildren(
	'/data-sources',
	(source) =>
		`${String(source.title || source.file_name || source.uuid)} · ${String(source.type ?? '')}`,
);

export const searchSourceTags = searchChildren('/source-tags', (tag) =>
	String(tag.name ?? tag.uuid),
);
