import { ChatsbyEmulator } from '../../emulators/chatsby';
import type { Platform } from '../setup';

// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const API_KEY = 'chtb_test_9f8e7d6c5b';

/** Chatsby under test: its node, and a credential with the emulator's key (no webhook secret). */
export const chatsby: Platform<ChatsbyEmulator> = {
	node: 'chatsby',
	credentialType: 'chatsbyApi',
	createEmulator: () => new ChatsbyEmulator({ apiKey: API_KEY }),
	credential: (emulator) => ({ apiKey: emulator.apiKey, webhookSecret: '', baseUrl: emulator.url }),
};

/** The requests received (method, path, query, body); each must carry the Bearer key. */
export function seen(emulator: ChatsbyEmulator) {
	return emulator.requests.map((request) => {
		expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		return {
			method: request.method,
			path: request.path,
			...(Object.keys(request.query).length ? { query: request.query } : {}),
			body: request.body,
		};
	});
}
