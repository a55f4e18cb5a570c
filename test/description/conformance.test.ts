/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/*
 * What the editor offers, checked on the built nodes as n8n loads them: a field shown only for a
 * value nobody can pick, an operation without an action text or a way to run, a list search that
 * does not exist, or a README table that lists other operations than the node offers — each is
 * broken for every user however well the engine runs the parameters a test sets directly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import {
	everyProperty,
	namedValuesOf,
	operationsOf,
	reachableStates,
	readmeOperationTable,
	valuesOf,
} from './offered';
import { loadedNodeType, PACKAGE_ROOT } from '../harness/workflow';

const packageJson = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[] };
};
/** Every node of the package, by the name n8n loads it under (dist/nodes/X/Y.node.js → y). */
const NODE_NAMES = packageJson.n8n.nodes.map((file) => {
	const base = path.basename(file, '.node.js');
	return base[0].toLowerCase() + base.slice(1);
});
const README = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');

describe.each(NODE_NAMES)('Description of %s, as the editor offers it', (name) => {
	let nodeType: INodeType;
	beforeAll(async () => {
		nodeType = await loadedNodeType(name);
	});

	it('names in its display conditions only values that its parameters offer', () => {
		const { properties } = nodeType.description;
		const offered = new Map<string, Set<unknown>>();
		for (const property of properties) {
			const values = valuesOf(property);
			if (!values) continue;
			const set = offered.get(property.name) ?? new Set();
			for (const value of values) set.add(value);
			offered.set(property.name, set);
		}
		const unknown: string[] = [];
		for (const { property } of everyProperty(properties)) {
			for (const kind of ['show', 'hide'] as const) {
				const conditions = property.displayOptions?.[kind] ?? {};
				for (const [key, values] of Object.entries(conditions)) {
					const choices = offered.get(key);
					if (!choices || !Array.isArray(values)) continue;
					for (const value of values) {
						// Conditions such as { _cnd: … } compare; plain values must be on offer.
						if (value !== null && typeof value === 'object') continue;
						if (!choices.has(value)) unknown.push(`${property.name}: ${kind} ${key}=${value}`);
					}
				}
			}
		}
		expect(unknown).toEqual([]);
	});

	it('shows every parameter for at least one combination a user can pick', () => {
		const states = reachableStates(nodeType.description);
		const hidden = nodeType.description.properties
			.filter((property) => !states.some((state) => state.shows(property)))
			.map((property) => `${property.name} ${JSON.stringify(property.displayOptions ?? {})}`);
		expect(hidden).toEqual([]);
	});

	it('gives every resource and operation an action text and a way to run', () => {
		const operations = operationsOf(nodeType.description);
		if (nodeType.description.group.includes('trigger')) {
			expect(operations).toEqual([]);
			return;
		}
		expect(operations.length).toBeGreaterThan(0);
		const custom = (nodeType as { customOperations?: Record<string, Record<string, unknown>> })
			.customOperations;
		const problems: string[] = [];
		for (const { resource, operation } of operations) {
			const where = `${resource.value} → ${operation.value}`;
			if (!operation.action?.trim()) problems.push(`${where}: no action text`);
			if (!resource.description?.trim()) problems.push(`${resource.value}: no description`);
			const routed = operation.routing?.request !== undefined;
			const coded =
				typeof custom?.[String(resource.value)]?.[String(operation.value)] === 'function';
			if (routed === coded) {
				problems.push(
					`${where}: ${routed ? 'both routing and a custom operation' : 'neither routing nor a custom operation'}`,
				);
			}
		}
		// Code for an operation nobody can pick is dead.
		for (const [resource, byOperation] of Object.entries(custom ?? {})) {
			for (const operation of Object.keys(byOperation)) {
				const offered = operations.some(
					(entry) => entry.resource.value === resource && entry.operation.value === operation,
				);
				if (!offered) problems.push(`custom operation ${resource} → ${operation} is not offered`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('lists the operations of each resource alphabetically, as n8n lists options', () => {
		const byResource = new Map<string, string[]>();
		for (const { resource, operation } of operationsOf(nodeType.description)) {
			const names = byResource.get(String(resource.value)) ?? [];
			names.push(operation.name);
			byResource.set(String(resource.value), names);
		}
		for (const [resource, names] of byResource) {
			expect([resource, names]).toEqual([resource, [...names].sort((a, b) => a.localeCompare(b))]);
		}
	});

	it('fills every {placeholder} of its request URLs with the checked ID of a field it shows', () => {
		const states = reachableStates(nodeType.description);
		const problems: string[] = [];
		for (const { resource, operation } of operationsOf(nodeType.description)) {
			const url = String(operation.routing?.request?.url ?? '');
			const filled = (operation.routing?.send?.preSend ?? []).flatMap(
				(step) => (step as { checks?: string[] }).checks ?? [],
			);
			const state = states.find(
				(candidate) =>
					candidate.values.resource === resource.value &&
					candidate.values.operation === operation.value,
			);
			for (const [, name] of url.matchAll(/\{(\w+)\}/g)) {
				const where = `${resource.value} → ${operation.value}: {${name}}`;
				if (!filled.includes(name)) problems.push(`${where} is filled by no step`);
				const shown = nodeType.description.properties.some(
					(property) => property.name === name && state?.shows(property),
				);
				if (!shown) problems.push(`${where} names a field the operation does not show`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('names only list searches and option loaders that it has', () => {
		const { listSearch = {}, loadOptions = {} } = nodeType.methods ?? {};
		const missing: string[] = [];
		const check = (where: string, options: INodeProperties['typeOptions']) => {
			if (options?.searchListMethod && !(options.searchListMethod in listSearch))
				missing.push(`${where}: searchListMethod ${options.searchListMethod}`);
			if (options?.loadOptionsMethod && !(options.loadOptionsMethod in loadOptions))
				missing.push(`${where}: loadOptionsMethod ${options.loadOptionsMethod}`);
		};
		for (const { property, path: where } of everyProperty(nodeType.description.properties)) {
			check(where, property.typeOptions);
			for (const mode of property.modes ?? []) check(`${where} (${mode.name})`, mode.typeOptions);
		}
		expect(missing).toEqual([]);
	});

	it("is listed in the README's operation table exactly as it offers its operations", () => {
		if (nodeType.description.group.includes('trigger')) return;
		const offered = operationsOf(nodeType.description)
			.map(({ resource, operation }) => `${resource.name} | ${operation.name}`)
			.sort();
		const listed = readmeOperationTable(README, nodeType.description.displayName)
			.map((row) => `${row[0]} | ${row[1]}`)
			.sort();
		expect(listed).toEqual(offered);
	});

	it('offers every option value once', () => {
		const duplicated: string[] = [];
		for (const { property, path: where } of everyProperty(nodeType.description.properties)) {
			const values = namedValuesOf(property).map((option: INodePropertyOptions) => option.value);
			const repeated = values.filter((value, index) => values.indexOf(value) !== index);
			if (repeated.length) duplicated.push(`${where}: ${repeated.join(', ')}`);
		}
		expect(duplicated).toEqual([]);
	});
});
