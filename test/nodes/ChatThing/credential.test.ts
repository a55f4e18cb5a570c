import { testCredential } from '../../harness/credentialTest';
import { usePlatform } from '../setup';
import { CHANNEL, chatThing, SECRET } from './setup';

describe('Chat Thing › credential', () => {
	const { emulator } = usePlatform(chatThing);

	it('tests the pair with a read-only POST /conversations { limit: 1 } on the channel', async () => {
		const result = await testCredential('chatThingApi', {
			channelId: CHANNEL,
			secretKey: SECRET,
			baseUrl: `${emulator.url}/`,
		});

		expect(result.status).toBe(200);
		const [request] = emulator.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/api/public/channels/${CHANNEL}/1.0/conversations`);
		expect(request.headers['x-api-secret-key']).toBe(SECRET);
		expect(request.body).toEqual({ limit: 1 });
	});

	it('fails with 403 when the secret belongs to another channel', async () => {
		const result = await testCredential('chatThingApi', {
			channelId: CHANNEL,
			secretKey: 'someone-elses-secret',
			baseUrl: emulator.url,
		});

		expect(result.status).toBe(403);
		expect(result.body).toContain('does not match your channel');
	});
});
