import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/**
 * One operation of a resource, self-contained in its own file: its entry in the Operation list
 * (name, action, and the routing that is its request), its fields, and its code if it is not one
 * request per item.
 */
export interface Operation {
	option: INodePropertyOptions;
	properties: INodeProperties[];
	/** Runs the operation as code (n8n's `customOperations`): streamed replies, batches, sync. */
	execute?: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** A resource's Operation list and the fields of its operations, in the order given. */
export function resourceProperties(
	resource: string,
	operations: Operation[],
	defaultOperation: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map((operation) => operation.option),
			default: defaultOperation,
		},
		...operations.flatMap((operation) => operation.properties),
	];
}

/** The `customOperations` of a node: the operations that run as code, by resource. */
export function customOperationsOf(
	resources: Record<string, Operation[]>,
): Record<string, Record<string, NonNullable<Operation['execute']>>> {
	const custom: Record<string, Record<string, NonNullable<Operation['execute']>>> = {};
	for (const [resource, operations] of Object.entries(resources)) {
		for (const { option, execute } of operations) {
			if (execute) (custom[resource] ??= {})[String(option.value)] = execute;
		}
	}
	return custom;
}

/**
 * A required ID field as a resource locator: "From List" (a searchable list) and "By ID". The
 * operation that uses it checks the ID before any request (an expression can resolve to
 * nothing): `idsInUrl`, `idsInBody` or `readId` where its request is declared.
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
