import { ChatThingEmulator } from '../../emulators/chatthing';
import type { Platform } from '../setup';

export const CHANNEL = '0f4b7c1e-2d3a-4b5c-8d9e-a1b2c3d4e5f6';
// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const SECRET = 'test-secret-6a1f0c';

/** Chat Thing under test: its node, and a credential with the emulator's channel and secret. */
export const chatThing: Platform<ChatThingEmulator> = {
	node: 'chatThing',
	credentialType: 'chatThingApi',
	createEmulator: () => new ChatThingEmulator({ channelId: CHANNEL, secretKey: SECRET }),
	credential: (emulator) => ({
		secretKey: emulator.secretKey,
		channelId: emulator.channelId,
		baseUrl: emulator.url,
	}),
};

export const channelPath = (path: string) => `/api/public/channels/${CHANNEL}/1.0${path}`;

/** The requests received (method, path, query, body); each must carry the secret and JSON. */
export function seen(emulator: ChatThingEmulator) {
	return emulator.requests.map((request) => {
		expect(request.headers['x-api-secret-key']).toBe(SECRET);
		if (request.rawBody.length > 0)
			expect(request.headers['content-type']).toMatch(/^application\/json/);
		return {
			method: request.method,
			path: request.path,
			...(Object.keys(request.query).length ? { query: request.query } : {}),
			body: request.body,
		};
	});
}
