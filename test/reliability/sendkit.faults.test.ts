import type { SendKitEmulator } from '../emulators/sendkit';
import { KEY, sendKit } from '../nodes/SendKit/setup';
import { byId } from '../nodes/setup';
import {
	describeFaultMatrix,
	each,
	fails,
	retried,
	retriedAfterRetryAfter,
	unanswered,
	type ExpectedOutcomes,
	type Operation,
} from './matrix';

/** SendKit's error envelope `{ error, message, code, details? }`, as its reference shows it. */
// assumed: the words of every body but the 403 and 404 ones (documented)
const VENDOR_ERRORS: Record<number, { error: string; message: string; details?: string }> = {
	401: { error: 'Unauthorized', message: 'Invalid or missing API key' },
	403: { error: 'Forbidden', message: "You don't have permission to access this resource" },
	404: { error: 'Not Found', message: 'The requested resource was not found' },
	409: { error: 'Conflict', message: 'An agent with this name already exists' },
	422: { error: 'Unprocessable Entity', message: 'Validation failed', details: 'name is too long' },
	429: { error: 'Too Many Requests', message: 'Rate limit exceeded' },
	500: { error: 'Internal Server Error', message: 'Something went wrong' },
	502: { error: 'Bad Gateway', message: 'Bad gateway' },
	503: { error: 'Service Unavailable', message: 'Service temporarily unavailable' },
	504: { error: 'Gateway Timeout', message: 'Gateway timeout' },
};

/**
 * The operations of the matrix, bound to one emulator. SendKit lists agents without pagination, in
 * one answer for the whole workspace (not per input item): the page cases have no operation here.
 */
function operationsOf(emulator: SendKitEmulator) {
	/** The agents the two input items read (set by `prepare`). */
	let ids: string[] = [];
	return {
		create: {
			name: 'Agent › Create',
			kind: 'create',
			target: { method: 'POST', path: /^\/v1\/agents$/ },
			itemOf: (request) =>
				['Agent 0', 'Agent 1'].indexOf(String((request.body as { name?: string })?.name)),
			prepare: () => ({
				parameters: { resource: 'agent', operation: 'create', name: '={{ $json.name }}' },
				input: [{ json: { name: 'Agent 0' } }, { json: { name: 'Agent 1' } }],
			}),
			expectResult(outputs, itemIndex) {
				expect(outputs).toHaveLength(1);
				expect(outputs[0].json).toMatchObject({
					_id: expect.any(String),
					name: `Agent ${itemIndex}`,
				});
			},
			held: (itemIndex) =>
				[...emulator.agents.values()].filter(
					(agent) => agent.isActive && agent.name === `Agent ${itemIndex}`,
				).length,
		},
		read: {
			name: 'Agent › Get',
			kind: 'read',
			target: { method: 'GET', path: /^\/v1\/agents\/[^/]+$/ },
			itemOf: (request) => ids.indexOf(request.routePath.split('/')[3]),
			prepare() {
				ids = emulator.seed().agents;
				return {
					parameters: { resource: 'agent', operation: 'get', agentId: byId('={{ $json.id }}') },
					input: ids.map((id) => ({ json: { id } })),
				};
			},
			expectResult(outputs, itemIndex) {
				expect(outputs).toHaveLength(1);
				expect(outputs[0].json._id).toBe(ids[itemIndex]);
			},
		},
	} satisfies Record<string, Operation>;
}

/** The operations the request-path rows are checked on. */
const OPS = ['create', 'read'] as const;
const vendor = (status: number, description?: RegExp) =>
	fails(VENDOR_ERRORS[status].message, {
		httpCode: String(status),
		...(description ? { description } : {}),
	});

// One row per case: Agent › Create costs credits and is never repeated once SendKit may have
// carried it out; Agent › Get is free and safe to repeat.
// Depends on an assumption: the rows' messages come from the assumed bodies above.
const expected: ExpectedOutcomes<keyof ReturnType<typeof operationsOf>> = {
	'401': each(
		OPS,
		fails('The API key was refused (401)', {
			httpCode: '401',
			description: /API Key/,
			attempts: 2,
		}),
	),
	'403': each(
		OPS,
		fails(`${VENDOR_ERRORS[403].message} (403)`, {
			httpCode: '403',
			description: /Workspace ID/,
		}),
	),
	'404': {
		create: fails('Not found (404)', { httpCode: '404', description: /Base URL/ }),
		read: fails('Agent not found (404)', { httpCode: '404', description: /agent ID/ }),
	},
	'409': each(OPS, fails(`${VENDOR_ERRORS[409].message} (409)`, { httpCode: '409' })),
	'422': each(OPS, fails('Validation failed (name is too long)', { httpCode: '422' })),
	'429': each(OPS, retriedAfterRetryAfter()),
	'500': each(OPS, vendor(500, /Try again later/)),
	'502': unanswered(OPS, VENDOR_ERRORS[502].message, '502'),
	'503': each(OPS, retried()),
	'504': unanswered(OPS, VENDOR_ERRORS[504].message, '504'),
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
};

describe('SendKit › fault matrix', () => {
	describeFaultMatrix(
		{
			definition: sendKit,
			secrets: [KEY],
			errorBody: (status) => ({ ...VENDOR_ERRORS[status], code: status }),
			operations: operationsOf,
		},
		expected,
	);
});
