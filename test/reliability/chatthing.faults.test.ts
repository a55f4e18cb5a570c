import { randomUUID } from 'crypto';

import { ChatThingEmulator } from '../emulators/chatthing';
import { runNode } from '../harness/runNode';
import { byId, CHANNEL, SECRET } from '../nodes/ChatThing/setup';
import {
	describeFaultMatrix,
	fails,
	notRepeated,
	records,
	retried,
	retriedAfterRetryAfter,
	type ExpectedOutcomes,
	type Operation,
} from './matrix';

/** Chat Thing documents status codes, not its error body; `{ success: false, message }` it is. */
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

const refused = fails('The secret key was refused (401)', {
	httpCode: '401',
	description: /Secret Key/,
	attempts: 2,
});
const forbidden = fails(
	'The secret key does not match the channel, or the channel ID is wrong (403)',
	{ httpCode: '403', description: /Channel ID/ },
);
const notFound = fails('Not found (404)', { httpCode: '404', description: /does not exist/ });
const vendor = (status: number) =>
	fails(VENDOR_MESSAGES[status], { httpCode: String(status), description: /refused/ });
const serverError = fails(VENDOR_MESSAGES[500], { httpCode: '500', description: /server/ });
const notJson = fails('The service answered with a body that is not valid JSON');
const proxyPage = fails('The service answered with status 500', { httpCode: '500' });
const webPage = fails('The service answered with a web page instead of data', {
	description: /Base URL/,
});
const timedOut = notRepeated('The service did not answer in time');

// One row per case. Row Create and Message Send are creating POSTs (never repeated once the
// service may have carried them out); Data Source Get and the message list (a POST that only
// reads) are safe to repeat. A 429 on /message means no message credits: waiting does not help.
const expected: ExpectedOutcomes<keyof ReturnType<typeof operationsOf>> = {
	'401': { create: refused, read: refused, list: refused, stream: refused },
	'403': { create: forbidden, read: forbidden, list: forbidden, stream: forbidden },
	'404': { create: notFound, read: notFound, list: notFound, stream: notFound },
	'409': { create: vendor(409), read: vendor(409), list: vendor(409), stream: vendor(409) },
	'422': { create: vendor(422), read: vendor(422), list: vendor(422), stream: vendor(422) },
	'429': {
		create: retriedAfterRetryAfter(),
		read: retriedAfterRetryAfter(),
		list: retriedAfterRetryAfter(),
		stream: fails('Out of message credits, or the AI service is overloaded (429)', {
			httpCode: '429',
			description: /message credits/,
		}),
	},
	'500': { create: serverError, read: serverError, list: serverError, stream: serverError },
	'502': {
		create: notRepeated(VENDOR_MESSAGES[502], '502'),
		read: retried(),
		list: retried(),
		stream: notRepeated(VENDOR_MESSAGES[502], '502'),
	},
	'503': { create: retried(), read: retried(), list: retried(), stream: retried() },
	'504': {
		create: notRepeated(VENDOR_MESSAGES[504], '504'),
		read: retried(),
		list: retried(),
		stream: notRepeated(VENDOR_MESSAGES[504], '504'),
	},
	reset: {
		create: notRepeated('The connection was closed before the service answered'),
		read: retried(),
		list: retried(),
		stream: notRepeated('The connection was closed before the service answered'),
	},
	slow: { create: timedOut, read: retried(), list: retried(), stream: timedOut },
	hang: { create: timedOut, read: retried(), list: retried(), stream: timedOut },
	malformedJson: {
		create: notJson,
		read: notJson,
		list: notJson,
		// A JSON body where the stream belongs carries no reply events.
		stream: fails('The reply stream ended before it was complete', { partialResponse: true }),
	},
	htmlErrorPage: { create: proxyPage, read: proxyPage, list: proxyPage, stream: proxyPage },
	htmlPage200: { create: webPage, read: webPage, list: webPage, stream: webPage },
	truncated: {
		create: notRepeated('The connection was closed before the service answered'),
		read: retried(),
		list: retried(),
		stream: fails('The reply stream broke off before it was complete', {
			partialResponse: true,
			description: /not sent again/,
		}),
	},
	stalled: {
		stream: fails('The reply stream stopped arriving before it was complete', {
			partialResponse: true,
			description: /Nothing arrived for 1 s.*not sent again/,
		}),
	},
	repeatedCursor: {
		list: fails('The service sent the same page cursor twice', {
			attempts: 2,
			description: /not read further/,
		}),
	},
	emptyFirstPage: { list: records(0, 1) },
	emptyLaterPage: { list: records(100, 1) },
};

describe('Chat Thing › fault matrix', () => {
	describeFaultMatrix(
		{
			name: 'Chat Thing',
			secrets: [SECRET, WEBHOOK_SECRET],
			create: () => new ChatThingEmulator({ channelId: CHANNEL, secretKey: SECRET }),
			start: async (emulator) => await emulator.start(),
			stop: async (emulator) => await emulator.stop(),
			server: (emulator) => emulator.server,
			errorBody: (status) => ({
				success: false,
				message: VENDOR_MESSAGES[status] ?? `Status ${status}`,
			}),
			run: async (emulator, parameters, options) =>
				await runNode({
					type: 'chatThing',
					parameters,
					credentials: {
						chatThingApi: {
							channelId: CHANNEL,
							secretKey: SECRET,
							webhookSecret: WEBHOOK_SECRET,
							baseUrl: emulator.hostUrl,
						},
					},
					...options,
				}),
			operations: operationsOf,
		},
		expected,
	);
});
