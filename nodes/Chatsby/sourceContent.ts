import { inputError, type ItemScope } from '../shared/parameters';

/*
 * What a source's content is, per type: the checks Source → Add and Source → Sync share (the
 * limits of Chatsby's Sources reference), and the normal form Sync compares sources by.
 */

export const MAX_TEXT_CHARACTERS = 100_000;
export const MAX_QA_PAIRS = 500;

export interface QaPair {
	question: string;
	answer: string;
}

/** Q&A given as JSON text (or as the array an expression gave): its value, checked by checkPairs. */
export function parsePairsJson(scope: ItemScope, raw: unknown, displayName: string): unknown {
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw inputError(
			scope,
			`'${displayName}' is not valid JSON: ${(error as Error).message}`,
			'Enter an array such as [{"question": "…", "answer": "…"}].',
		);
	}
}

/** Between 1 and 500 pairs, each with a question and an answer that are text. */
export function checkPairs(scope: ItemScope, pairs: unknown): QaPair[] {
	if (!Array.isArray(pairs) || pairs.length === 0) {
		throw inputError(
			scope,
			"'Q&A' has no question and answer pairs",
			'Enter at least one pair, as an array such as [{"question": "…", "answer": "…"}].',
		);
	}
	if (pairs.length > MAX_QA_PAIRS) {
		throw inputError(
			scope,
			`'Q&A' has ${pairs.length} pairs; the most one source takes is ${MAX_QA_PAIRS}`,
		);
	}
	return pairs.map((pair, index) => {
		const { question, answer } = (pair ?? {}) as { question?: unknown; answer?: unknown };
		if (
			typeof question !== 'string' ||
			question.trim() === '' ||
			typeof answer !== 'string' ||
			answer.trim() === ''
		) {
			throw inputError(scope, `'Q&A' pair ${index + 1} needs a question and an answer, both text`);
		}
		return { question, answer };
	});
}

/**
 * A website's address as Sync compares it: without its fragment (`#…`) and without trailing
 * slashes on the path, the scheme and host lower case, the default port dropped (as the URL
 * standard writes them); the query stays. An address that does not parse stays as it is.
 */
export function normalUrl(address: string): string {
	let url: URL;
	try {
		url = new URL(address.trim());
	} catch {
		return address;
	}
	const path = url.pathname.replace(/\/+$/, '');
	return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** JSON with the keys of every object sorted, arrays in their order, no spaces. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, entry]) => entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The Q&A content as Sync compares it: the pairs in their order, each serialised with sorted
 * keys (`[{"answer":"…","question":"…"}]`), so that the same pairs written with other spacing
 * or key order are the same source. Content that is not JSON stays as it is.
 */
export function canonicalQa(content: string): string {
	try {
		return canonicalJson(JSON.parse(content));
	} catch {
		return content;
	}
}

/** The key Sync finds a source by: its type and its content in normal form. */
export function sourceKey(type: string, content: string): string {
	if (type === 'website') return `website:${normalUrl(content)}`;
	if (type === 'qa') return `qa:${canonicalQa(content)}`;
	return `${type}:${content}`;
}
