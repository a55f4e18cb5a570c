import type { ExecutionLifecycleHooks } from 'n8n-core';

import { testCredential } from '../../harness/credentialTest';
import { byId, usePlatform } from '../setup';
import { API_KEY, chatsby, seen } from './setup';

describe('Chatsby › Agent', () => {
	const { emulator, run } = usePlatform(chatsby);

	it('creates an agent with its settings', async () => {
		const { items } = await run({
			resource: 'agent',
			operation: 'create',
			name: 'Customer Support Bot',
			additionalFields: {
				model: 'gpt-4o',
				temperature: 0.5,
				systemPrompt: 'Be kind.',
				maxTokens: 512,
			},
		});

		expect(seen(emulator)).toEqual([
			{
				method: 'POST',
				path: '/v1/agents',
				body: {
					name: 'Customer Support Bot',
					model: 'gpt-4o',
					temperature: 0.5,
					system_prompt: 'Be kind.',
					max_tokens: 512,
				},
			},
		]);
		expect(items[0].json).toMatchObject({
			name: 'Customer Support Bot',
			status: 'active',
			id: expect.stringMatching(/^agent_/),
		});
	});

	it('rejects a temperature above 2 and a name over 100 characters before any request', async () => {
		const hot = await run({
			resource: 'agent',
			operation: 'create',
			name: 'x',
			additionalFields: { temperature: '={{ 2.5 }}' },
		});
		const long = await run({
			resource: 'agent',
			operation: 'create',
			name: 'n'.repeat(101),
			additionalFields: {},
		});

		expect(hot.error?.message).toBe("'Temperature' must be from 0 to 2, not 2.5 [item 0]");
		expect(long.error?.message).toBe(
			"'Name' is 101 characters long; the most the service accepts is 100 [item 0]",
		);
		expect(emulator.requests).toHaveLength(0);
	});

	it('lists agents with the status filter', async () => {
		// Depends on an assumption: the REST list of agents, taken from the SDK.
		const [, paused] = emulator.seed().agents;

		const { items } = await run({
			resource: 'agent',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'paused' },
		});

		expect(seen(emulator)).toEqual([
			{
				method: 'GET',
				path: '/v1/agents',
				query: { status: 'paused', page_size: '100' },
				body: undefined,
			},
		]);
		expect(items.map((item) => item.json.id)).toEqual([paused]);
	});

	it('tests the credential with GET /agents and fails on a wrong key', async () => {
		// Depends on an assumption: a refused key gets 401 with this body.
		const good = await testCredential('chatsbyApi', {
			apiKey: API_KEY,
			webhookSecret: '',
			baseUrl: emulator.url,
		});
		const bad = await testCredential('chatsbyApi', {
			apiKey: 'chtb_test_wrong',
			webhookSecret: '',
			baseUrl: emulator.url,
		});

		expect(good.status).toBe(200);
		expect(bad.status).toBe(401);
		expect(bad.body).toContain('Invalid API key');
	});
});

describe('Chatsby › Conversation › Send Message', () => {
	const { emulator, run } = usePlatform(chatsby);
	const send = (agentId: string, options: { stream?: boolean } = {}) => ({
		resource: 'conversation',
		operation: 'send',
		agentId: byId(agentId),
		message: 'What is your return policy?',
		options,
	});
	type Chunk = { type: string; content?: string };

	it('posts agent_id and message and returns the conversation as Chatsby sends it', async () => {
		// Depends on an assumption: the non-streamed reply is the conversation object.
		const [agent] = emulator.seed().agents;

		const { items } = await run(send(agent));

		expect(seen(emulator)).toEqual([
			{
				method: 'POST',
				path: '/v1/conversations',
				body: { agent_id: agent, message: 'What is your return policy?' },
			},
		]);
		expect(items[0].json).toMatchObject({ agent_id: agent, id: expect.stringMatching(/^conv_/) });
		expect((items[0].json.messages as Array<{ content: string }>)[1].content).toBe(
			'Our answer to: What is your return policy?',
		);
	});

	it('reads its credential once for a run of three messages and signs each request with it', async () => {
		// n8n reads a credential from its database each time a node asks for it: once per request
		// would hold every request's slot for that read in a busy n8n.
		const [agent] = emulator.seed().agents;

		const { items, credentialReads } = await run(send(agent), {
			input: [{ json: {} }, { json: {} }, { json: {} }],
		});

		expect(items).toHaveLength(3);
		expect(emulator.requests.map((request) => request.headers.authorization)).toEqual(
			Array(3).fill(`Bearer ${API_KEY}`),
		);
		expect(credentialReads).toBe(1);
	});

	it('collects the token events of a streamed reply and passes them on when the workflow streams', async () => {
		// Depends on an assumption: the event type is on the SSE `event:` line.
		const [agent] = emulator.seed().agents;
		const chunks: Chunk[] = [];

		const { items } = await run(send(agent, { stream: true }), {
			additionalData: { streamingEnabled: true },
			configureHooks: (hooks: ExecutionLifecycleHooks) =>
				hooks.addHandler('sendChunk', (chunk) => {
					chunks.push(chunk as unknown as Chunk);
				}),
		});

		expect(emulator.requests[0].body).toMatchObject({ stream: true });
		expect(items[0].json).toEqual({
			agent_id: agent,
			message: 'What is your return policy?',
			response: 'Our answer to: What is your return policy?',
			streamed: true,
		});
		expect(chunks.map((chunk) => chunk.type)).toEqual(['begin', ...Array(8).fill('item'), 'end']);
		expect(
			chunks
				.filter((chunk) => chunk.type === 'item')
				.map((chunk) => chunk.content)
				.join(''),
		).toBe('Our answer to: What is your return policy?');
	});

	it('fails on an error event, keeping the partial text', async () => {
		// Depends on an assumption: the third event type is `error` with an error body.
		const [agent] = emulator.seed().agents;
		emulator.stream = { delayMs: 1, errorAfterEvents: 2 };

		const { error } = await run(send(agent, { stream: true }));

		expect(error?.message).toBe('The platform reported an error in the reply stream');
		expect(error?.description).toMatch(/The model failed/);
		expect(error?.description).toContain('Text received so far: "Our answer"');
	});

	it('fails on a stream cut before the done event, without sending the message again', async () => {
		const [agent] = emulator.seed().agents;
		emulator.stream = { delayMs: 1, cutAfterEvents: 3 };

		const { items } = await run(send(agent, { stream: true }), { continueOnFail: true });

		expect(items[0].json.error).toMatch(/before it was complete/);
		expect(items[0].json.partialResponse).toBe('Our answer to:');
		expect(emulator.requests).toHaveLength(1);
	});
});
