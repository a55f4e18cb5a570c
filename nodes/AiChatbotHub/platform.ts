import { describeNetworkFailure, messageFromBody, type ErrorExplainer } from '../shared/errors';
import { credentialBaseUrl, credentialBaseUrlExpression, type Platform } from '../shared/platform';

// The reference documents no error body; GPT-trainer's own templates read `{ "error": "…" }`.
const explainError: ErrorExplainer = (failure) => {
	const vendorMessage = messageFromBody(failure.body);
	if (failure.status === undefined) {
		return { message: describeNetworkFailure(failure), description: vendorMessage };
	}
	switch (failure.status) {
		case 401:
			return {
				message: vendorMessage ?? 'The API token was refused (401)',
				description:
					"Check the credential's API token (Account → API Keys in the app) and that its Base URL is the host the token belongs to.",
			};
		case 403:
			return {
				message: vendorMessage ?? 'The API token may not do this (403)',
				description: 'The token belongs to a user who cannot access this chatbot or feature.',
			};
		case 404:
			return {
				message: vendorMessage ?? 'Not found (404)',
				description:
					'The ID does not exist for this API token, or the item was deleted. Check the ID and the credential.',
			};
		case 409:
			return {
				message: vendorMessage ?? 'Already exists (409)',
				description: 'The chatbot already has this file as a data source.',
			};
		case 429:
			return {
				message: vendorMessage ?? 'Too many requests (429)',
				description:
					"The service is limiting requests. Lower 'Max Requests in Flight' under 'Request Limits', or run the workflow later.",
			};
		default:
			return {
				message: vendorMessage ?? `The service answered with status ${failure.status}`,
				description:
					failure.status >= 500
						? 'The service could not process the request. Try again later.'
						: 'The service refused the request as sent.',
			};
	}
};

export const aiChatbotHub: Platform = {
	name: 'AI Chatbot Hub',
	credentialName: 'aiChatbotHubApi',
	secretFields: ['apiToken'],
	baseUrl: credentialBaseUrl,
	baseUrlExpression: credentialBaseUrlExpression(),
	explainError,
	// Reads, updates, deletes and re-scrapes can be repeated safely; creates and chat messages cannot.
	isRetrySafe: (request) =>
		(request.method ?? 'GET') !== 'POST' ||
		/\/(update|delete|re-scrape)$/.test(String(request.url ?? '')),
};
