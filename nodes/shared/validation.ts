import {
	NodeOperationError,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { haltRequests } from './requestLimits';

type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/**
 * The error for input that cannot be sent. It names the field and the item, and stops the
 * requests of the node's other items that have not left yet (unless Continue On Fail is on).
 */
export function invalidInput(
	context: IExecuteSingleFunctions,
	message: string,
	description?: string,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	const error = new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
	haltRequests(context, error);
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

/**
 * The text of a parameter (or the ID of a locator) of an operation that runs as code, read for one
 * item; an object or a list is refused as invalid input of that item.
 */
export function readTextParameter(
	context: IExecuteFunctions,
	parameterName: string,
	displayName: string,
	itemIndex: number,
	kind: 'text' | 'an ID' = 'text',
): string {
	const value = context.getNodeParameter(parameterName, itemIndex, '', {
		extractValue: true,
	}) as unknown;
	const other = notText(value);
	if (other !== undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`'${displayName}' must be ${kind}, not ${other} [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return value === undefined || value === null ? '' : String(value);
}

/** The value of a resource locator or plain string parameter, trimmed. */
export function readId(context: IExecuteSingleFunctions, parameterName: string): string {
	const value = context.getNodeParameter(parameterName, '', { extractValue: true }) as unknown;
	if (value === undefined || value === null) return '';
	return String(value).trim();
}

/**
 * Where an ID goes in a routing URL: `/agents/${idInPath('agentId')}/sources`. The ID's check
 * (`requireId`, on every ID field) fills it in, trimmed and URL-encoded. Not an expression on
 * purpose: n8n 2.x evaluates every expression in an isolate, and one URL expression per item
 * (reading `$parameter`) made a request about a fifth slower (npm run bench, table 1).
 */
export const idInPath = (parameterName: string) => `{${parameterName}}`;

/**
 * Rejects an empty ID (or one that is not of the platform's shape) before any request, and puts
 * the ID where the operation's URL has `idInPath(parameterName)`.
 */
export function requireId(
	parameterName: string,
	displayName: string,
	shape?: { pattern: RegExp; example: string },
): PreSend {
	const placeholder = idInPath(parameterName);
	return async function checkId(this: IExecuteSingleFunctions, requestOptions) {
		const value = this.getNodeParameter(parameterName, '', { extractValue: true }) as unknown;
		const other = notText(value);
		if (other !== undefined) {
			throw invalidInput(
				this,
				`'${displayName}' must be an ID, not ${other}`,
				'Map the field that holds the ID, e.g. {{ $json.id }}, not the whole object.',
			);
		}
		const id = value === undefined || value === null ? '' : String(value).trim();
		if (id === '') {
			throw invalidInput(
				this,
				`'${displayName}' is empty`,
				`Choose a ${displayName.toLowerCase()} from the list or enter its ID.`,
			);
		}
		if (shape && !shape.pattern.test(id)) {
			throw invalidInput(
				this,
				`'${displayName}' is not a valid ID: "${id.slice(0, 80)}"`,
				`IDs look like ${shape.example}.`,
			);
		}
		if (requestOptions.url.includes(placeholder))
			requestOptions.url = requestOptions.url.replace(placeholder, encodeURIComponent(id));
		return requestOptions;
	};
}

/** Rejects empty text, and text over the platform's documented limit, before any request. */
export function requireText(
	parameterName: string,
	displayName: string,
	limits: { maxLength?: number; optional?: boolean } = {},
): PreSend {
	return async function checkText(this: IExecuteSingleFunctions, requestOptions) {
		const raw = this.getNodeParameter(parameterName, '') as unknown;
		const other = notText(raw);
		if (other !== undefined)
			throw invalidInput(this, `'${displayName}' must be text, not ${other}`);
		const text = raw === undefined || raw === null ? '' : String(raw);
		if (text.trim() === '' && !limits.optional) {
			throw invalidInput(this, `'${displayName}' is empty`);
		}
		if (limits.maxLength !== undefined && text.length > limits.maxLength) {
			throw invalidInput(
				this,
				`'${displayName}' is ${text.length} characters long; the most the service accepts is ${limits.maxLength}`,
			);
		}
		return requestOptions;
	};
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

export function requireUrl(
	parameterName: string,
	displayName: string,
	options: { httpsOnly?: boolean; optional?: boolean } = {},
): PreSend {
	return async function checkUrl(this: IExecuteSingleFunctions, requestOptions) {
		const value = String(this.getNodeParameter(parameterName, '') ?? '').trim();
		if (value === '' && options.optional) return requestOptions;
		if (!isWebUrl(value, options.httpsOnly)) {
			const scheme = options.httpsOnly ? 'https://' : 'http:// or https://';
			throw invalidInput(
				this,
				`'${displayName}' is not a valid URL: "${value.slice(0, 120)}"`,
				`Enter a full address that starts with ${scheme}, e.g. https://example.com/docs`,
			);
		}
		return requestOptions;
	};
}

/** Splits a list given as text (comma or newline separated) or as an array into trimmed IDs. */
export function toIdList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[\n,]/);
	return parts.map((part) => String(part ?? '').trim()).filter((part) => part !== '');
}

/** The IDs of a list parameter; an object where an ID belongs is refused (it has no ID's text). */
function readIdList(context: IExecuteSingleFunctions, parameterPath: string, displayName: string) {
	const value = context.getNodeParameter(parameterPath, '') as unknown;
	const entries: unknown[] = Array.isArray(value) ? value : [value];
	for (const entry of entries) {
		const other = notText(entry);
		if (other !== undefined) {
			throw invalidInput(
				context,
				`'${displayName}' must hold IDs, not ${other}`,
				'Map the field that holds the ID, e.g. {{ $json.items.map(item => item.id) }}.',
			);
		}
	}
	return toIdList(value);
}

export function requireIdList(
	parameterName: string,
	displayName: string,
	limits: { max?: number; shape?: { pattern: RegExp; example: string } } = {},
): PreSend {
	return async function checkIdList(this: IExecuteSingleFunctions, requestOptions) {
		const ids = readIdList(this, parameterName, displayName);
		if (ids.length === 0) throw invalidInput(this, `'${displayName}' has no IDs`);
		if (limits.max !== undefined && ids.length > limits.max) {
			throw invalidInput(
				this,
				`'${displayName}' has ${ids.length} IDs; the most one request takes is ${limits.max}`,
			);
		}
		const shape = limits.shape;
		const malformed = shape ? ids.find((id) => !shape.pattern.test(id)) : undefined;
		if (shape && malformed !== undefined) {
			throw invalidInput(
				this,
				`'${displayName}' contains an ID that is not valid: "${malformed.slice(0, 80)}"`,
				`IDs look like ${shape.example}.`,
			);
		}
		return requestOptions;
	};
}

function readOptional(context: IExecuteSingleFunctions, parameterPath: string): unknown {
	return context.getNodeParameter(parameterPath, undefined) as unknown;
}

function setBodyField(requestOptions: IHttpRequestOptions, property: string, value: unknown) {
	requestOptions.body = { ...(requestOptions.body as object), [property]: value };
}

/** Rejects a number outside [min, max] (expressions bypass the editor's own bounds). */
export function requireNumberInRange(
	parameterPath: string,
	displayName: string,
	min: number,
	max: number,
): PreSend {
	return async function checkNumber(this: IExecuteSingleFunctions, requestOptions) {
		const value = readOptional(this, parameterPath);
		if (value === undefined || value === null || value === '') return requestOptions;
		// Number() reads true as 1 and blanks or [] as 0: only numbers and numeric text count.
		const readable =
			typeof value === 'number' || (typeof value === 'string' && value.trim() !== '');
		const number = readable ? Number(value) : NaN;
		if (!Number.isFinite(number) || number < min || number > max) {
			const shown = notText(value) ?? (typeof value === 'string' ? `"${value}"` : String(value));
			throw invalidInput(this, `'${displayName}' must be from ${min} to ${max}, not ${shown}`);
		}
		return requestOptions;
	};
}

export type JsonShape = 'object' | 'flatObject' | 'array';

const SHAPE_WORDS: Record<JsonShape, string> = {
	object: 'a JSON object, e.g. {"name": "value"}',
	flatObject: 'a flat JSON object whose values are text, numbers or booleans, e.g. {"plan": "pro"}',
	array: 'a JSON array, e.g. [{"name": "value"}]',
};

/** Parses a JSON field (text or an object from an expression), checks its shape and sends it. */
export function sendJson(
	parameterPath: string,
	displayName: string,
	bodyProperty: string,
	shape: JsonShape,
): PreSend {
	return async function sendJsonField(this: IExecuteSingleFunctions, requestOptions) {
		const raw = readOptional(this, parameterPath);
		if (raw === undefined || raw === '') return requestOptions;
		let value: unknown = raw;
		if (typeof raw === 'string') {
			try {
				value = JSON.parse(raw);
			} catch (error) {
				throw invalidInput(
					this,
					`'${displayName}' is not valid JSON: ${(error as Error).message}`,
					`Enter ${SHAPE_WORDS[shape]}.`,
				);
			}
		}
		const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
		const fits =
			shape === 'array'
				? Array.isArray(value)
				: isObject &&
					(shape === 'object' ||
						Object.values(value as object).every(
							(entry) => entry === null || typeof entry !== 'object',
						));
		if (!fits) throw invalidInput(this, `'${displayName}' must be ${SHAPE_WORDS[shape]}`);
		setBodyField(requestOptions, bodyProperty, value);
		return requestOptions;
	};
}

/** Sends a list of IDs (comma or newline separated text, or an array) as a string array. */
export function sendIdList(
	parameterPath: string,
	displayName: string,
	bodyProperty: string,
	options: { required?: boolean } = {},
): PreSend {
	return async function sendIds(this: IExecuteSingleFunctions, requestOptions) {
		if (readOptional(this, parameterPath) === undefined) return requestOptions;
		const ids = readIdList(this, parameterPath, displayName);
		if (ids.length === 0 && options.required) {
			throw invalidInput(this, `'${displayName}' has no IDs`);
		}
		setBodyField(requestOptions, bodyProperty, ids);
		return requestOptions;
	};
}

/** Rejects an 'Update Fields' collection with nothing in it: such an update would change nothing. */
export function requireSomeUpdate(collections: string | string[] = 'updateFields'): PreSend {
	const names = Array.isArray(collections) ? collections : [collections];
	return async function checkSomeUpdate(this: IExecuteSingleFunctions, requestOptions) {
		const set = names.some(
			(name) => Object.keys(this.getNodeParameter(name, {}) as object).length > 0,
		);
		if (!set) {
			throw invalidInput(this, "'Update Fields' is empty", 'Add at least one field to change.');
		}
		return requestOptions;
	};
}
