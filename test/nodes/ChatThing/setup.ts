import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ChatThingEmulator } from '../../emulators/chatthing';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../../harness/runNode';

export const CHANNEL = '0f4b7c1e-2d3a-4b5c-8d9e-a1b2c3d4e5f6';
// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const SECRET = 'test-secret-6a1f0c';

export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

/** Starts a Chat Thing emulator for the test file; before each test its state and log are reset. */
export function useChatThing() {
	const emulator = new ChatThingEmulator({ channelId: CHANNEL, secretKey: SECRET });
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
			secretKey?: string;
			channelId?: string;
		} = {},
	): Promise<RunNodeResult> {
		const { secretKey = SECRET, channelId = CHANNEL, ...rest } = options;
		return await runNode({
			type: 'chatThing',
			parameters,
			credentials: { chatThingApi: { secretKey, channelId, baseUrl: emulator.url } },
			...rest,
		});
	}

	return { emulator, run };
}

export const channelPath = (path: string) => `/api/public/channels/${CHANNEL}/1.0${path}`;

/** The requests received (method, path, query, body); each must carry the secret and JSON. */
export function seen(emulator: ChatThingEmulator) {
	return emulator.server.requests.map((request) => {
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
