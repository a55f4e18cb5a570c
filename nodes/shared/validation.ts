import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import {
	type Field,
	type IdShape,
	inputError,
	itemScope,
	type ItemScope,
	notText,
	readId,
	readText,
	readUrl,
} from './parameters';

/*
 * The input checks of the declarative operations, as preSend steps: each reads its field the one
 * way (parameters.ts) and refuses bad input before any request, naming the field and the item.
 */

type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

const field = (name: string, displayName: string): Field => ({ name, displayName });

/**
 * Puts the checked ID of each field where the operation's URL names it: `/sources/{sourceId}`
 * gets the 'Source' field's ID, trimmed and URL-encoded. Declared on the operation beside its URL.
 * (Not an expression in the URL on purpose: n8n 2.x evaluates every expression in an isolate, and
 * one URL expression per item made a request about a fifth slower; npm run bench, table 1.)
 */
export function idsInUrl(...fields: Field[]): PreSend & FieldChecks {
	return checking(
		fields,
		async function fillIdsInUrl(this: IExecuteSingleFunctions, requestOptions) {
			const scope = itemScope(this);
			for (const idField of fields) {
				const id = readId(scope, idField);
				requestOptions.url = requestOptions.url.replace(
					`{${idField.name}}`,
					encodeURIComponent(id),
				);
			}
			return requestOptions;
		},
	);
}

/** Sends the checked ID of each field as a JSON body field: `{ dataSourceId: dataSourceLocator }`. */
export function idsInBody(fields: Record<string, Field>): PreSend & FieldChecks {
	return checking(
		Object.values(fields),
		async function sendIdsInBody(this: IExecuteSingleFunctions, requestOptions) {
			const scope = itemScope(this);
			for (const [property, idField] of Object.entries(fields))
				setBodyField(requestOptions, property, readId(scope, idField));
			return requestOptions;
		},
	);
}

/** Sends the checked ID of each field as a query parameter. */
export function idsInQuery(fields: Record<string, Field>): PreSend & FieldChecks {
	return checking(
		Object.values(fields),
		async function sendIdsInQuery(this: IExecuteSingleFunctions, requestOptions) {
			const scope = itemScope(this);
			requestOptions.qs = { ...requestOptions.qs };
			for (const [property, idField] of Object.entries(fields))
				requestOptions.qs[property] = readId(scope, idField);
			return requestOptions;
		},
	);
}

/**
 * The fields a step of an operation's own routing checks (the ID fillers): a field's own checks
 * sit on the field, but these sit on the operation, so they say which fields they read.
 */
export interface FieldChecks {
	checks: string[];
}

function checking(fields: Field[], step: PreSend): PreSend & FieldChecks {
	return Object.assign(step, { checks: fields.map((idField) => idField.name) });
}

/** Rejects empty text, and text over the platform's documented limit, before any request. */
export function requireText(
	parameterName: string,
	displayName: string,
	limits: { maxLength?: number; optional?: boolean } = {},
): PreSend {
	return async function checkText(this: IExecuteSingleFunctions, requestOptions) {
		readText(itemScope(this), field(parameterName, displayName), limits);
		return requestOptions;
	};
}

export function requireUrl(
	parameterName: string,
	displayName: string,
	options: { httpsOnly?: boolean; optional?: boolean } = {},
): PreSend {
	return async function checkUrl(this: IExecuteSingleFunctions, requestOptions) {
		readUrl(itemScope(this), field(parameterName, displayName), options);
		return requestOptions;
	};
}

/** Splits a list given as text (comma or newline separated) or as an array into trimmed IDs. */
export function toIdList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[\n,]/);
	return parts.map((part) => String(part ?? '').trim()).filter((part) => part !== '');
}

/** The IDs of a list parameter; an object where an ID belongs is refused (it has no ID's text). */
function readIdList(scope: ItemScope, parameterPath: string, displayName: string) {
	const value = scope.value(parameterPath, '');
	const entries: unknown[] = Array.isArray(value) ? value : [value];
	for (const entry of entries) {
		const other = notText(entry);
		if (other !== undefined) {
			throw inputError(
				scope,
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
	limits: { max?: number; shape?: IdShape } = {},
): PreSend {
	return async function checkIdList(this: IExecuteSingleFunctions, requestOptions) {
		const scope = itemScope(this);
		const ids = readIdList(scope, parameterName, displayName);
		if (ids.length === 0) throw inputError(scope, `'${displayName}' has no IDs`);
		if (limits.max !== undefined && ids.length > limits.max) {
			throw inputError(
				scope,
				`'${displayName}' has ${ids.length} IDs; the most one request takes is ${limits.max}`,
			);
		}
		const shape = limits.shape;
		const malformed = shape ? ids.find((id) => !shape.pattern.test(id)) : undefined;
		if (shape && malformed !== undefined) {
			throw inputError(
				scope,
				`'${displayName}' contains an ID that is not valid: "${malformed.slice(0, 80)}"`,
				`IDs look like ${shape.example}.`,
			);
		}
		return requestOptions;
	};
}

function setBodyField(requestOptions: IHttpRequestOptions, property: string, value: unknown) {
	requestOptions.body = { ...(requestOptions.body as object), [property]: value };
}

/**
 * Rejects a number outside [min, max], or with `integer` one that is not whole (expressions
 * bypass the editor's own bounds and precision).
 */
export function requireNumberInRange(
	parameterPath: string,
	displayName: string,
	min: number,
	max: number,
	options: { integer?: boolean } = {},
): PreSend {
	return async function checkNumber(this: IExecuteSingleFunctions, requestOptions) {
		const scope = itemScope(this);
		const value = scope.value(parameterPath, undefined);
		if (value === undefined || value === null || value === '') return requestOptions;
		// Number() reads true as 1 and blanks or [] as 0: only numbers and numeric text count.
		const readable =
			typeof value === 'number' || (typeof value === 'string' && value.trim() !== '');
		const number = readable ? Number(value) : NaN;
		const whole = !options.integer || Number.isInteger(number);
		if (!Number.isFinite(number) || number < min || number > max || !whole) {
			const shown = notText(value) ?? (typeof value === 'string' ? `"${value}"` : String(value));
			const kind = options.integer ? 'a whole number ' : '';
			throw inputError(
				scope,
				`'${displayName}' must be ${kind}from ${min} to ${max}, not ${shown}`,
			);
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
		const scope = itemScope(this);
		const raw = scope.value(parameterPath, undefined);
		if (raw === undefined || raw === '') return requestOptions;
		let value: unknown = raw;
		if (typeof raw === 'string') {
			try {
				value = JSON.parse(raw);
			} catch (error) {
				throw inputError(
					scope,
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
		if (!fits) throw inputError(scope, `'${displayName}' must be ${SHAPE_WORDS[shape]}`);
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
		const scope = itemScope(this);
		if (scope.value(parameterPath, undefined) === undefined) return requestOptions;
		const ids = readIdList(scope, parameterPath, displayName);
		if (ids.length === 0 && options.required) {
			throw inputError(scope, `'${displayName}' has no IDs`);
		}
		setBodyField(requestOptions, bodyProperty, ids);
		return requestOptions;
	};
}

/** Rejects an 'Update Fields' collection with nothing in it: such an update would change nothing. */
export function requireSomeUpdate(collections: string | string[] = 'updateFields'): PreSend {
	const names = Array.isArray(collections) ? collections : [collections];
	return async function checkSomeUpdate(this: IExecuteSingleFunctions, requestOptions) {
		const scope = itemScope(this);
		const set = names.some(
			(name) => Object.keys((scope.value(name, {}) ?? {}) as object).length > 0,
		);
		if (!set) {
			throw inputError(scope, "'Update Fields' is empty", 'Add at least one field to change.');
		}
		return requestOptions;
	};
}
