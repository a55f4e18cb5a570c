import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ChatsbyEmulator } from '../../emulators/chatsby';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../../harness/runNode';

// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const API_KEY = 'chtb_test_9f8e7d6c5b';

export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function useChatsby() {
	const emulator = new ChatsbyEmulator({ apiKey: API_KEY });
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
			apiKey?: string;
		} = {},
	): Promise<RunNodeResult> {
		const { apiKey = API_KEY, ...rest } = options;
		return await runNode({
			type: 'chatsby',
			parameters,
			credentials: { chatsbyApi: { apiKey, webhookSecret: '', baseUrl: emulator.url } },
			...rest,
		});
	}
	return { emulator, run };
}

/** The requests received (method, path, query, body); each must carry the Bearer key. */
export function seen(emulator: ChatsbyEmulator) {
	return emulator.server.requests.map((request) => {
		expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		return {
			method: request.method,
			path: request.path,
			...(Object.keys(request.query).length ? { query: request.query } : {}),
			body: request.body,
		};
	});
}
