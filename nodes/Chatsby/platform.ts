import {
	describeNetworkFailure,
	messageFromBody,
	shortened,
	type ErrorExplainer,
} from '../shared/errors';
import { credentialBaseUrl, credentialBaseUrlExpression, type Platform } from '../shared/platform';

interface ChatsbyError {
	type?: string;
	message?: string;
	code?: string;
	param?: string;
}

const HINTS: Record<string, string> = {
	authentication_error: "Check the credential's API key (Dashboard → Settings → API Keys).",
	forbidden_error: 'The API key may not do this; check its scopes in the dashboard.',
	not_found_error: 'The ID does not exist for this API key (test keys see only test data).',
	rate_limit_error: "Chatsby is limiting requests. Lower 'Max Requests in Flight' or run later.",
	server_error: 'Chatsby could not process the request. Try again later.',
};

// Chatsby's errors: `{ error: { type, message, code, param, status } }`. The message is for
// people; type and code are stable, so both are shown. A body in another shape (a proxy's, or
// Chatsby's own for an error its reference does not describe) is shown as it is.
const explainError: ErrorExplainer = (failure) => {
	if (failure.status === undefined) return { message: describeNetworkFailure(failure) };
	const error = ((failure.body as { error?: unknown } | undefined)?.error ?? {}) as ChatsbyError;
	const label = [error.type, error.code].filter(Boolean).join(' / ');
	const other = messageFromBody(failure.body);
	const message =
		typeof error.message === 'string'
			? error.message
			: `Chatsby answered with status ${failure.status}${other ? `: ${shortened(other)}` : ''}`;
	const param = error.param ? ` The field concerned is '${error.param}'.` : '';
	return {
		message: label ? `${message} (${label})` : message,
		description: `${HINTS[error.type ?? ''] ?? ''}${param}`.trim() || undefined,
	};
};

export const chatsby: Platform = {
	name: 'Chatsby',
	credentialName: 'chatsbyApi',
	secretFields: ['apiKey', 'webhookSecret'],
	baseUrl: credentialBaseUrl,
	baseUrlExpression: credentialBaseUrlExpression(),
	explainError,
	// Reads and deletes can be repeated; creating agents, sources and conversations (and
	// refreshes, which start a crawl) cannot.
	isRetrySafe: (request) => ['GET', 'DELETE'].includes(request.method ?? 'GET'),
};
