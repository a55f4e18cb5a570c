import type { ChatsbyEmulator } from '../emulators/chatsby';
import { API_KEY, chatsby } from '../nodes/Chatsby/setup';
import { byId } from '../nodes/setup';
import {
	describeFaultMatrix,
	each,
	fails,
	replyBrokeOff,
	replyEndedEarly,
	retried,
	retriedAfterRetryAfter,
	streamAndPageOutcomes,
	unanswered,
	type ExpectedOutcomes,
	type Operation,
} from './matrix';

/**
 * Chatsby's documented error body: `{ error: { type, message, code, param?, status } }`. The
 * types are documented; the codes only for 404, 409 and 422.
 */
// assumed: codes and words of the 401, 403, 429 and 5xx bodies, and the statuses of their types
const VENDOR_ERRORS: Record<
	number,
	{ type: string; message: string; code: string; param?: string }
> = {
	401: {
		type: 'authentication_error',
		message: 'Invalid API key provided.',
		code: 'invalid_api_key',
	},
	403: {
		type: 'forbidden_error',
		message: 'This API key may not do this.',
		code: 'insufficient_permissions',
	},
	404: {
		type: 'not_found_error',
		message: "No agent with id 'agent_x' exists.",
		code: 'resource_not_found',
	},
	409: { type: 'conflict_error', message: 'The source is already processing.', code: 'conflict' },
	422: {
		type: 'validation_error',
		message: 'Text is over 100,000 characters.',
		code: 'validation_error',
		param: 'content',
	},
	429: { type: 'rate_limit_error', message: 'Too many requests.', code: 'rate_limit_exceeded' },
	500: {
		type: 'server_error',
		message: 'Something went wrong on our end.',
		code: 'internal_error',
	},
	502: { type: 'server_error', message: 'Bad gateway.', code: 'bad_gateway' },
	503: { type: 'server_error', message: 'Service unavailable.', code: 'service_unavailable' },
	504: { type: 'server_error', message: 'Gateway timeout.', code: 'gateway_timeout' },
};
const explained = (status: number) => {
	const { type, message, code } = VENDOR_ERRORS[status];
	return `${message} (${type} / ${code})`;
};

/** Sources per seeded agent: two pages at Return All's page size of 100. */
const SOURCES = 150;

// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The operations of the matrix, bound to one emulator. */
function operationsOf(emulator: ChatsbyEmulator) {
	/** The agents or sources the two input items use (set by `prepare`). */
	let ids: string[] = [];
	let agentId = '';
	return {
		create: {
			name: 'Agent › Create',
			kind: 'create',
			target: { method: 'POST', path: /^\/agents$/ },
			itemOf: (request) =>
				['Agent 0', 'Agent 1'].indexOf(String((request.body as { name?: string })?.name)),
			prepare: () => ({
				parameters: {
					resource: 'agent',
					operation: 'create',
					name: '={{ $json.name }}',
					additionalFields: {},
				},
				input: [{ json: { name: 'Agent 0' } }, { json: { name: 'Agent 1' } }],
			}),
			expectResult(outputs, itemIndex) {
				expect(outputs).toHaveLength(1);
				expect(outputs[0].json).toMatchObject({
					id: expect.stringMatching(/^agent_/),
					name: `Agent ${itemIndex}`,
				});
			},
			held: (itemIndex) =>
				[...emulator.agents.values()].filter((agent) => agent.name === `Agent ${itemIndex}`).length,
		},
		read: {
			name: 'Source › Get',
			kind: 'read',
			target: { method: 'GET', path: /^\/sources\/[^/]+$/ },
			itemOf: (request) => ids.indexOf(request.routePath.split('/')[2]),
			prepare() {
				const agent = String(emulator.addAgent('Support').id);
				ids = [
					emulator.addSource(agent, 'website', 'https://acme.com/help', 'trained').id,
					emulator.addSource(agent, 'text', 'Acme Corp offers three plans.', 'trained').id,
				];
				return {
					parameters: { resource: 'source', operation: 'get', sourceId: byId('={{ $json.id }}') },
					input: ids.map((id) => ({ json: { id } })),
				};
			},
			expectResult(outputs, itemIndex) {
				expect(outputs).toHaveLength(1);
				expect(outputs[0].json).toMatchObject({ id: ids[itemIndex], status: 'trained' });
			},
		},
		list: {
			name: 'Source › Get Many (Return All, 2 pages)',
			kind: 'list',
			target: { method: 'GET', path: /^\/agents\/[^/]+\/sources$/ },
			itemOf: (request) => ids.indexOf(request.routePath.split('/')[2]),
			faultedPage: (request) => request.query.cursor !== undefined,
			prepare() {
				ids = [0, 1].map((agentIndex) => {
					const agent = String(emulator.addAgent(`Agent ${agentIndex}`).id);
					for (let i = 0; i < SOURCES; i++) {
						emulator.addSource(agent, 'text', `Fact ${i} of agent ${agentIndex}`, 'trained');
					}
					return agent;
				});
				return {
					parameters: {
						resource: 'source',
						operation: 'getAll',
						agentId: byId('={{ $json.id }}'),
						returnAll: true,
						filters: {},
					},
					input: ids.map((id) => ({ json: { id } })),
				};
			},
			expectResult(outputs, itemIndex) {
				expect(outputs.map((output) => output.json.id)).toEqual(
					[...emulator.sources.values()]
						.filter((source) => source.agent_id === ids[itemIndex])
						.map((source) => source.id),
				);
			},
			pageSize: 100,
			page: (count, nextCursor) => ({
				data: Array.from({ length: count }, (_, i) => ({ id: `src_made${i}`, type: 'text' })),
				has_more: nextCursor !== null,
				next_cursor: nextCursor,
			}),
		},
		stream: {
			name: 'Conversation › Send (streamed)',
			kind: 'stream',
			programmatic: true,
			target: { method: 'POST', path: /^\/conversations$/ },
			itemOf: (request) =>
				['Question 0', 'Question 1'].indexOf(
					String((request.body as { message?: string })?.message),
				),
			prepare() {
				agentId = String(emulator.addAgent('Support').id);
				return {
					parameters: {
						resource: 'conversation',
						operation: 'send',
						agentId: byId(agentId),
						message: '={{ $json.question }}',
						options: { stream: true },
					},
					input: [{ json: { question: 'Question 0' } }, { json: { question: 'Question 1' } }],
				};
			},
			expectResult(outputs, itemIndex) {
				expect(outputs.map((output) => output.json)).toEqual([
					{
						agent_id: agentId,
						message: `Question ${itemIndex}`,
						response: `Our answer to: Question ${itemIndex}`,
						streamed: true,
					},
				]);
			},
		},
	} satisfies Record<string, Operation>;
}

const OPS = ['create', 'read', 'list', 'stream'] as const;
const vendor = (status: number, options: Parameters<typeof fails>[1] = {}) =>
	fails(explained(status), { httpCode: String(status), ...options });

// One row per case. Agent › Create and Conversation › Send are creating POSTs, never repeated
// once Chatsby may have carried them out; the reads are safe to repeat.
// Depends on an assumption: the rows' messages come from the assumed bodies above.
const expected: ExpectedOutcomes<(typeof OPS)[number]> = {
	'401': each(OPS, vendor(401, { description: /API key/, attempts: 2 })),
	'403': each(OPS, vendor(403, { description: /scopes/ })),
	'404': each(OPS, vendor(404, { description: /does not exist/ })),
	'409': each(OPS, vendor(409)),
	'422': each(OPS, vendor(422, { description: /The field concerned is 'content'/ })),
	'429': each(OPS, retriedAfterRetryAfter()),
	'500': each(OPS, vendor(500, { description: /Try again later/ })),
	'502': unanswered(OPS, explained(502), '502'),
	'503': each(OPS, retried()),
	'504': unanswered(OPS, explained(504), '504'),
	reset: unanswered(OPS, 'The connection was closed before the service answered'),
	slow: unanswered(OPS, 'The service did not answer in time'),
	hang: unanswered(OPS, 'The service did not answer in time'),
	malformedJson: {
		...each(OPS, fails('The service answered with a body that is not valid JSON')),
		stream: replyEndedEarly,
	},
	htmlErrorPage: each(OPS, fails('Chatsby answered with status 500', { httpCode: '500' })),
	htmlPage200: each(
		OPS,
		fails('The service answered with a web page instead of data', { description: /Base URL/ }),
	),
	truncated: {
		...unanswered(OPS, 'The connection was closed before the service answered'),
		stream: replyBrokeOff,
	},
	...streamAndPageOutcomes,
};

describe('Chatsby › fault matrix', () => {
	describeFaultMatrix(
		{
			definition: chatsby,
			credential: { webhookSecret: WEBHOOK_SECRET },
			secrets: [API_KEY, WEBHOOK_SECRET],
			errorBody: (status) => ({ error: { ...VENDOR_ERRORS[status], status } }),
			operations: operationsOf,
		},
		expected,
	);
});
