import { SendKitEmulator } from '../../emulators/sendkit';
import type { Platform } from '../setup';

// Fixtures for the emulator, not secrets.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const KEY = 'sk_test_51f0a2b3c4';

/**
 * SendKit under test: its node, and a credential with the emulator's key and no Workspace ID (a
 * workspace key must not send one; the tests of a platform key set it).
 */
export const sendKit: Platform<SendKitEmulator> = {
	node: 'sendKit',
	credentialType: 'sendKitApi',
	createEmulator: () => new SendKitEmulator({ apiKey: KEY, workspaceId: 'ws_test' }),
	credential: (emulator) => ({ apiKey: emulator.apiKey, workspaceId: '', baseUrl: emulator.url }),
};

/** The API requests received (method, path, body); each must carry the key and no workspace header. */
export function seen(emulator: SendKitEmulator) {
	return emulator.requests
		.filter((request) => !request.routePath.startsWith('/uploads/'))
		.map((request) => {
			expect(request.headers['x-api-key']).toBe(emulator.apiKey);
			if (!emulator.apiKey.startsWith('sk_user_'))
				expect(request.headers['x-workspace-id']).toBeUndefined();
			return { method: request.method, path: request.path, body: request.body };
		});
}
