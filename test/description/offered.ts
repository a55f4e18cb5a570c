/*
 * What a node's description offers in the editor: the choices of its parameters, the
 * combinations a user can reach by picking them, its resources and operations, and the README's
 * table of them. Used by the conformance test and by the editor walk.
 */
import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

/** The options of an options or multi-options parameter (empty for any other). */
export function namedValuesOf(property: INodeProperties): INodePropertyOptions[] {
	if (property.type !== 'options' && property.type !== 'multiOptions') return [];
	return ((property.options ?? []) as INodePropertyOptions[]).filter(
		(option) => (option as INodePropertyOptions).value !== undefined,
	);
}

/** The values a user can pick for a parameter, or undefined when they cannot be listed. */
export function valuesOf(property: INodeProperties): unknown[] | undefined {
	if (property.type === 'boolean') return [true, false];
	if (property.type === 'options') return namedValuesOf(property).map((option) => option.value);
	return undefined;
}

/** Every parameter, also those inside collections and fixed collections, with its path. */
export function everyProperty(
	properties: INodeProperties[],
	prefix = '',
): Array<{ property: INodeProperties; path: string }> {
	return properties.flatMap((property) => {
		const path = `${prefix}${property.name}`;
		const nested: INodeProperties[] = [];
		if (property.type === 'collection')
			nested.push(...((property.options ?? []) as INodeProperties[]));
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[])
				nested.push(...group.values);
		}
		return [{ property, path }, ...everyProperty(nested, `${path}.`)];
	});
}

export interface ReachableState {
	values: INodeParameters;
	shows(property: INodeProperties): boolean;
}

/**
 * Every combination of choices a user can reach: starting from nothing, each parameter that
 * decides what else is shown (a key of some display condition, with choices that can be listed)
 * is picked in turn, once it is itself shown, with each of its values.
 */
export function reachableStates(description: INodeTypeDescription): ReachableState[] {
	const { properties } = description;
	const keys = new Set<string>();
	for (const property of properties) {
		for (const kind of ['show', 'hide'] as const) {
			for (const key of Object.keys(property.displayOptions?.[kind] ?? {}))
				if (!key.startsWith('@')) keys.add(key);
		}
	}
	const deciders = properties
		.map((property, index) => ({ property, index, values: valuesOf(property) }))
		.filter((entry) => keys.has(entry.property.name) && entry.values !== undefined);
	const node = { typeVersion: 1 };
	const shows = (values: INodeParameters) => (property: INodeProperties) =>
		NodeHelpers.displayParameter(values, property, node, description);

	const states: ReachableState[] = [];
	const visit = (values: INodeParameters, decided: Set<number>) => {
		const next = deciders.find(
			(entry) => !decided.has(entry.index) && shows(values)(entry.property),
		);
		if (!next) {
			states.push({ values, shows: shows(values) });
			return;
		}
		for (const value of next.values ?? []) {
			visit(
				{ ...values, [next.property.name]: value as INodeParameters[string] },
				new Set([...decided, next.index]),
			);
		}
	};
	visit({}, new Set());
	return states;
}

export interface OfferedOperation {
	resource: INodePropertyOptions;
	operation: INodePropertyOptions;
}

/** The resource × operation pairs the editor's two dropdowns offer, in their order. */
export function operationsOf(description: INodeTypeDescription): OfferedOperation[] {
	const { properties } = description;
	const resourceProperty = properties.find((property) => property.name === 'resource');
	if (!resourceProperty) return [];
	const node = { typeVersion: 1 };
	return namedValuesOf(resourceProperty).flatMap((resource) => {
		const values = { resource: resource.value };
		return properties
			.filter(
				(property) =>
					property.name === 'operation' &&
					NodeHelpers.displayParameter(values, property, node, description),
			)
			.flatMap((property) => namedValuesOf(property).map((operation) => ({ resource, operation })));
	});
}

/**
 * The rows (cells, trimmed) of the first table under the README heading `## <title>`: the
 * platform's operation table, whose first two columns are Resource and Operation.
 */
export function readmeOperationTable(readme: string, title: string): string[][] {
	const lines = readme.split('\n');
	const heading = lines.indexOf(`## ${title}`);
	if (heading === -1) return [];
	const rows: string[][] = [];
	let inTable = false;
	for (const line of lines.slice(heading + 1)) {
		if (line.startsWith('#')) break;
		if (!line.startsWith('|')) {
			if (inTable) break;
			continue;
		}
		inTable = true;
		const cells = line
			.slice(1, line.endsWith('|') ? -1 : undefined)
			.split('|')
			.map((cell) => cell.trim());
		if (cells[0] === 'Resource' || /^-+$/.test(cells[0])) continue;
		rows.push(cells);
	}
	return rows;
}
