import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AiChatbotHubEmulator } from '../../emulators/aichatbothub';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../../harness/runNode';

// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const TOKEN = 'test-token-3f1c9a7b5d2e';

/** A resource locator value, as the editor stores one entered "By ID". */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

/**
 * Starts an AI Chatbot Hub emulator for the test file and gives a `run` that executes the node
 * against it. Before each test the request log, faults and limits are cleared (state is kept).
 */
export function useAiChatbotHub() {
	const emulator = new AiChatbotHubEmulator({ token: TOKEN });
	beforeAll(async () => {
		await emulator.start();
	});
	afterAll(async () => {
		await emulator.stop();
	});
	beforeEach(() => {
		emulator.reset();
	});

	async function run(
		parameters: INodeParameters,
		options: Partial<Omit<RunNodeOptions, 'type' | 'parameters'>> & {
			input?: INodeExecutionData[];
			token?: string;
		} = {},
	): Promise<RunNodeResult> {
		const { token = TOKEN, ...rest } = options;
		return await runNode({
			type: 'aiChatbotHub',
			parameters,
			credentials: { aiChatbotHubApi: { apiToken: token, baseUrl: emulator.url } },
			...rest,
		});
	}

	return { emulator, run };
}

/**
 * The requests the emulator received, reduced to method, path and parsed body. Every one of them
 * must carry the credential's token, and JSON content type where it has a body.
 */
export function seen(emulator: AiChatbotHubEmulator) {
	for (const request of emulator.server.requests) {
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		if (request.rawBody.length > 0)
			expect(request.headers['content-type']).toMatch(/^application\/json/);
	}
	return emulator.server.requests.map((request) => ({
		method: request.method,
		path: request.path,
		body: request.body,
	}));
}
