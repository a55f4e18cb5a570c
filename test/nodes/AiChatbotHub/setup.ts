import { AiChatbotHubEmulator } from '../../emulators/aichatbothub';
import type { Platform } from '../setup';

// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const TOKEN = 'test-token-3f1c9a7b5d2e';

/** AI Chatbot Hub under test: its node, and a credential with the emulator's token. */
export const aiChatbotHub: Platform<AiChatbotHubEmulator> = {
	node: 'aiChatbotHub',
	credentialType: 'aiChatbotHubApi',
	createEmulator: () => new AiChatbotHubEmulator({ token: TOKEN }),
	credential: (emulator) => ({ apiToken: emulator.token, baseUrl: emulator.url }),
};

/**
 * The requests the emulator received, reduced to method, path and parsed body. Every one of them
 * must carry the credential's token, and JSON content type where it has a body.
 */
export function seen(emulator: AiChatbotHubEmulator) {
	for (const request of emulator.requests) {
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		if (request.rawBody.length > 0)
			expect(request.headers['content-type']).toMatch(/^application\/json/);
	}
	return emulator.requests.map((request) => ({
		method: request.method,
		path: request.path,
		body: request.body,
	}));
}
