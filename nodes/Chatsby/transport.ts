import { describeNetworkFailure, type ErrorExplainer } from '../shared/errors';
import { sendWithLimits, type PlatformRequests, type RequestPlan } from '../shared/requestLimits';

export const CREDENTIAL_NAME = 'chatsbyApi';

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
// people; type and code are stable, so both are shown.
const explainError: ErrorExplainer = (failure) => {
	if (failure.status === undefined) return { message: describeNetworkFailure(failure) };
	const error = ((failure.body as { error?: ChatsbyError } | undefined)?.error ??
		{}) as ChatsbyError;
	const label = [error.type, error.code].filter(Boolean).join(' / ');
	const message = error.message ?? `Chatsby answered with status ${failure.status}`;
	const param = error.param ? ` The field concerned is '${error.param}'.` : '';
	return {
		message: label ? `${message} (${label})` : message,
		description: `${HINTS[error.type ?? ''] ?? ''}${param}`.trim() || undefined,
	};
};

// Reads and deletes can be repeated; creating agents, sources and conversations (and refreshes,
// which start a crawl) cannot.
export const chatsby: PlatformRequests = {
	explainError,
	isRetrySafe: (request) => ['GET', 'DELETE'].includes(request.method ?? 'GET'),
};

export const sendChatsbyRequests = sendWithLimits(chatsby);

export function sendChatsbyRequestsWith(plan: RequestPlan) {
	return sendWithLimits(chatsby, plan);
}
