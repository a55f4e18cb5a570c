import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/*
 * The API's documented quirks, smoothed over in the output so that workflows can rely on one
 * shape: booleans that come back as 0/1, and a chatbot meta field documented as `show_citation`
 * but returned as `show_citations`.
 */

function asBoolean(value: unknown): unknown {
	return value === 0 || value === 1 ? value === 1 : value;
}

export async function normalizeChatbot(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	for (const item of items) {
		const meta = item.json.meta as IDataObject | undefined;
		if (meta && typeof meta === 'object') {
			if (meta.show_citations === undefined && meta.show_citation !== undefined) {
				meta.show_citations = meta.show_citation;
			}
			if (meta.show_citations !== undefined) {
				meta.show_citations = asBoolean(meta.show_citations) as boolean;
			}
		}
	}
	return items;
}

export async function normalizeAgent(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	for (const item of items) {
		if ('enabled' in item.json) item.json.enabled = asBoolean(item.json.enabled) as boolean;
	}
	return items;
}
