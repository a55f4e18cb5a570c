import type { AiChatbotHubEmulator } from '../emulators/aichatbothub';
import { aiChatbotHub, TOKEN } from '../nodes/AiChatbotHub/setup';
import { byId } from '../nodes/setup';
import {
	describeFaultMatrix,
	each,
	fails,
	records,
	retried,
	retriedAfterRetryAfter,
	unanswered,
	type ExpectedOutcomes,
	type Operation,
} from './matrix';

/** AI Chatbot Hub's error body (GPT-trainer's `{ "error": "…" }`), with realistic words. */
// assumed: the body and every message (AI Chatbot Hub documents no error status or body)
const VENDOR_MESSAGES: Record<number, string> = {
	401: 'Unauthorized: invalid API token',
	403: 'Forbidden: this token may not access this chatbot',
	404: 'Chatbot not found',
	409: 'A chatbot with this name is being created',
	422: 'name must be at most 100 characters',
	429: 'Too many requests, slow down',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service temporarily unavailable',
	504: 'Gateway timeout',
};

/** The operations of the matrix, bound to one emulator. */
function operationsOf(emulator: AiChatbotHubEmulator) {
	/** The chatbots the two input items use (set by `prepare`). */
	let ids: string[] = [];
	const seedTwoChatbots = () => {
		const { support, sales } = emulator.seed().chatbots;
		ids = [support, sales];
		return ids.map((id) => ({ json: { id } }));
	};
	return {
		create: {
			name: 'Chatbot › Create',
			kind: 'create',
			target: { method: 'POST', path: /^\/chatbot\/create$/ },
			itemOf: (request) =>
				['Bot 0', 'Bot 1'].indexOf(String((request.body as { name?: string })?.name)),
			prepare: () => ({
				parameters: {
					resource: 'chatbot',
					operation: 'create',
					name: '={{ $json.name }}',
					additionalFields: {},
				},
				input: [{ json: { name: 'Bot 0' } }, { json: { name: 'Bot 1' } }],
			}),
			expectResult(outputs, itemIndex) {
				expect(outputs).toHaveLength(1);
				expect(outputs[0].json).toMatchObject({
					name: `Bot ${itemIndex}`,
					uuid: expect.any(String),
				});
			},
			held: (itemIndex) =>
				[...emulator.chatbots.values()].filter((chatbot) => chatbot.name === `Bot ${itemIndex}`)
					.length,
		},
		read: {
			name: 'Chatbot › Get',
			kind: 'read',
			target: { method: 'GET', path: /^\/chatbot\/[0-9a-f]{32}$/ },
			itemOf: (request) => ids.indexOf(request.routePath.split('/')[2]),
			prepare: () => ({
				parameters: { resource: 'chatbot', operation: 'get', chatbot: byId('={{ $json.id }}') },
				input: seedTwoChatbots(),
			}),
			expectResult(outputs, itemIndex) {
				expect(outputs).toHaveLength(1);
				expect(outputs[0].json.uuid).toBe(ids[itemIndex]);
			},
		},
		// AI Chatbot Hub does not paginate: a list is one bare array.
		list: {
			name: 'Agent › Get Many (Return All; not paginated)',
			kind: 'list',
			target: { method: 'GET', path: /^\/chatbot\/[0-9a-f]{32}\/agents$/ },
			itemOf: (request) => ids.indexOf(request.routePath.split('/')[2]),
			prepare: () => ({
				parameters: {
					resource: 'agent',
					operation: 'getAll',
					chatbot: byId('={{ $json.id }}'),
					returnAll: true,
				},
				input: seedTwoChatbots(),
			}),
			expectResult(outputs, itemIndex) {
				expect(outputs.map((output) => output.json.uuid)).toEqual(
					emulator.agentsOf(ids[itemIndex]).map((agent) => agent.uuid),
				);
			},
			page: (count) => Array.from({ length: count }, (_, i) => ({ uuid: `agent-${i}` })),
		},
	} satisfies Record<string, Operation>;
}

const refused = fails(VENDOR_MESSAGES[401], {
	httpCode: '401',
	description: /API token/,
	attempts: 2,
});
/** The operations the request-path rows are checked on. */
const OPS = ['create', 'read'] as const;

/**
 * One row per case: what Chatbot › Create (a creating POST, never repeated once the service may
 * have carried it out) and Chatbot › Get (a read, safe to repeat) do. AI Chatbot Hub's lists are
 * not paginated: the page cases reduce to an empty list.
 */
// Depends on an assumption: the rows' messages come from the assumed bodies above.
const expected: ExpectedOutcomes<keyof ReturnType<typeof operationsOf>> = {
	'401': each(OPS, refused),
	'403': each(OPS, fails(VENDOR_MESSAGES[403], { httpCode: '403', description: /cannot access/ })),
	'404': each(OPS, fails(VENDOR_MESSAGES[404], { httpCode: '404', description: /does not exist/ })),
	'409': each(OPS, fails(VENDOR_MESSAGES[409], { httpCode: '409' })),
	'422': each(OPS, fails(VENDOR_MESSAGES[422], { httpCode: '422', description: /refused/ })),
	'429': each(OPS, retriedAfterRetryAfter()),
	'500': each(
		OPS,
		fails(VENDOR_MESSAGES[500], { httpCode: '500', description: /Try again later/ }),
	),
	'502': unanswered(OPS, VENDOR_MESSAGES[502], '502'),
	'503': each(OPS, retried()),
	'504': unanswered(OPS, VENDOR_MESSAGES[504], '504'),
	reset: unanswered(OPS, 'The connection was closed before the service answered'),
	slow: unanswered(OPS, 'The service did not answer in time'),
	hang: unanswered(OPS, 'The service did not answer in time'),
	malformedJson: each(OPS, fails('The service answered with a body that is not valid JSON')),
	htmlErrorPage: each(OPS, fails('The service answered with status 500', { httpCode: '500' })),
	htmlPage200: each(
		OPS,
		fails('The service answered with a web page instead of data', { description: /Base URL/ }),
	),
	truncated: unanswered(OPS, 'The connection was closed before the service answered'),
	emptyFirstPage: { list: records(0, 1) },
};

describe('AI Chatbot Hub › fault matrix', () => {
	describeFaultMatrix(
		{
			definition: aiChatbotHub,
			secrets: [TOKEN],
			errorBody: (status) => ({ error: VENDOR_MESSAGES[status] ?? `Status ${status}` }),
			operations: operationsOf,
		},
		expected,
	);
});
