import type { INodeProperties } from 'n8n-workflow';

import { requireId } from './validation';

/**
 * A required ID field as a resource locator: "From List" (a searchable list) and "By ID". The
 * ID is checked before any request (an expression can resolve to nothing).
 */
export function idLocator(field: {
	name: string;
	displayName: string;
	searchListMethod: string;
	description: string;
	placeholder: string;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: field.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: field.placeholder },
		],
		routing: { send: { preSend: [requireId(field.name, field.displayName)] } },
	};
}

/** Return All + Limit for a Get Many operation; `hint` says how the platform lists. */
export function returnAllAndLimit(
	show: Record<string, string[]>,
	hint?: string,
): INodeProperties[] {
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
			...(hint ? { hint } : {}),
			routing: { output: { maxResults: '={{$value}}' } },
		},
	];
}

/** Whether a list entry matches what the user typed in a list search (any of its values). */
export function matchesFilter(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) =>
		String(value ?? '')
			.toLowerCase()
			.includes(needle),
	);
}
