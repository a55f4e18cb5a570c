import { testCredential } from '../../harness/credentialTest';
import { usePlatform } from '../setup';
import { KEY, sendKit } from './setup';

describe('SendKit › credential', () => {
	const { emulator } = usePlatform(sendKit);

	it('tests the key with GET /v1/agents, without a workspace header for a workspace key', async () => {
		const result = await testCredential('sendKitApi', {
			apiKey: KEY,
			workspaceId: '',
			baseUrl: emulator.url,
		});

		expect(result.status).toBe(200);
		const [request] = emulator.requests;
		expect([request.method, request.path]).toEqual(['GET', '/v1/agents']);
		expect(request.headers['x-api-key']).toBe(KEY);
		expect(request.headers['x-workspace-id']).toBeUndefined();
	});

	it('fails with 401 for a wrong key', async () => {
		// Depends on an assumption: a wrong key gets 401.
		const result = await testCredential('sendKitApi', {
			apiKey: 'sk_nope',
			workspaceId: '',
			baseUrl: emulator.url,
		});

		expect(result.status).toBe(401);
	});
});
