import type { ICredentialDataDecryptedObject, IHttpRequestMethods } from 'n8n-workflow';

import type { ErrorExplainer, HttpFailure } from './errors';

/** The parts of a request a platform's rules look at. */
export interface RequestLine {
	method?: IHttpRequestMethods | string;
	url?: string;
}

/**
 * Everything the request path needs to know about one platform, written once in
 * `nodes/<Platform>/platform.ts` and used by its node, list searches, triggers and credential.
 */
export interface Platform {
	/** The platform's name in messages, e.g. 'Chatsby'. */
	name: string;
	credentialName: string;
	/** The credential fields that hold secrets: never in an error, output item or log. */
	secretFields: string[];
	/** The API root for a credential, without a trailing slash. */
	baseUrl: (credentials: ICredentialDataDecryptedObject) => string;
	/** The same root as an n8n expression, for `requestDefaults` and the credential test. */
	baseUrlExpression: string;
	/** Turns a failed response into a message in the platform's own words. */
	explainError: ErrorExplainer;
	/**
	 * Whether repeating this request can do no harm even if the first attempt was carried out
	 * (reads, updates, deletes). Creating requests answer false: after a timeout, a reset
	 * connection, a 502 or a 504 they are not sent again, so nothing is created twice.
	 */
	isRetrySafe: (request: RequestLine) => boolean;
	/**
	 * How many times a 429 on this request is worth waiting out ('Max Retries' when not given).
	 * Some platforms answer 429 for states that waiting does not change (no credits left, a sync
	 * already running) as well as for their rate limit. A 429 that comes again after the account's
	 * other requests were answered is not counted: those states would have refused them too.
	 * Retried or not, every 429 pauses and paces the account's requests (gate.ts).
	 */
	tooManyRequestsRetries?: (request: RequestLine, failure: HttpFailure) => number | undefined;
}

/** A Base URL from a credential, without its trailing slashes. */
export function credentialBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** `credentialBaseUrl` as an n8n expression, followed by `suffix` (itself may hold expressions). */
export function credentialBaseUrlExpression(suffix = ''): string {
	return `={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}${suffix}`;
}
