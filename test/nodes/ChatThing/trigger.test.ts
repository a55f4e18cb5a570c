import { createHmac } from 'crypto';

import { chatThingDelivery } from '../../emulators/chatthing';
import { captureLogs } from '../../harness/logs';

import { WebhookTrigger } from '../../harness/runWebhook';
import { CHANNEL, SECRET } from './setup';

const WEBHOOK_SECRET = 'whk-4d1e9b2c7a';

const body = (event: string, extra: object = {}) =>
	Buffer.from(JSON.stringify({ event, dataSourceId: 'd1', ...extra }));
const hmac = (payload: Buffer, encoding: 'hex' | 'base64' = 'hex', secret = WEBHOOK_SECRET) =>
	createHmac('sha256', secret).update(payload).digest(encoding);

function trigger(parameters: object = {}, webhookSecret = WEBHOOK_SECRET) {
	return new WebhookTrigger(
		'chatThingTrigger',
		{
			events: ['syncSuccess', 'syncFailure'],
			verification: 'hmacHex',
			headerName: 'x-chatthing-signature',
			options: {},
			...parameters,
		},
		{
			chatThingApi: {
				channelId: CHANNEL,
				secretKey: SECRET,
				webhookSecret,
				baseUrl: 'http://127.0.0.1:9',
			},
		},
	);
}

// Depends on an assumption: the signature schemes, header and payload (only the secret is known).
describe('Chat Thing Trigger', () => {
	it('starts one execution for a delivery with a valid hex HMAC of the raw body', async () => {
		const payload = body('sync.success');

		const outcome = await trigger().deliver({
			headers: { 'X-ChatThing-Signature': hmac(payload), 'content-type': 'application/json' },
			rawBody: payload,
		});

		expect(outcome.status).toBeUndefined();
		expect(outcome.items).toEqual([
			{ dataSourceId: 'd1', event: 'syncSuccess', receivedAt: expect.any(String) },
		]);
	});

	it.each([
		['unsigned', {}],
		[
			'wrongly signed',
			{ 'x-chatthing-signature': hmac(body('sync.success'), 'hex', 'another-secret') },
		],
		['signed over another body', { 'x-chatthing-signature': hmac(body('sync.failure')) }],
		['signed with a malformed header', { 'x-chatthing-signature': 'not-hex!' }],
	])('answers 401 and starts nothing for a delivery %s', async (_case, headers) => {
		const outcome = await trigger().deliver({ headers, rawBody: body('sync.success') });

		expect(outcome.status).toBe(401);
		expect(outcome.items).toBeUndefined();
		expect(outcome.result.noWebhookResponse).toBe(true);
	});

	it.each(['hmacHex', 'hmacBase64', 'secretHeader'] as const)(
		'accepts an emulator delivery signed with %s and refuses its tampered twin',
		async (scheme) => {
			const parameters = { verification: scheme, headerName: 'x-sig' };
			const good = chatThingDelivery(
				WEBHOOK_SECRET,
				'sync.failure',
				{ dataSourceId: 'd9' },
				{ scheme, header: 'x-sig' },
			);
			const bad = chatThingDelivery(
				WEBHOOK_SECRET,
				'sync.failure',
				{ dataSourceId: 'd9' },
				{ scheme, header: 'x-sig', flaw: scheme === 'secretHeader' ? 'wrongSecret' : 'tampered' },
			);

			expect((await trigger(parameters).deliver(good)).items).toHaveLength(1);
			expect((await trigger(parameters).deliver(bad)).status).toBe(401);
		},
	);

	it('verifies a base64 HMAC behind a prefix when configured so', async () => {
		const payload = body('SYNC_FAILURE');

		const outcome = await trigger({
			verification: 'hmacBase64',
			options: { prefix: 'sha256=' },
		}).deliver({
			headers: { 'x-chatthing-signature': `sha256=${hmac(payload, 'base64')}` },
			rawBody: payload,
		});

		expect(outcome.items?.[0].event).toBe('syncFailure');
	});

	it('verifies the secret itself in a header when configured so', async () => {
		const valid = await trigger({
			verification: 'secretHeader',
			headerName: 'x-webhook-secret',
		}).deliver({
			headers: { 'x-webhook-secret': WEBHOOK_SECRET },
			rawBody: body('sync.success'),
		});
		const invalid = await trigger({
			verification: 'secretHeader',
			headerName: 'x-webhook-secret',
		}).deliver({
			headers: { 'x-webhook-secret': 'guess' },
			rawBody: body('sync.success'),
		});

		expect(valid.items).toHaveLength(1);
		expect(invalid.status).toBe(401);
	});

	it('acknowledges a verified event the user did not choose and starts nothing', async () => {
		const payload = body('conversation.started');

		const outcome = await trigger().deliver({
			headers: { 'x-chatthing-signature': hmac(payload) },
			rawBody: payload,
		});

		expect(outcome.status).toBeUndefined();
		expect(outcome.items).toBeUndefined();
	});

	it('refuses every delivery, saying why, when the credential has no webhook secret', async () => {
		const payload = body('sync.success');

		const outcome = await trigger({}, '').deliver({
			headers: { 'x-chatthing-signature': hmac(payload, 'hex', '') },
			rawBody: payload,
		});

		expect(outcome.status).toBe(401);
		expect(String(outcome.responseBody)).toMatch(/no Webhook Secret/);
	});

	it('logs the headers of a rejected delivery, hiding the signature header and the secret', async () => {
		const { logged: calls } = await captureLogs(() =>
			trigger().deliver({
				headers: {
					'x-chatthing-signature': 'abcd',
					'x-other': 'visible',
					'x-echo': WEBHOOK_SECRET,
				},
				rawBody: body('sync.success'),
			}),
		);
		const logged = JSON.stringify(calls);

		expect(logged).toContain('visible');
		expect(logged).toContain('[hidden, 4 characters]');
		expect(logged).not.toContain(WEBHOOK_SECRET);
	});
});
