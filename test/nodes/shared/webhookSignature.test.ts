/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- published test vectors and fixtures, not secrets */
import { createHmac, randomBytes } from 'crypto';

import {
	seenBefore,
	verifyBodyHmac,
	verifySecretHeader,
	verifyStandardWebhook,
} from '../../../nodes/shared/webhookSignature';

// Standard Webhooks' published test vector (standard-webhooks repository, spec examples).
const VECTOR = {
	secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
	id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
	timestamp: '1614265330',
	body: '{"test": 2432232314}',
	signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const NOW = 1614265330;

function sign(secret: string, id: string, timestamp: string, body: Buffer | string): string {
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64')}`;
}

describe('Standard Webhooks verification', () => {
	const verify = (overrides: Partial<Parameters<typeof verifyStandardWebhook>[0]> = {}) =>
		verifyStandardWebhook({
			secret: VECTOR.secret,
			id: VECTOR.id,
			timestamp: VECTOR.timestamp,
			signature: VECTOR.signature,
			rawBody: Buffer.from(VECTOR.body),
			nowSeconds: NOW,
			...overrides,
		});

	it('accepts the published test vector', () => {
		expect(verify()).toEqual({ valid: true });
	});

	it('accepts a header with several signatures when one of them matches', () => {
		expect(verify({ signature: `v1,AAAA v1a,xyz ${VECTOR.signature}` })).toEqual({ valid: true });
	});

	it('rejects a body changed by one byte', () => {
		expect(verify({ rawBody: Buffer.from(VECTOR.body.replace('2', '3')) }).valid).toBe(false);
	});

	it('rejects a signature made with another secret', () => {
		const other = `whsec_${randomBytes(24).toString('base64')}`;
		const signature = sign(other, VECTOR.id, VECTOR.timestamp, VECTOR.body);
		expect(verify({ signature })).toEqual({
			valid: false,
			reason: 'no signature in the webhook-signature header matches',
		});
	});

	it.each([
		['240 s old', true, NOW + 240],
		['300 s old', true, NOW + 300],
		['301 s old', false, NOW + 301],
		['301 s in the future', false, NOW - 301],
	])('treats a delivery %s as valid: %s', (_label, valid, nowSeconds) => {
		expect(verify({ nowSeconds }).valid).toBe(valid);
	});

	it('rejects an unsigned delivery, naming the missing headers', () => {
		expect(verify({ signature: undefined })).toEqual({
			valid: false,
			reason: 'the webhook-id, webhook-timestamp or webhook-signature header is missing',
		});
	});

	it('rejects a signature computed over another id (the id is signed)', () => {
		expect(verify({ id: 'msg_other' }).valid).toBe(false);
	});

	it('reads timestamps in milliseconds too', () => {
		const timestamp = `${NOW}000`;
		const signature = sign(VECTOR.secret, VECTOR.id, timestamp, VECTOR.body);
		expect(verify({ timestamp, signature })).toEqual({ valid: true });
	});

	it('never names the secret in a reason', () => {
		const result = verify({ signature: 'v1,AAAA' });
		expect(JSON.stringify(result)).not.toContain(VECTOR.secret.slice(6));
	});
});

describe('deliveries seen before', () => {
	it('recognises the same delivery id a second time', () => {
		const staticData = {};
		const scope = 'wf1/refuses';
		expect(seenBefore(staticData, 'msg_1', NOW, { scope, nowSeconds: NOW })).toBe(false);
		expect(seenBefore(staticData, 'msg_1', NOW, { scope, nowSeconds: NOW + 10 })).toBe(true);
		expect(seenBefore(staticData, 'msg_2', NOW, { scope, nowSeconds: NOW + 10 })).toBe(false);
	});

	it('recognises it even when n8n did not save the static data in between (process memory)', () => {
		const scope = 'wf1/unsaved';
		expect(seenBefore({}, 'msg_1', NOW, { scope, nowSeconds: NOW })).toBe(false);
		expect(seenBefore({}, 'msg_1', NOW, { scope, nowSeconds: NOW + 10 })).toBe(true);
		expect(seenBefore({}, 'msg_1', NOW, { scope: 'wf2/unsaved', nowSeconds: NOW + 10 })).toBe(
			false,
		);
	});

	it('recognises it after a restart when n8n saved the static data (static data)', () => {
		const staticData = {};
		seenBefore(staticData, 'msg_1', NOW, { scope: 'before-restart', nowSeconds: NOW });
		expect(
			seenBefore(staticData, 'msg_1', NOW, { scope: 'after-restart', nowSeconds: NOW + 10 }),
		).toBe(true);
	});

	it('forgets ids once their timestamps can no longer pass the time check', () => {
		const staticData: { seenDeliveries?: object } = {};
		const scope = 'wf1/forgets';
		seenBefore(staticData, 'msg_1', NOW, { scope, nowSeconds: NOW });
		seenBefore(staticData, 'msg_2', NOW + 700, { scope, nowSeconds: NOW + 700 });
		expect(Object.keys(staticData.seenDeliveries as object)).toEqual(['msg_2']);
		expect(seenBefore({}, 'msg_1', NOW, { scope, nowSeconds: NOW + 700 })).toBe(false);
	});
});

describe('body HMAC and secret header verification', () => {
	const secret = 'chat-thing-secret';
	const body = Buffer.from('{"event":"sync.success","dataSourceId":"d1"}');
	const hex = createHmac('sha256', secret).update(body).digest('hex');
	const base64 = createHmac('sha256', secret).update(body).digest('base64');

	it.each([
		['hex', 'bare', hex, undefined],
		['base64', 'bare', base64, undefined],
		['hex', 'behind a sha256= prefix', `sha256=${hex}`, 'sha256='],
		['hex', 'in upper case', hex.toUpperCase(), undefined],
	] as const)('accepts a %s HMAC of the raw body, %s', (encoding, _form, header, prefix) => {
		expect(verifyBodyHmac({ secret, header, rawBody: body, encoding, prefix })).toEqual({
			valid: true,
		});
	});

	it('rejects an HMAC of a re-serialised body', () => {
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
		expect(
			verifyBodyHmac({ secret, header: hex, rawBody: reserialised, encoding: 'hex' }).valid,
		).toBe(false);
	});

	it('accepts the exact secret in a header and rejects anything else', () => {
		expect(verifySecretHeader({ secret, header: secret })).toEqual({ valid: true });
		expect(verifySecretHeader({ secret, header: `${secret} ` }).valid).toBe(true); // header values are trimmed
		expect(verifySecretHeader({ secret, header: secret.slice(0, -1) }).valid).toBe(false);
		expect(verifySecretHeader({ secret: '', header: '' }).valid).toBe(false);
	});
});

describe('randomized verification', () => {
	// A seeded generator, so a failure can be reproduced.
	let seed = 20261123;
	const random = () => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed / 0x7fffffff;
	};
	const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
	const randomText = (max: number) =>
		Array.from({ length: Math.floor(random() * max) }, () =>
			String.fromCharCode(Math.floor(random() * 0x2ff)),
		).join('');
	const randomHeader = (): string | string[] | undefined =>
		pick([
			undefined,
			'',
			randomText(80),
			`v1,${randomBytes(32).toString('base64')}`,
			[randomText(10)],
			'v1,',
			'v1 ,=',
			' ',
		]);

	it('never throws and never accepts a delivery it did not sign, over 5,000 generated ones', () => {
		const secret = `whsec_${randomBytes(24).toString('base64')}`;
		let accepted = 0;
		for (let i = 0; i < 5000; i++) {
			const body = randomBytes(Math.floor(random() * 200));
			const id = pick([randomText(30), `msg_${i}`]);
			const timestamp = pick([
				String(NOW),
				String(NOW + Math.floor(random() * 1000) - 500),
				randomText(12),
			]);
			const genuine = sign(secret, id, timestamp, body);
			const mode = Math.floor(random() * 4);
			// 0: genuine, 1: genuine but one character flipped, 2: random header, 3: genuine over another body
			const signature =
				mode === 0
					? genuine
					: mode === 1
						? genuine.slice(0, 10) + (genuine[10] === 'A' ? 'B' : 'A') + genuine.slice(11)
						: mode === 2
							? randomHeader()
							: sign(secret, id, timestamp, Buffer.concat([body, Buffer.from('x')]));
			const result = verifyStandardWebhook({
				secret,
				id,
				timestamp,
				signature,
				rawBody: body,
				nowSeconds: NOW,
			});
			const timestampOk = /^\d+$/.test(timestamp) && Math.abs(Number(timestamp) - NOW) <= 300;
			const shouldPass = mode === 0 && timestampOk && id.trim() !== '' && id.trim() === id;
			expect(result.valid).toBe(shouldPass);
			if (result.valid) accepted++;

			const hmacHeader = pick([
				createHmac('sha256', 's').update(body).digest('hex'),
				randomText(64),
				undefined,
			]);
			const hmacResult = verifyBodyHmac({
				secret: 's',
				header: hmacHeader,
				rawBody: body,
				encoding: 'hex',
			});
			expect(hmacResult.valid).toBe(
				hmacHeader === createHmac('sha256', 's').update(body).digest('hex'),
			);
		}
		expect(accepted).toBeGreaterThan(500);
	});
});
