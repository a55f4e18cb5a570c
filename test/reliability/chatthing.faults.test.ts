import { randomUUID } from 'crypto';

import type { ChatThingEmulator } from '../emulators/chatthing';
import { chatThing, SECRET } from '../nodes/ChatThing/setup';
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

/** Chat Thing documents status codes, not its error body; `{ success: false, message }` it is. */
// assumed: the body, and any answer with 401, 409, 422, 502, 503 or 504 (none is documented)
const VENDOR_MESSAGES: Record<number, string> = {
	401: 'Unauthorized',
	403: 'The provided api secret key does not match your channel or the wrong channel id was provided',
	404: 'The channel id is incorrect or the channel is not enabled',
	409: 'A row with this name already exists',
	422: 'The row content is too long',
	429: 'You may of run out of message credits or the ChatGPT API may be overloaded',
	500: 'An error occurred on the server',
	502: 'Bad gateway',
	503: 'Service temporarily unavailable',
	504: 'Gateway timeout',
};

/** Messages per seeded conversation: two pages at Return All's page size of 100. */
const MESSAGES = 150;

// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
const WEBHOOK_SECRET = 'chatthing-webhook-secret-5b7e';

const bodyField = (request: { body: unknown }, field: string) =>
	(request.body as Record<string, unknown> | undefined)?.[field];

/** The operations of the matrix, bound to one emulator. */
function operationsOf(emulator: ChatThingEmulator) {
	/** The data sources or conversations the two input items use (set by `prepare`). */
	let ids: string[] = [];
	return {
		// Row writes run as code, in batches per data source: one data source per item here.
		create: {
			name: 'Data Source Row › Create',
			kind: 'create',
			programmatic: true,
			target: { method: 'POST', path: /\/1\.0\/data-sources\/row$/ },
			itemOf: (request) => ids.indexOf(String(bodyField(request, 'dataSourceId'))),
			prepare() {
				ids = [emulator.addDataSource().id, emulator.addDataSource().id];
				return {
					parameters: {
						resource: 'dataSourceRow',
						operation: 'create',
						dataSourceId: byId('={{ $json.dataSourceId }}'),
						name: '={{ $json.name }}',
						content: '# Opening hours\nMonday to Friday, 9 to 5.',
					},
					input: ids.map((dataSourceId, i) => ({ json: { dataSourceId, name: `row-${i}.md` } })),
				};
			},
			expectResult(outputs, itemIndex) {
				expect(outputs.map((output) => output.json)).toEqual([
					{ dataSourceId: ids[itemIndex], name: `row-${itemIndex}.md`, created: true },
				]);
			},
			held: (itemIndex) =>
				[...(emulator.dataSources.get(ids[itemIndex])?.rows.values() ?? [])].filter(
					(row) => row.name === `row-${itemIndex}.md`,
				).length,
			itemMessage: (message, itemIndex) => `${message} (the batch of item ${itemIndex})`,
		},
		read: {
			name: 'Data Source › Get',
			kind: 'read',
			target: { method: 'GET', path: /\/1\.0\/data-sources$/ },
			itemOf: (request) => ids.indexOf(request.query.dataSourceId),
			prepare() {
				ids = [emulator.addDataSource().id, emulator.addDataSource().id];
				return {
					parameters: {
						resource: 'dataSource',
						operation: 'get',
						dataSourceId: byId('={{ $json.id }}'),
					},
					input: ids.map((id) => ({ json: { id } })),
				};
			},
			expectResult(outputs, itemIndex) {
				expect(outputs).toHaveLength(1);
				expect(outputs[0].json).toMatchObject({ id: ids[itemIndex], type: 'MANUAL' });
			},
		},
		list: {
			name: 'Message › Get Many (Return All, 2 pages)',
			kind: 'list',
			target: { method: 'POST', path: /\/1\.0\/messages$/ },
			itemOf: (request) => ids.indexOf(String(bodyField(request, 'conversationId'))),
			faultedPage: (request) => bodyField(request, 'cursor') !== undefined,
			prepare() {
				ids = [0, 1].map(() => {
					const conversation = emulator.addConversation('');
					while (conversation.messages.length < MESSAGES) {
						conversation.messages.push({
							id: randomUUID(),
							message: `Message ${conversation.messages.length}`,
							role: 'user',
							createdAt: new Date().toISOString(),
						});
					}
					return conversation.id;
				});
				return {
					parameters: {
						resource: 'message',
						operation: 'getAll',
						conversationId: byId('={{ $json.id }}'),
						returnAll: true,
					},
					input: ids.map((id) => ({ json: { id } })),
				};
			},
			expectResult(outputs, itemIndex) {
				expect(outputs.map((output) => output.json.id)).toEqual(
					emulator.conversations.get(ids[itemIndex])!.messages.map((message) => message.id),
				);
			},
			pageSize: 100,
			page: (count, nextCursor) => ({
				success: true,
				messages: Array.from({ length: count }, () => ({
					id: randomUUID(),
					message: 'Hello',
					role: 'user',
					createdAt: new Date().toISOString(),
				})),
				pagination: { total: 1000, last: nextCursor },
			}),
		},
		stream: {
			name: 'Message › Send (one-off, streamed)',
			kind: 'stream',
			programmatic: true,
			target: { method: 'POST', path: /\/1\.0\/message$/ },
			itemOf: (request) =>
				['Question 0', 'Question 1'].indexOf(String(bodyField(request, 'message'))),
			prepare: () => ({
				parameters: {
					resource: 'message',
					operation: 'send',
					conversationMode: 'oneOff',
					message: '={{ $json.question }}',
					options: { stream: true },
				},
				input: [{ json: { question: 'Question 0' } }, { json: { question: 'Question 1' } }],
			}),
			expectResult(outputs, itemIndex) {
				expect(outputs.map((output) => output.json)).toEqual([
					{
						conversationId: expect.any(String),
						response: `You said: Question ${itemIndex}`,
						streamed: true,
					},
				]);
			},
		},
	} satisfies Record<string, Operation>;
}

const OPS = ['create', 'read', 'list', 'stream'] as const;
const vendor = (status: number) =>
	fails(VENDOR_MESSAGES[status], { httpCode: String(status), description: /refused/ });

// One row per case. Row Create and Message Send are creating POSTs (never repeated once the
// service may have carried them out); Data Source Get and the message list (a POST that only
// reads) are safe to repeat. A 429 on /message without Retry-After means no message credits
// (waiting does not help; test/nodes/ChatThing/message.test.ts), with it a rate limit.
// Depends on an assumption: the rows' messages come from the assumed bodies above.
const expected: ExpectedOutcomes<(typeof OPS)[number]> = {
	'401': each(
		OPS,
		fails('The secret key was refused (401)', {
			httpCode: '401',
			description: /Secret Key/,
			attempts: 2,
		}),
	),
	'403': each(
		OPS,
		fails('The secret key does not match the channel, or the channel ID is wrong (403)', {
			httpCode: '403',
			description: /Channel ID/,
		}),
	),
	'404': each(OPS, fails('Not found (404)', { httpCode: '404', description: /does not exist/ })),
	'409': each(OPS, vendor(409)),
	'422': each(OPS, vendor(422)),
	// A 429 with Retry-After is the rate limit, said so: a message gets its one delayed retry too.
	'429': each(OPS, retriedAfterRetryAfter()),
	'500': each(OPS, fails(VENDOR_MESSAGES[500], { httpCode: '500', description: /server/ })),
	'502': unanswered(OPS, VENDOR_MESSAGES[502], '502'),
	'503': each(OPS, retried()),
	'504': unanswered(OPS, VENDOR_MESSAGES[504], '504'),
	reset: unanswered(OPS, 'The connection was closed before the service answered'),
	slow: unanswered(OPS, 'The service did not answer in time'),
	hang: unanswered(OPS, 'The service did not answer in time'),
	malformedJson: {
		...each(OPS, fails('The service answered with a body that is not valid JSON')),
		stream: replyEndedEarly,
	},
	htmlErrorPage: each(OPS, fails('The service answered with status 500', { httpCode: '500' })),
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

describe('Chat Thing › fault matrix', () => {
	describeFaultMatrix(
		{
			definition: chatThing,
			credential: { webhookSecret: WEBHOOK_SECRET },
			secrets: [SECRET, WEBHOOK_SECRET],
			errorBody: (status) => ({
				success: false,
				message: VENDOR_MESSAGES[status] ?? `Status ${status}`,
			}),
			operations: operationsOf,
		},
		expected,
	);
});
