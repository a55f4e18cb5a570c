/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- emulator fixtures, not secrets */
import { createHmac } from 'crypto';

import { EmulatorServer, type EmulatorRequest } from '../../emulators/kit';
import { captureLogs } from '../../harness/logs';
import { searchList } from '../../harness/listSearch';
import { byId, usePlatform } from '../setup';
import { seen, sendKit } from './setup';

const OWN_SECRET = 'whsec_test_own_signing_secret_0001';

describe('SendKit › Webhook', () => {
	const { emulator, run, credentials } = usePlatform(sendKit);

	describe('Create', () => {
		it('registers the URL for the events picked and typed, once each, and outputs the webhook without its secret', async () => {
			const { items, error } = await run({
				resource: 'webhook',
				operation: 'create',
				name: 'CRM Sync',
				url: 'https://crm.example.com/webhooks/sendkit',
				events: ['email.positive_reply', 'email.replied'],
				otherEvents: 'lead.created, email.replied',
				additionalFields: { retryAttempts: 5, timeoutMs: 15000 },
				options: {},
			});

			expect(error).toBeUndefined();
			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: '/v1/webhooks',
					body: {
						name: 'CRM Sync',
						url: 'https://crm.example.com/webhooks/sendkit',
						events: ['email.positive_reply', 'email.replied', 'lead.created'],
						retryAttempts: 5,
						timeoutMs: 15000,
					},
				},
			]);
			const [webhook] = emulator.webhooks.values();
			expect(items.map((item) => item.json)).toEqual([
				expect.objectContaining({
					_id: webhook._id,
					name: 'CRM Sync',
					status: 'active',
					retryAttempts: 5,
				}),
			]);
			expect(items[0].json).not.toHaveProperty('secret');
			expect(JSON.stringify(items)).not.toContain(webhook.secret);
			expect(items[0].pairedItem).toEqual({ item: 0 });
		});

		it("shows the secret SendKit generated when 'Include Secret' is on", async () => {
			const { items } = await run({
				resource: 'webhook',
				operation: 'create',
				name: 'CRM Sync',
				url: 'https://crm.example.com/webhooks/sendkit',
				events: ['email.replied'],
				additionalFields: {},
				options: { includeSecret: true },
			});

			expect(items[0].json.secret).toMatch(/^[0-9a-f]{64}$/);
			expect(items[0].json.secret).toBe([...emulator.webhooks.values()][0].secret);
		});

		it('sends a secret of your own, and keeps it out of the output and the logs', async () => {
			const { result, logged } = await captureLogs(
				async () =>
					await run({
						resource: 'webhook',
						operation: 'create',
						name: 'CRM Sync',
						url: 'https://crm.example.com/webhooks/sendkit',
						events: ['email.replied'],
						additionalFields: { secret: OWN_SECRET },
						options: {},
					}),
			);

			expect(seen(emulator)[0].body).toMatchObject({ secret: OWN_SECRET });
			expect(JSON.stringify(result.items)).not.toContain(OWN_SECRET);
			expect(JSON.stringify(logged)).not.toContain(OWN_SECRET);
		});

		it('takes event names SendKit does not list as text only', async () => {
			const { error } = await run({
				resource: 'webhook',
				operation: 'create',
				name: 'Leads',
				url: 'https://crm.example.com/webhooks/leads',
				events: [],
				otherEvents: 'lead.created\nlead.deleted',
				additionalFields: {},
				options: {},
			});

			expect(error).toBeUndefined();
			expect(seen(emulator)[0].body).toMatchObject({ events: ['lead.created', 'lead.deleted'] });
		});

		it.each([
			[{ events: [], otherEvents: '' }, "'Events' and 'Other Events' are both empty [item 0]"],
			[
				{ events: ['email.replied'], otherEvents: 'email replied' },
				`'Other Events' has an event name with a space in it: "email replied" [item 0]`,
			],
			[
				{ events: ['email.replied'], additionalFields: { retryAttempts: 11 } },
				"'Retry Attempts' must be a whole number from 0 to 10, not 11 [item 0]",
			],
			[
				{ events: ['email.replied'], additionalFields: { timeoutMs: 999 } },
				"'Timeout (Milliseconds)' must be a whole number from 1000 to 30000, not 999 [item 0]",
			],
			[{ events: ['email.replied'], url: 'crm.example.com/hook' }, /'URL' is not a valid URL/],
			[{ events: ['email.replied'], name: '  ' }, "'Name' is empty [item 0]"],
		])('refuses %j before any request', async (change, message) => {
			const { error } = await run({
				resource: 'webhook',
				operation: 'create',
				name: 'CRM Sync',
				url: 'https://crm.example.com/webhooks/sendkit',
				otherEvents: '',
				additionalFields: {},
				options: {},
				...change,
			});

			expect(error?.message).toMatch(message);
			expect(emulator.requests).toEqual([]);
		});

		it("shows SendKit's words for a refused webhook (400 with details)", async () => {
			// Depends on an assumption: the 400 body names the refused field in `details`.
			emulator.injectFault({
				kind: 'status',
				status: 400,
				method: 'POST',
				path: /^\/v1\/webhooks$/,
				json: {
					error: 'Bad Request',
					message: 'The request was invalid',
					code: 400,
					details: 'url is not reachable',
				},
			});

			const { error } = await run({
				resource: 'webhook',
				operation: 'create',
				name: 'CRM Sync',
				url: 'https://crm.example.com/webhooks/sendkit',
				events: ['email.replied'],
				additionalFields: {},
				options: {},
			});

			expect(error).toMatchObject({ httpCode: '400' });
			expect(error?.message).toBe('The request was invalid (url is not reachable)');
		});
	});

	describe('Get', () => {
		it('gets a webhook by its encoded ID, without its secret', async () => {
			const [id] = emulator.seed().webhooks;
			const { secret } = emulator.webhooks.get(id)!;

			const { items } = await run({
				resource: 'webhook',
				operation: 'get',
				webhookId: byId(id),
				options: {},
			});

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: `/v1/webhooks/${id}`, body: undefined },
			]);
			expect(items[0].json).toMatchObject({ _id: id, name: 'CRM Sync', status: 'active' });
			expect(items[0].json).not.toHaveProperty('secret');
			expect(JSON.stringify(items)).not.toContain(secret);
		});

		it("shows the secret with 'Include Secret'", async () => {
			const [id] = emulator.seed().webhooks;

			const { items } = await run({
				resource: 'webhook',
				operation: 'get',
				webhookId: byId(id),
				options: { includeSecret: true },
			});

			expect(items[0].json.secret).toBe(emulator.webhooks.get(id)!.secret);
		});

		it('fails with 404 for an unknown webhook, saying so', async () => {
			const { error } = await run({
				resource: 'webhook',
				operation: 'get',
				webhookId: byId('000000000000000000000000'),
				options: {},
			});

			expect(error).toMatchObject({ httpCode: '404' });
			expect(error?.message).toBe('Webhook not found (404)');
		});
	});

	describe('Get Many', () => {
		const addMany = (count: number) =>
			Array.from(
				{ length: count },
				(_, index) =>
					emulator.addWebhook({ name: `Hook ${index}`, url: `https://hooks.example.com/${index}` })
						._id,
			);

		it('reads every page at 100 a page until the last one, with Return All', async () => {
			const ids = addMany(250);

			const { items } = await run({
				resource: 'webhook',
				operation: 'getAll',
				returnAll: true,
				options: {},
			});

			expect(emulator.requests.map((request) => request.query)).toEqual([
				{ page: '1', limit: '100' },
				{ page: '2', limit: '100' },
				{ page: '3', limit: '100' },
			]);
			expect(items.map((item) => item.json._id)).toEqual(ids);
			expect(items.some((item) => 'secret' in item.json)).toBe(false);
			expect(items.every((item) => item.pairedItem !== undefined)).toBe(true);
		});

		it('asks for no more than the Limit, one page size for every page', async () => {
			const ids = addMany(250);

			const { items } = await run({
				resource: 'webhook',
				operation: 'getAll',
				returnAll: false,
				limit: 150,
				options: {},
			});

			expect(emulator.requests.map((request) => request.query)).toEqual([
				{ page: '1', limit: '100' },
				{ page: '2', limit: '100' },
			]);
			expect(items.map((item) => item.json._id)).toEqual(ids.slice(0, 150));
		});

		it('stops at the last page SendKit names, and outputs nothing for none', async () => {
			const { items, error } = await run({
				resource: 'webhook',
				operation: 'getAll',
				returnAll: true,
				options: {},
			});

			expect(error).toBeUndefined();
			expect(items).toEqual([]);
			expect(emulator.requests).toHaveLength(1);
		});

		it("includes the secrets and delivery stats with 'Include Secret'", async () => {
			emulator.seed();

			const { items } = await run({
				resource: 'webhook',
				operation: 'getAll',
				returnAll: true,
				options: { includeSecret: true },
			});

			expect(items[0].json).toMatchObject({
				secret: expect.stringMatching(/^[0-9a-f]{64}$/),
				stats: { totalDelivered: 0 },
			});
		});

		it('stops with an error when SendKit answers the same page twice', async () => {
			addMany(3);
			// A service that ignores `page` would otherwise be read for ever.
			emulator.injectFault({
				kind: 'status',
				status: 200,
				method: 'GET',
				path: /^\/v1\/webhooks$/,
				json: {
					success: true,
					data: [{ _id: 'a' }],
					pagination: { total: 3, page: 1, limit: 1, pages: 3 },
				},
			});

			const { error } = await run({
				resource: 'webhook',
				operation: 'getAll',
				returnAll: true,
				options: {},
			});

			expect(error?.message).toBe('The service sent the same page twice');
			expect(emulator.requests).toHaveLength(2);
		});
	});

	describe('Update', () => {
		it('patches only the fields set; events replace the list', async () => {
			const [id] = emulator.seed().webhooks;

			const { items } = await run({
				resource: 'webhook',
				operation: 'update',
				webhookId: byId(id),
				updateFields: {
					events: ['lead.updated'],
					otherEvents: 'lead.created',
					status: 'inactive',
					timeoutMs: 30000,
				},
				options: {},
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'PATCH',
					path: `/v1/webhooks/${id}`,
					body: { events: ['lead.updated', 'lead.created'], status: 'inactive', timeoutMs: 30000 },
				},
			]);
			expect(items[0].json).toMatchObject({
				events: ['lead.updated', 'lead.created'],
				status: 'inactive',
				timeoutMs: 30000,
				url: 'https://crm.example.com/webhooks/sendkit',
			});
			expect(items[0].json).not.toHaveProperty('secret');
		});

		it('leaves the events alone when neither event field is set', async () => {
			const [id] = emulator.seed().webhooks;

			const { error } = await run({
				resource: 'webhook',
				operation: 'update',
				webhookId: byId(id),
				updateFields: { name: 'CRM Sync v2' },
				options: {},
			});

			expect(error).toBeUndefined();
			expect(seen(emulator)[0].body).toEqual({ name: 'CRM Sync v2' });
			expect(emulator.webhooks.get(id)!.events).toEqual(['email.replied', 'email.positive_reply']);
		});

		it('rejects an update that changes nothing, before any request', async () => {
			const { error } = await run({
				resource: 'webhook',
				operation: 'update',
				webhookId: byId('664a1b2c3d4e5f6a7b8c9d11'),
				updateFields: {},
				options: {},
			});

			expect(error?.message).toBe("'Update Fields' is empty [item 0]");
			expect(emulator.requests).toEqual([]);
		});
	});

	describe('Send Test Delivery', () => {
		const receiver = new EmulatorServer();
		const received: EmulatorRequest[] = [];
		beforeAll(async () => {
			receiver.route('POST', '/hook', (request) => {
				received.push(request);
				return { status: 200, json: { ok: true } };
			});
			await receiver.start();
		});
		afterAll(async () => await receiver.stop());
		beforeEach(() => {
			received.length = 0;
		});

		it("has SendKit send a signed test event to the webhook's URL, and outputs what the URL answered", async () => {
			const webhook = emulator.addWebhook({ name: 'n8n', url: `${receiver.url}/hook` });

			const { items } = await run({
				resource: 'webhook',
				operation: 'sendTest',
				webhookId: byId(webhook._id),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'POST', path: `/v1/webhooks/${webhook._id}/test`, body: undefined },
			]);
			expect(items[0].json).toEqual({ statusCode: 200, delivered: true });
			expect(received).toHaveLength(1);
			const [delivery] = received;
			// Depends on an assumption: the emulator signs the raw body, lowercase hex.
			expect(delivery.headers['x-webhook-event']).toBe('test');
			expect(delivery.headers['x-webhook-signature']).toBe(
				createHmac('sha256', webhook.secret).update(delivery.rawBody).digest('hex'),
			);
		});

		it('outputs delivered: false when the URL refuses the delivery', async () => {
			const webhook = emulator.addWebhook({ name: 'n8n', url: `${receiver.url}/missing` });

			const { items } = await run({
				resource: 'webhook',
				operation: 'sendTest',
				webhookId: byId(webhook._id),
			});

			expect(items[0].json).toEqual({ statusCode: 404, delivered: false });
		});
	});

	describe('list search', () => {
		it('finds webhooks by name or URL across all pages', async () => {
			for (let index = 0; index < 120; index++)
				emulator.addWebhook({ name: `Hook ${index}`, url: `https://hooks.example.com/${index}` });
			const crm = emulator.addWebhook({
				name: 'CRM Sync',
				url: 'https://crm.example.com/webhooks/sendkit',
			});

			const byName = await searchList({
				type: 'sendKit',
				method: 'searchWebhooks',
				parameters: { resource: 'webhook', operation: 'get' },
				credentials: credentials(),
				filter: 'crm',
			});

			expect(byName.results).toEqual([
				{ name: 'CRM Sync (https://crm.example.com/webhooks/sendkit)', value: crm._id },
			]);
			expect(emulator.requests.map((request) => request.query.page)).toEqual(['1', '2']);
			expect(JSON.stringify(byName)).not.toContain(crm.secret);
		});
	});
});
