import { describeNetworkFailure, messageFromBody, type ErrorExplainer } from '../shared/errors';
import { credentialBaseUrl, credentialBaseUrlExpression, type Platform } from '../shared/platform';

const isRetrain = (url?: string) => /\/retrain$/.test(String(url ?? ''));
const isList = (url?: string) => /\/v1\/(agents|webhooks)\/?(\?.*)?$/.test(String(url ?? ''));
const isWebhookPath = (url?: string) => /\/v1\/webhooks\//.test(String(url ?? ''));

// SendKit's error strings are generic ("Error", "Conflict"): the status decides the words.
const explainError: ErrorExplainer = (failure, request) => {
	const body = (failure.body ?? {}) as { message?: string; details?: string };
	const vendor = messageFromBody(failure.body);
	const details = typeof body.details === 'string' ? ` (${body.details})` : '';
	if (failure.status === undefined) {
		return { message: describeNetworkFailure(failure), description: vendor };
	}
	switch (failure.status) {
		case 401:
			return {
				message: 'The API key was refused (401)',
				description: "Check the credential's API Key.",
			};
		case 402:
			return {
				message: 'Not enough credits (402)',
				description:
					'The workspace has too few credits: creating an agent costs 0.5, retraining 10, a generated reply 3. Top up in SendKit and run again.',
			};
		case 403:
			return {
				message: `${vendor ?? 'Forbidden'} (403)`,
				description:
					"A platform key (sk_…user…) needs the credential's Workspace ID; a workspace key must be used in its own workspace.",
			};
		case 404:
			// Every path but the lists names an agent or a webhook; on a list, the path itself is missing.
			if (isList(request.url)) {
				return {
					message: 'Not found (404)',
					description:
						"SendKit has no such endpoint at this address: check the credential's Base URL (https://api.sendkit.ai).",
				};
			}
			return isWebhookPath(request.url)
				? {
						message: 'Webhook not found (404)',
						description: 'The webhook ID does not exist in this workspace.',
					}
				: {
						message: 'Agent not found (404)',
						description: 'The agent ID does not exist in this workspace, or the agent was deleted.',
					};
		case 409:
			return isRetrain(request.url)
				? {
						message: 'The agent is already training (409)',
						description:
							'Wait for the running training to finish (Agent → Get shows trainingStatus), then retrain.',
					}
				: { message: `${vendor ?? 'Conflict'} (409)${details}` };
		default:
			return {
				message: `${vendor ?? `The service answered with status ${failure.status}`}${details}`,
				description:
					failure.status >= 500
						? 'SendKit could not process the request. Try again later.'
						: undefined,
			};
	}
};

export const sendKit: Platform = {
	name: 'SendKit',
	credentialName: 'sendKitApi',
	secretFields: ['apiKey'],
	baseUrl: credentialBaseUrl,
	baseUrlExpression: credentialBaseUrlExpression(),
	explainError,
	// Reads, updates and deletes can be repeated; creates, retrains (10 credits), generated
	// replies (3 credits), uploads and processing cannot.
	isRetrySafe: (request) => ['GET', 'PATCH', 'DELETE', 'PUT'].includes(request.method ?? 'GET'),
};
