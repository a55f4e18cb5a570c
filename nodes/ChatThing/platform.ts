import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { describeNetworkFailure, messageFromBody, type ErrorExplainer } from '../shared/errors';
import { credentialBaseUrl, credentialBaseUrlExpression, type Platform } from '../shared/platform';

/** The channel's API root: every path of the API is below its API channel. */
function channelBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const channel = encodeURIComponent(String(credentials.channelId ?? '').trim());
	return `${credentialBaseUrl(credentials)}/api/public/channels/${channel}/1.0`;
}

const path = (url: string | undefined) => String(url ?? '').replace(/^.*\/1\.0/, '');

// Chat Thing documents status codes, not its error body: the status is explained in its own words.
const explainError: ErrorExplainer = (failure, request) => {
	const vendorMessage = messageFromBody(failure.body);
	if (failure.status === undefined) {
		return { message: describeNetworkFailure(failure), description: vendorMessage };
	}
	const detail = vendorMessage ? ` The service said: ${vendorMessage}` : '';
	switch (failure.status) {
		case 400:
			return {
				message: 'The request was malformed or missing required fields (400)',
				description: `Check the fields of this operation.${detail}`,
			};
		case 401:
			return {
				message: 'The secret key was refused (401)',
				description:
					"Check the credential: its Secret Key and Channel ID must come from the same bot's API channel (bot dashboard → Channels → API).",
			};
		case 403:
			return {
				message: 'The secret key does not match the channel, or the channel ID is wrong (403)',
				description:
					"Check the credential: its Secret Key and Channel ID must come from the same bot's API channel (bot dashboard → Channels → API).",
			};
		case 404:
			return {
				message: 'Not found (404)',
				description: `The channel ID is wrong or the bot's API channel is not enabled, or the conversation, data source or row does not exist (any more).${detail}`,
			};
		case 429:
			return path(request.url) === '/data-sources/sync'
				? {
						message: 'A sync is already running, or the storage tokens are used up (429)',
						description:
							"Wait for the running sync to finish (Data Source → Get shows its state), or check the bot's storage tokens.",
					}
				: {
						message: 'Out of message credits, or the AI service is overloaded (429)',
						description: "Check the bot's message credits in Chat Thing, then try again later.",
					};
		default:
			return {
				message: vendorMessage ?? `The service answered with status ${failure.status}`,
				description:
					failure.status >= 500
						? 'An error occurred on the Chat Thing server. Try again later.'
						: `The service refused the request.${detail}`,
			};
	}
};

// Lists are POST requests but read only; PUT and DELETE can be repeated.
const READ_ONLY_POSTS = [
	'/conversations',
	'/messages',
	'/data-sources/list',
	'/data-sources/row/list',
];

export const chatThing: Platform = {
	name: 'Chat Thing',
	credentialName: 'chatThingApi',
	secretFields: ['secretKey', 'webhookSecret'],
	baseUrl: channelBaseUrl,
	baseUrlExpression: credentialBaseUrlExpression(
		'/api/public/channels/{{encodeURIComponent($credentials.channelId.trim())}}/1.0',
	),
	explainError,
	isRetrySafe: (request) =>
		(request.method ?? 'GET') !== 'POST' || READ_ONLY_POSTS.includes(path(request.url)),
	// Chat Thing documents a 429 on a message as no credits left or the AI service overloaded, on a
	// sync as a sync already running: waiting a few seconds changes neither, so they are not
	// repeated blindly. A 429 on a message that says when to come back (Retry-After) is the
	// account's rate limit: it gets one delayed retry (the API's guidance: at most one, then the
	// error), in its turn behind the requests already waiting. Refused again after the channel
	// answered other messages, it is the rate once more, not the credits, and is retried again
	// (request.ts; 'Max Retries' still bounds it).
	tooManyRequestsRetries: (request, failure) => {
		const endpoint = path(request.url);
		if (endpoint === '/data-sources/sync') return 0;
		if (endpoint === '/message') return failure.retryAfterMs !== undefined ? 1 : 0;
		return undefined;
	},
};
