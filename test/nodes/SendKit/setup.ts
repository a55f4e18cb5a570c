import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SendKitEmulator } from '../../emulators/sendkit';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../../harness/runNode';

// Fixtures for the emulator, not secrets.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const KEY = 'sk_test_51f0a2b3c4';

export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function useSendKit(apiKey = KEY, workspaceId = 'ws_test') {
	const emulator = new SendKitEmulator({ apiKey, workspaceId });
	beforeAll(async () => {
		await emulator.start();
	});
	afterAll(async () => {
		await emulator.stop();
	});
	beforeEach(() => emulator.reset());

	async function run(
		parameters: INodeParameters,
		options: Partial<Omit<RunNodeOptions, 'type' | 'parameters'>> & {
			input?: INodeExecutionData[];
			credential?: Record<string, string>;
		} = {},
	): Promise<RunNodeResult> {
		const { credential = {}, ...rest } = options;
		return await runNode({
			type: 'sendKit',
			parameters,
			credentials: {
				sendKitApi: { apiKey, workspaceId: '', baseUrl: emulator.url, ...credential },
			},
			...rest,
		});
	}

	return { emulator, run };
}

/** The API requests received (method, path, body); each must carry the key and no workspace header. */
export function seen(emulator: SendKitEmulator) {
	return emulator.server.requests
		.filter((request) => !request.routePath.startsWith('/uploads/'))
		.map((request) => {
			expect(request.headers['x-api-key']).toBe(emulator.apiKey);
			if (!emulator.apiKey.startsWith('sk_user_'))
				expect(request.headers['x-workspace-id']).toBeUndefined();
			return { method: request.method, path: request.path, body: request.body };
		});
}
