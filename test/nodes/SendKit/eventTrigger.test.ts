/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- emulator fixtures, not secrets */
import { createHmac, randomBytes } from 'crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EmulatorServer } from '../../emulators/kit';
import {
	sendKitDelivery,
	type SendKitDeliveryFlaw,
	type SignatureFormat,
} from '../../emulators/sendkit';
import { captureLogs } from '../../harness/logs';
import { HookedTrigger } from '../../harness/runHook';
import { WebhookTrigger, type WebhookOutcome } from '../../harness/runWebhook';
import { byId, usePlatform } from '../setup';
import { sendKit } from './setup';

const NODE_KEY = 'node:Trigger under test';
const positiveReply = {
	leadId: 'lead_1a2b3c',
	email: 'jane@acme.example',
	campaignId: 'camp_42',
	reply: 'Sounds great, can we talk on Thursday?',
};

describe('SendKit Event Trigger', () => {
	const { emulator, credentials, run } = usePlatform(sendKit);

	// n8n's side: a local server at the trigger's URL that hands each delivery to the trigger's
	// webhook() through n8n-core's WebhookContext, and answers what the trigger answered.
	const n8n = new EmulatorServer();
	let listening: WebhookTrigger | undefined;
	const outcomes: WebhookOutcome[] = [];
	beforeAll(async () => {
		for (const kind of ['webhook', 'webhook-test']) {
			n8n.route('POST', `/${kind}/:webhookId/webhook`, async (request) => {
				if (!listening) return { status: 404, json: { message: 'not registered' } };
				const outcome = await listening.deliver({
					headers: request.headers as Record<string, string>,
					rawBody: request.rawBody,
				});
				outcomes.push(outcome);
				return { status: outcome.status ?? 200, json: { message: 'Workflow was started' } };
			});
		}
		await n8n.start();
	});
	afterAll(async () => await n8n.stop());
	beforeEach(() => {
		listening = undefined;
		outcomes.length = 0;
	});

	const parametersOf = (parameters: INodeParameters = {}): INodeParameters => ({
		events: ['email.positive_reply'],
		otherEvents: '',
		options: {},
		...parameters,
	});

	/** The trigger as n8n activates and deactivates it, at n8n's URL (or another base URL). */
	function eventTrigger(parameters: INodeParameters = {}, baseUrl = n8n.url) {
		return new HookedTrigger('sendKitEventTrigger', parametersOf(parameters), credentials(), {
			webhookBaseUrl: `${baseUrl}/webhook`,
			webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		});
	}

	/** The same trigger receiving deliveries, with the static data its activation left. */
	function listen(trigger: HookedTrigger, parameters: INodeParameters = {}): WebhookTrigger {
		listening = new WebhookTrigger(
			'sendKitEventTrigger',
			{ ...trigger.parameters, ...parameters },
			credentials(),
		);
		listening.staticData = trigger.staticData;
		return listening;
	}

	const registrationOf = (trigger: HookedTrigger) =>
		(trigger.staticData[NODE_KEY] ?? {}) as { webhookId?: string; webhookSecret?: string };
	const requestLines = () =>
		emulator.requests.map((request) => `${request.method} ${request.path}`);
	const mine = (trigger: HookedTrigger) =>
		[...emulator.webhooks.values()].filter((webhook) => webhook.url === trigger.url);

	describe('activation: checkExists, then create', () => {
		it('registers its URL once, for its events, with a secret it generates and keeps with the webhook ID', async () => {
			const trigger = eventTrigger();

			expect(await trigger.activate()).toBe('created');

			expect(requestLines()).toEqual(['GET /v1/webhooks', 'POST /v1/webhooks']);
			expect(emulator.requests[0].query).toEqual({ page: '1', limit: '100' });
			const sent = emulator.requests[1].body as IDataObject;
			expect(sent).toEqual({
				name: 'n8n: Test workflow › Trigger under test',
				url: trigger.url,
				events: ['email.positive_reply'],
				secret: expect.stringMatching(/^[0-9a-f]{64}$/),
			});
			const [webhook] = mine(trigger);
			expect(registrationOf(trigger)).toEqual({
				webhookId: webhook._id,
				webhookSecret: sent.secret,
			});
			expect(webhook).toMatchObject({ secret: sent.secret, status: 'active' });
		});

		it('activating again (publishing again, restarting n8n) reuses the webhook: one list, no second create, no change', async () => {
			const trigger = eventTrigger();
			await trigger.activate();
			emulator.clearRequests();

			expect(await trigger.activate()).toBe('reused');
			expect(await trigger.activate()).toBe('reused');

			expect(requestLines()).toEqual(['GET /v1/webhooks', 'GET /v1/webhooks']);
			expect(mine(trigger)).toHaveLength(1);
		});

		it('reuses the webhook registered for its URL when its static data is gone, with the secret SendKit shows', async () => {
			const first = eventTrigger();
			await first.activate();
			const again = eventTrigger();

			expect(await again.activate()).toBe('reused');

			expect(requestLines().filter((line) => line.startsWith('POST'))).toHaveLength(1);
			expect(registrationOf(again)).toEqual(registrationOf(first));
		});

		it('gives that webhook a new secret when neither the list nor the static data has one', async () => {
			// Depends on an assumption: a control of the emulator; SendKit's list items are not spelled out.
			emulator.listShowsSecrets = false;
			const trigger = eventTrigger();
			const registeredElsewhere = emulator.addWebhook({
				url: trigger.url,
				events: ['email.positive_reply'],
			});
			const before = registeredElsewhere.secret;

			expect(await trigger.activate()).toBe('reused');

			const patch = emulator.requests[1];
			expect([patch.method, patch.path]).toEqual([
				'PATCH',
				`/v1/webhooks/${registeredElsewhere._id}`,
			]);
			expect(patch.body).toEqual({ secret: expect.stringMatching(/^[0-9a-f]{64}$/) });
			expect(registeredElsewhere.secret).not.toBe(before);
			expect(registrationOf(trigger).webhookSecret).toBe(registeredElsewhere.secret);
		});

		it("brings the webhook's events in line when the node's events changed", async () => {
			const trigger = eventTrigger();
			await trigger.activate();
			emulator.clearRequests();
			trigger.parameters = parametersOf({
				events: ['email.replied', 'email.positive_reply'],
				otherEvents: 'lead.created',
			});

			expect(await trigger.activate()).toBe('reused');

			expect(requestLines()).toEqual([
				'GET /v1/webhooks',
				`PATCH /v1/webhooks/${registrationOf(trigger).webhookId}`,
			]);
			expect(emulator.requests[1].body).toEqual({
				events: ['email.replied', 'email.positive_reply', 'lead.created'],
			});
			expect(mine(trigger)[0].events).toEqual([
				'email.replied',
				'email.positive_reply',
				'lead.created',
			]);
		});

		it('finds its webhook on a later page of the list', async () => {
			for (let index = 0; index < 130; index++)
				emulator.addWebhook({ name: `Hook ${index}`, url: `https://hooks.example.com/${index}` });
			const trigger = eventTrigger();
			await trigger.activate();
			emulator.clearRequests();

			expect(await eventTrigger().activate()).toBe('reused');

			expect(emulator.requests.map((request) => request.query.page)).toEqual(['1', '2']);
			expect(mine(trigger)).toHaveLength(1);
		});

		it('sets other webhooks for its URL inactive, so that no event is delivered twice', async () => {
			const trigger = eventTrigger();
			await trigger.activate();
			const byHand = emulator.addWebhook({ url: trigger.url, events: ['email.positive_reply'] });

			expect(await trigger.activate()).toBe('reused');

			expect(byHand.status).toBe('inactive');
			expect(mine(trigger).filter((webhook) => webhook.status === 'active')).toEqual([
				expect.objectContaining({ _id: registrationOf(trigger).webhookId }),
			]);
		});

		it('leaves other webhooks of the workspace alone', async () => {
			const [crm] = emulator.seed().webhooks;
			const before = { ...emulator.webhooks.get(crm) };
			const trigger = eventTrigger();

			await trigger.activate();
			await trigger.deactivate();

			expect(emulator.webhooks.get(crm)).toEqual(before);
		});

		it('registers the test URL ("Listen for test event") as a webhook of its own, reused the next time', async () => {
			const trigger = eventTrigger();

			expect(await trigger.activate({ mode: 'manual' })).toBe('created');
			await trigger.deactivate({ mode: 'manual' });
			expect(await trigger.activate({ mode: 'manual' })).toBe('reused');

			const [webhook] = [...emulator.webhooks.values()];
			expect(webhook.url).toBe(trigger.testUrl);
			expect(emulator.webhooks.size).toBe(1);
		});

		it("sets the webhook it registered before inactive when n8n's URL changed, then registers the new URL", async () => {
			const before = eventTrigger({}, 'http://127.0.0.1:5678');
			await before.activate();
			const oldId = registrationOf(before).webhookId!;
			const after = eventTrigger({}, 'http://127.0.0.1:5690');
			after.staticData = before.staticData;

			expect(await after.activate()).toBe('created');

			expect(emulator.webhooks.get(oldId)?.status).toBe('inactive');
			expect(mine(after)).toEqual([expect.objectContaining({ status: 'active' })]);
			expect(registrationOf(after).webhookId).not.toBe(oldId);
		});
	});

	describe('deactivation: delete', () => {
		it('sets the webhook inactive and keeps its ID and secret, so the next activation turns it on again', async () => {
			const trigger = eventTrigger();
			await trigger.activate();
			const registration = registrationOf(trigger);
			emulator.clearRequests();

			expect(await trigger.deactivate()).toBe(true);
			expect(requestLines()).toEqual([`PATCH /v1/webhooks/${registration.webhookId}`]);
			expect(emulator.requests[0].body).toEqual({ status: 'inactive' });
			expect(mine(trigger)[0].status).toBe('inactive');
			expect(registrationOf(trigger)).toEqual(registration);

			emulator.clearRequests();
			expect(await trigger.activate()).toBe('reused');
			expect(emulator.requests[1].body).toEqual({ status: 'active' });
			expect(mine(trigger)).toEqual([expect.objectContaining({ status: 'active' })]);
		});

		it.each([
			['refuses to change the status (400)', 'refused' as const, /status cannot be changed/],
			['answers 200 but keeps the status', 'ignored' as const, /kept its status "active"/],
		])(
			'leaves the webhook and says once in the log that it must be removed in SendKit, when SendKit %s',
			async (_case, statusUpdates, reason) => {
				// Depends on an assumption: whether SendKit takes `status` is undocumented (both answers tested).
				const trigger = eventTrigger();
				await trigger.activate();
				emulator.statusUpdates = statusUpdates;

				const { result, logged } = await captureLogs(async () => await trigger.deactivate());

				expect(result).toBe(false);
				const warnings = logged.filter(([level]) => level === 'warn');
				expect(warnings).toHaveLength(1);
				expect(String(warnings[0][1])).toMatch(reason);
				expect(String(warnings[0][1])).toMatch(
					new RegExp(
						`could not set SendKit webhook ${registrationOf(trigger).webhookId} \\(${trigger.url}\\) inactive.*remove it in SendKit`,
					),
				);
				expect(mine(trigger)[0].status).toBe('active');
			},
		);

		it('takes a webhook that no longer exists at SendKit (404) as removed, and forgets it', async () => {
			const trigger = eventTrigger();
			await trigger.activate();
			emulator.webhooks.delete(registrationOf(trigger).webhookId!);

			expect(await trigger.deactivate()).toBe(true);
			expect(registrationOf(trigger)).toEqual({});
		});

		it('sends nothing when it registered no webhook', async () => {
			expect(await eventTrigger().deactivate()).toBe(true);
			expect(emulator.requests).toEqual([]);
		});

		it('fails activation, saying what to do, when SendKit keeps its webhook inactive', async () => {
			const trigger = eventTrigger();
			await trigger.activate();
			await trigger.deactivate();
			emulator.statusUpdates = 'ignored';

			await expect(trigger.activate()).rejects.toMatchObject({
				message: `SendKit kept webhook ${registrationOf(trigger).webhookId} for this trigger's URL inactive`,
				description: expect.stringMatching(/Activate the webhook in SendKit/),
			});
		});
	});

	describe('activation errors a user can act on', () => {
		it.each([
			[
				402,
				{ error: 'Error', message: 'Insufficient credits', code: 402 },
				'Not enough credits (402)',
			],
			[
				403,
				{
					error: 'Forbidden',
					message: "You don't have permission to access this resource",
					code: 403,
				},
				"You don't have permission to access this resource (403)",
			],
			[
				409,
				{
					error: 'Conflict',
					message: 'The request conflicts with the current state of the resource',
					code: 409,
					details: 'Resource already exists',
				},
				'The request conflicts with the current state of the resource (409) (Resource already exists)',
			],
		])(
			'a %i from SendKit says the webhook could not be registered, and why',
			async (status, json, words) => {
				// Depends on an assumption: SendKit does not document these answers for webhooks.
				emulator.injectFault({
					kind: 'status',
					status,
					json,
					method: 'POST',
					path: /^\/v1\/webhooks$/,
				});
				const trigger = eventTrigger();

				const failure = trigger.activate();

				await expect(failure).rejects.toMatchObject({
					name: 'NodeApiError',
					httpCode: String(status),
					message: `SendKit Event Trigger could not register the webhook at SendKit: ${words}`,
				});
				expect(registrationOf(trigger)).toEqual({});
				// A create is not repeated: nothing may be registered twice.
				expect(requestLines().filter((line) => line === 'POST /v1/webhooks')).toHaveLength(1);
			},
		);

		it("explains a 403 with the credential's Workspace ID", async () => {
			emulator.injectFault({
				kind: 'status',
				status: 403,
				method: 'GET',
				path: /^\/v1\/webhooks$/,
			});

			await expect(eventTrigger().activate()).rejects.toMatchObject({
				message: expect.stringMatching(
					/^SendKit Event Trigger could not list the webhooks at SendKit: .*\(403\)$/,
				),
				description: expect.stringMatching(/Workspace ID/),
			});
		});

		it('says the API key was refused (401) when listing', async () => {
			const trigger = new HookedTrigger(
				'sendKitEventTrigger',
				parametersOf(),
				credentials({ apiKey: 'sk_wrong_key_123' }),
			);

			await expect(trigger.activate()).rejects.toMatchObject({
				message:
					'SendKit Event Trigger could not list the webhooks at SendKit: The API key was refused (401)',
			});
		});

		it('refuses a platform key without a Workspace ID before any request', async () => {
			const trigger = new HookedTrigger(
				'sendKitEventTrigger',
				parametersOf(),
				credentials({ apiKey: 'sk_user_platform_1', workspaceId: '' }),
			);

			await expect(trigger.activate()).rejects.toMatchObject({
				name: 'NodeOperationError',
				message: "The credential has a platform key (sk_user_…) but no 'Workspace ID'",
			});
			expect(emulator.requests).toEqual([]);
		});
	});

	describe('deliveries', () => {
		async function activated(parameters: INodeParameters = {}) {
			const trigger = eventTrigger(parameters);
			await trigger.activate();
			listen(trigger);
			return trigger;
		}

		it('a delivery SendKit signs starts one execution with its body, the event and receivedAt', async () => {
			await activated();

			const sent = await emulator.deliverEvent('email.positive_reply', positiveReply);

			expect(sent).toEqual([expect.objectContaining({ status: 200, delivered: true })]);
			expect(outcomes).toHaveLength(1);
			expect(outcomes[0].items).toEqual([
				{
					event: 'email.positive_reply',
					timestamp: expect.any(String),
					data: positiveReply,
					receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				},
			]);
		});

		it.each<SignatureFormat>(['hex', 'base64', 'sha256=hex', 'sha256=base64'])(
			'accepts the signature written as %s',
			async (format) => {
				// Depends on an assumption: SendKit documents neither the encoding nor a prefix.
				await activated();
				emulator.signatureFormat = format;

				const [sent] = await emulator.deliverEvent('email.positive_reply', positiveReply);

				expect(sent.status).toBe(200);
				expect(outcomes[0].items).toHaveLength(1);
			},
		);

		it.each<SendKitDeliveryFlaw>(['unsigned', 'wrongSecret', 'tampered'])(
			'answers 401 and starts nothing for a %s delivery',
			async (flaw) => {
				await activated();

				const [sent] = await emulator.deliverEvent('email.positive_reply', positiveReply, { flaw });

				expect(sent).toMatchObject({ status: 401, delivered: false });
				expect(outcomes[0].items).toBeUndefined();
			},
		);

		it('answers a test delivery 200 and starts nothing; with Pass On Test Deliveries it starts one', async () => {
			const trigger = await activated();
			const webhookId = registrationOf(trigger).webhookId!;
			const sendTest = async () =>
				await run({ resource: 'webhook', operation: 'sendTest', webhookId: byId(webhookId) });

			const ignored = await sendTest();
			listen(trigger, { options: { passOnTestDeliveries: true } });
			const passedOn = await sendTest();

			expect(ignored.items[0].json).toEqual({ statusCode: 200, delivered: true });
			expect(outcomes[0].items).toBeUndefined();
			expect(passedOn.items[0].json).toEqual({ statusCode: 200, delivered: true });
			expect(outcomes[1].items).toEqual([
				expect.objectContaining({ event: 'test', data: expect.objectContaining({ webhookId }) }),
			]);
		});

		it('answers an event it does not listen to 200 and starts nothing', async () => {
			const trigger = await activated();
			mine(trigger)[0].events.push('email.opened');

			const [sent] = await emulator.deliverEvent('email.opened', { leadId: 'lead_1' });

			expect(sent.status).toBe(200);
			expect(outcomes[0].items).toBeUndefined();
		});

		it('takes the event from X-Webhook-Event, or from the body without that header', async () => {
			const trigger = await activated({ otherEvents: 'lead.created' });
			const secret = registrationOf(trigger).webhookSecret!;
			const delivery = sendKitDelivery(secret, 'lead.created', { leadId: 'lead_9' });
			delete delivery.headers['x-webhook-event'];

			const outcome = await listening!.deliver(delivery);

			expect(outcome.items).toEqual([expect.objectContaining({ event: 'lead.created' })]);
		});

		it('refuses every delivery while it has no secret (never activated), and says how to fix it', async () => {
			const unregistered = new WebhookTrigger('sendKitEventTrigger', parametersOf(), credentials());

			const outcome = await unregistered.deliver(
				sendKitDelivery(randomBytes(32).toString('hex'), 'email.positive_reply', positiveReply),
			);

			expect(outcome.status).toBe(401);
			expect(String(outcome.responseBody)).toMatch(/deactivate and activate the workflow again/);
		});

		it('never puts the secret in a log, an answer or an item, through a whole lifecycle', async () => {
			const { logged } = await captureLogs(async () => {
				const trigger = await activated();
				await emulator.deliverEvent('email.positive_reply', positiveReply);
				await emulator.deliverEvent('email.positive_reply', positiveReply, { flaw: 'wrongSecret' });
				trigger.parameters = parametersOf({ otherEvents: 'lead.updated' });
				await eventTrigger(trigger.parameters).activate();
				emulator.statusUpdates = 'refused';
				await trigger.deactivate();
				return trigger;
			});

			const [webhook] = [...emulator.webhooks.values()];
			expect(logged.length).toBeGreaterThan(0);
			expect(JSON.stringify(logged)).not.toContain(webhook.secret);
			expect(JSON.stringify(outcomes)).not.toContain(webhook.secret);
		});

		it('never accepts a delivery it did not sign, over 1,000 generated ones', async () => {
			const trigger = await activated();
			const secret = registrationOf(trigger).webhookSecret!;
			// A seeded generator, so a failure can be reproduced.
			let seed = 20261201;
			const random = () => {
				seed = (seed * 1103515245 + 12345) & 0x7fffffff;
				return seed / 0x7fffffff;
			};
			const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
			let accepted = 0;
			for (let index = 0; index < 1000; index++) {
				const rawBody = Buffer.from(
					JSON.stringify({ event: 'email.positive_reply', data: { n: index, r: random() } }),
				);
				const digest = createHmac('sha256', secret).update(rawBody).digest();
				const genuine = pick([
					digest.toString('hex'),
					digest.toString('base64'),
					`sha256=${digest.toString('hex')}`,
					`sha256=${digest.toString('base64')}`,
				]);
				const mode = Math.floor(random() * 5);
				// 0: genuine; 1: one character changed; 2: another secret; 3: another body; 4: junk
				const flipAt = Math.floor(random() * genuine.length);
				const flipped =
					genuine.slice(0, flipAt) +
					(genuine[flipAt] === 'a' ? 'b' : 'a') +
					genuine.slice(flipAt + 1);
				const signature =
					mode === 0
						? genuine
						: mode === 1
							? flipped
							: mode === 2
								? createHmac('sha256', randomBytes(32).toString('hex'))
										.update(rawBody)
										.digest('hex')
								: mode === 3
									? createHmac('sha256', secret)
											.update(Buffer.concat([rawBody, Buffer.from(' ')]))
											.digest('hex')
									: pick(['', 'sha256=', 'x'.repeat(64), randomBytes(48).toString('base64')]);
				const outcome = await listening!.deliver({
					headers: {
						'content-type': 'application/json',
						'x-webhook-event': 'email.positive_reply',
						'x-webhook-signature': signature,
					},
					rawBody,
				});
				// A changed character still carries the MAC only where base64 has bits that decode to
				// nothing (the last character before '='): that is the same signature, not a forgery.
				const carriesMac = (text: string) => {
					const bare = text.replace(/^sha256=/, '');
					const bytes = /^[0-9a-f]+$/.test(bare)
						? Buffer.from(bare, 'hex')
						: Buffer.from(bare, 'base64');
					return bytes.equals(digest);
				};
				const shouldPass = mode === 0 || (mode === 1 && carriesMac(flipped));
				expect([index, outcome.status === undefined]).toEqual([index, shouldPass]);
				if (outcome.status === undefined) accepted++;
			}
			expect(accepted).toBeGreaterThan(150);
		});
	});
});
