import { randomBytes } from 'crypto';

import { chatsbyDelivery, type DeliveryFlaw } from '../../emulators/chatsby';
import { captureLogs } from '../../harness/logs';
import { WebhookTrigger } from '../../harness/runWebhook';
import { API_KEY } from './setup';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const trained = {
	id: 'src_xyz456abcd',
	type: 'website',
	status: 'trained',
	agent_id: 'agent_1a2b3c4d5e',
};

function trigger(parameters: object = {}, webhookSecret = SECRET) {
	return new WebhookTrigger(
		'chatsbyTrigger',
		{ events: ['source.trained', 'source.failed'], agentId: '', ...parameters },
		{ chatsbyApi: { apiKey: API_KEY, webhookSecret, baseUrl: 'http://127.0.0.1:9' } },
	);
}

// Depends on an assumption: Chatsby signs as Standard Webhooks do (see chatsbyDelivery).
describe('Chatsby Trigger', () => {
	it('starts one execution with the event data, name and time for a signed delivery', async () => {
		const outcome = await trigger().deliver(chatsbyDelivery(SECRET, 'source.trained', trained));

		expect(outcome.status).toBeUndefined();
		expect(outcome.items).toEqual([
			{
				...trained,
				event: 'source.trained',
				eventTime: expect.any(String),
				deliveryId: expect.stringMatching(/^msg_/),
			},
		]);
	});

	it.each<DeliveryFlaw>(['unsigned', 'wrongSecret', 'stale', 'tampered'])(
		'answers 401 and starts nothing for a %s delivery',
		async (flaw) => {
			const outcome = await trigger().deliver(
				chatsbyDelivery(SECRET, 'source.trained', trained, { flaw }),
			);

			expect(outcome.status).toBe(401);
			expect(outcome.items).toBeUndefined();
		},
	);

	it('answers a delivery it has seen (same webhook-id: a sender retrying) 200 and starts nothing', async () => {
		// Standard Webhooks senders keep the ID when they retry a delivery whose answer was lost; a
		// 401 would count as a failed delivery there and can get the endpoint disabled.
		const watcher = trigger();
		const delivery = chatsbyDelivery(SECRET, 'source.failed', { ...trained, status: 'failed' });

		const first = await watcher.deliver(delivery);
		const { result: retried, logged } = await captureLogs(
			async () => await watcher.deliver(delivery),
		);

		expect(first.items).toHaveLength(1);
		expect(retried.status).toBeUndefined();
		expect(retried.items).toBeUndefined();
		expect(logged).toEqual([
			['debug', expect.stringMatching(/received delivery msg_\S+ again; it starts nothing/)],
		]);
	});

	it('answers a ping 200 and starts nothing', async () => {
		const outcome = await trigger().deliver(chatsbyDelivery(SECRET, 'ping', {}));

		expect(outcome.status).toBeUndefined();
		expect(outcome.items).toBeUndefined();
	});

	it('filters by event and by agent', async () => {
		const onlyFailed = await trigger({ events: ['source.failed'] }).deliver(
			chatsbyDelivery(SECRET, 'source.trained', trained),
		);
		const otherAgent = await trigger({ agentId: 'agent_other00000' }).deliver(
			chatsbyDelivery(SECRET, 'source.trained', trained),
		);
		const sameAgent = await trigger({ agentId: trained.agent_id }).deliver(
			chatsbyDelivery(SECRET, 'source.trained', trained),
		);

		expect(onlyFailed.items).toBeUndefined();
		expect(otherAgent.items).toBeUndefined();
		expect(sameAgent.items).toHaveLength(1);
	});

	it('refuses deliveries without a configured secret and says why, but answers the first ping', async () => {
		const unconfigured = trigger({}, '');

		const delivery = await unconfigured.deliver(chatsbyDelivery(SECRET, 'source.trained', trained));
		const ping = await unconfigured.deliver(
			chatsbyDelivery(SECRET, 'ping', {}, { flaw: 'unsigned' }),
		);

		expect(delivery.status).toBe(401);
		expect(String(delivery.responseBody)).toMatch(/no Webhook Signing Secret/);
		expect(ping.status).toBeUndefined();
		expect(ping.items).toBeUndefined();
	});
});
