import { testCredential } from '../../harness/credentialTest';
import { usePlatform } from '../setup';
import { aiChatbotHub, TOKEN } from './setup';

describe('AI Chatbot Hub › credential', () => {
	const { emulator } = usePlatform(aiChatbotHub);

	it('tests the token with GET /chatbots and passes with the right token', async () => {
		const result = await testCredential('aiChatbotHubApi', {
			apiToken: TOKEN,
			baseUrl: `${emulator.url}/`,
		});

		expect(result.status).toBe(200);
		const [request] = emulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/api/v1/chatbots');
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('fails with 401 and the vendor message for a wrong token', async () => {
		// Depends on an assumption: a refused token gets 401 with this { error } body.
		const result = await testCredential('aiChatbotHubApi', {
			apiToken: 'wrong-token',
			baseUrl: emulator.url,
		});

		expect(result.status).toBe(401);
		expect(result.body).toContain('Unauthorized: invalid API token');
	});
});
