import {
	NodeOperationError,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { haltRun } from './request/run';

/** Every kind of context our code runs in. */
export type NodeContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/**
 * One item's view of a node's parameters, the same whichever kind of context the code runs in:
 * a declarative step (one item), an operation that runs as code (every item), a list search
 * (the editor's current values), a poll or a webhook.
 */
export interface ItemScope {
	node: INode;
	itemIndex: number;
	/** The node run: the key of its request gate. Undefined outside an execution. */
	run?: object;
	continueOnFail: boolean;
	/** A parameter's value (a path such as 'options.batchSize' too); a resource locator's is its ID. */
	value(name: string, fallback?: unknown): unknown;
}

/**
 * A resource locator's ID, or the value itself. Our locators' modes (From List, By ID) hold the
 * ID as it is, so no mode needs n8n's `extractValue`, which also throws for a field that the
 * operation does not show.
 */
function locatorId(value: unknown): unknown {
	return value !== null && typeof value === 'object' && '__rl' in value
		? (value as { value?: unknown }).value
		: value;
}

export function itemScope(context: NodeContext, itemIndex = 0): ItemScope {
	const node = context.getNode();
	if ('getItemIndex' in context) {
		return {
			node,
			itemIndex: context.getItemIndex(),
			run: context.getExecuteData(),
			continueOnFail: context.continueOnFail(),
			value: (name, fallback) => locatorId(context.getNodeParameter(name, fallback)),
		};
	}
	if ('getExecuteData' in context) {
		return {
			node,
			itemIndex,
			run: context.getExecuteData(),
			continueOnFail: context.continueOnFail(),
			value: (name, fallback) => locatorId(context.getNodeParameter(name, itemIndex, fallback)),
		};
	}
	if ('getCurrentNodeParameter' in context) {
		// While the user browses a list, the values are the editor's, not yet saved; an
		// expression there cannot be resolved, so it counts as not set.
		return {
			node,
			itemIndex: 0,
			continueOnFail: false,
			value: (name, fallback) => {
				const value = locatorId(context.getCurrentNodeParameter(name));
				return value === undefined || (typeof value === 'string' && value.startsWith('='))
					? fallback
					: value;
			},
		};
	}
	return {
		node,
		itemIndex: 0,
		continueOnFail: false,
		value: (name, fallback) => locatorId(context.getNodeParameter(name, fallback)),
	};
}

/**
 * The error for input that cannot be sent: it names the field, says what is wrong and ends with
 * the item, and (unless Continue On Fail is on) stops the requests of the node's other items
 * that have not left yet, since the node fails on this item anyway.
 */
export function inputError(
	scope: ItemScope,
	message: string,
	description?: string,
): NodeOperationError {
	const error = new NodeOperationError(scope.node, `${message} [item ${scope.itemIndex}]`, {
		itemIndex: scope.itemIndex,
		description,
	});
	if (!scope.continueOnFail) haltRun(scope.run, error);
	return error;
}

/**
 * Names a value that an expression gave where text or an ID belongs but that is neither: a whole
 * object or a list (`{{ $json }}` instead of `{{ $json.id }}`). Undefined for text, numbers and
 * values that read as text, such as dates.
 */
export function notText(value: unknown): string | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const prototype = Object.getPrototypeOf(value) as unknown;
	if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null)
		return undefined;
	const json = JSON.stringify(value);
	return `${Array.isArray(value) ? 'a list' : 'an object'}: ${json.length > 80 ? `${json.slice(0, 80)}…` : json}`;
}

/** A field as the messages name it. */
export interface Field {
	name: string;
	displayName: string;
}

export interface IdShape {
	pattern: RegExp;
	example: string;
}

/**
 * The ID in a field (a resource locator or a string), trimmed. Empty, an object from an
 * expression, or (with `shape`) not of the platform's form, is refused before any request.
 */
export function readId(
	scope: ItemScope,
	field: Field,
	options: { shape?: IdShape; whenEmpty?: string } = {},
): string {
	const { shape } = options;
	const value = scope.value(field.name, '');
	const other = notText(value);
	if (other !== undefined) {
		throw inputError(
			scope,
			`'${field.displayName}' must be an ID, not ${other}`,
			'Map the field that holds the ID, e.g. {{ $json.id }}, not the whole object.',
		);
	}
	const id = value === undefined || value === null ? '' : String(value).trim();
	if (id === '') {
		throw inputError(
			scope,
			`'${field.displayName}' is empty`,
			options.whenEmpty ??
				`Choose a ${field.displayName.toLowerCase()} from the list or enter its ID.`,
		);
	}
	if (shape && !shape.pattern.test(id)) {
		throw inputError(
			scope,
			`'${field.displayName}' is not a valid ID: "${id.slice(0, 80)}"`,
			`IDs look like ${shape.example}.`,
		);
	}
	return id;
}

/** The ID in a field when it has one, else undefined (an object is refused as in readId). */
export function readOptionalId(scope: ItemScope, field: Field): string | undefined {
	const value = scope.value(field.name, '');
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return readId(scope, field);
}

/**
 * The text of a field. Empty text (unless `optional`), an object from an expression, and text
 * over the platform's documented limit are refused before any request.
 */
export function readText(
	scope: ItemScope,
	field: Field,
	limits: { maxLength?: number; optional?: boolean } = {},
): string {
	const raw = scope.value(field.name, '');
	const other = notText(raw);
	if (other !== undefined)
		throw inputError(scope, `'${field.displayName}' must be text, not ${other}`);
	const text = raw === undefined || raw === null ? '' : String(raw);
	if (text.trim() === '' && !limits.optional)
		throw inputError(scope, `'${field.displayName}' is empty`);
	if (limits.maxLength !== undefined && text.length > limits.maxLength) {
		throw inputError(
			scope,
			`'${field.displayName}' is ${text.length} characters long; the most the service accepts is ${limits.maxLength}`,
		);
	}
	return text;
}

/** An absolute http(s) URL; `httpsOnly` where the platform requires HTTPS. */
export function isWebUrl(value: string, httpsOnly = false): boolean {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	const protocols = httpsOnly ? ['https:'] : ['http:', 'https:'];
	return protocols.includes(url.protocol) && url.hostname.includes('.') && !/\s/.test(value);
}

/**
 * The web address in a field, trimmed; one that is not an absolute http(s) URL (https only
 * where the platform says so) is refused before any request. Empty is refused unless optional.
 */
export function readUrl(
	scope: ItemScope,
	field: Field,
	options: { httpsOnly?: boolean; optional?: boolean; hint?: string } = {},
): string {
	const value = readText(scope, field, { optional: true }).trim();
	if (value === '' && options.optional) return '';
	if (!isWebUrl(value, options.httpsOnly)) {
		const scheme = options.httpsOnly ? 'https://' : 'http:// or https://';
		throw inputError(
			scope,
			`'${field.displayName}' is not a valid ${options.httpsOnly ? 'https:// ' : ''}URL: "${value.slice(0, 120)}"`,
			options.hint ??
				`Enter a full address that starts with ${scheme}, e.g. https://example.com/docs`,
		);
	}
	return value;
}
