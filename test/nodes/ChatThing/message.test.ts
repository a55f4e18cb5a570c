import type { ExecutionLifecycleHooks } from 'n8n-core';

import { byId, usePlatform } from '../setup';
import { channelPath, chatThing, seen } from './setup';

type Chunk = { type: string; content?: string; metadata: { itemIndex: number } };

/** Makes the run a streaming one (as a Chat Trigger or a streaming Webhook does) and records chunks. */
function streamingRun(chunks: Chunk[]) {
	return {
		additionalData: { streamingEnabled: true },
		configureHooks: (hooks: ExecutionLifecycleHooks) =>
			hooks.addHandler('sendChunk', (chunk) => {
				chunks.push(chunk as unknown as Chunk);
			}),
	};
}

describe('Chat Thing › Message', () => {
	const { emulator, run } = usePlatform(chatThing);
	const send = (extra: object = {}) => ({
		resource: 'message',
		operation: 'send',
		conversationMode: 'oneOff',
		message: 'How far is the moon?',
		options: {},
		...extra,
	});

	describe('Send', () => {
		it('posts a one-off message to /message and returns the reply with its new conversation', async () => {
			const { items, error } = await run(send());

			expect(error).toBeUndefined();
			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: channelPath('/message'),
					body: { message: 'How far is the moon?' },
				},
			]);
			expect(items).toEqual([
				{
					json: {
						conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
						response: 'You said: How far is the moon?',
						streamed: false,
					},
					pairedItem: { item: 0 },
				},
			]);
		});

		it('continues a conversation by its ID', async () => {
			const conversation = emulator.addConversation('Hi');

			const { items } = await run(
				send({ conversationMode: 'continue', conversationId: byId(conversation.id) }),
			);

			expect(emulator.requests[0].body).toEqual({
				message: 'How far is the moon?',
				conversationId: conversation.id,
			});
			expect(items[0].json.conversationId).toBe(conversation.id);
			expect(conversation.messages.at(-1)?.message).toBe('You said: How far is the moon?');
		});

		it('explains a 429 as used-up message credits and does not repeat the message', async () => {
			emulator.messageCredits = 0;

			const { error } = await run(send());

			expect(emulator.requests).toHaveLength(1);
			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '429' });
			expect(error?.message).toBe('Out of message credits, or the AI service is overloaded (429)');
		});

		it('rejects an empty message before any request, naming the item', async () => {
			const { error } = await run(send({ message: '={{ $json.text }}' }), {
				input: [{ json: { text: 'fine' } }, { json: { text: ' ' } }],
			});

			expect(error?.message).toBe("'Message' is empty [item 1]");
			expect(emulator.requests).toHaveLength(0);
		});

		it('returns an error item for a failing item and goes on under Continue On Fail', async () => {
			const { items } = await run(
				send({ conversationMode: 'continue', conversationId: byId('={{ $json.id }}') }),
				{
					input: [
						{ json: { id: '00000000-0000-4000-8000-000000000000' } },
						{ json: { id: emulator.addConversation('x').id } },
					],
					continueOnFail: true,
				},
			);

			expect(items[0].json.error).toBe('Not found (404)');
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(items[1].json.response).toBe('You said: How far is the moon?');
		});
	});

	describe('Send with Stream', () => {
		it('starts a conversation, asks for stream: true and returns the whole streamed reply', async () => {
			emulator.replyFor = () => 'The average distance is about 384,400 kilometres.';

			const { items, error } = await run(send({ options: { stream: true } }));

			expect(error).toBeUndefined();
			const requests = seen(emulator);
			expect(requests.map((request) => request.path)).toEqual([
				channelPath('/conversation'),
				channelPath('/message'),
			]);
			expect(requests[1].body).toEqual({
				message: 'How far is the moon?',
				conversationId: items[0].json.conversationId,
				stream: true,
			});
			expect(items[0].json).toEqual({
				conversationId: expect.any(String),
				response: 'The average distance is about 384,400 kilometres.',
				streamed: true,
			});
		});

		it('passes each piece on with sendChunk, in order and for the right item, when the workflow streams', async () => {
			emulator.replyFor = (message) => `Reply to ${message}`;
			const chunks: Chunk[] = [];

			const { items } = await run(send({ message: '={{ $json.q }}', options: { stream: true } }), {
				input: [{ json: { q: 'one' } }, { json: { q: 'two' } }],
				...streamingRun(chunks),
			});

			const forItem = (itemIndex: number) =>
				chunks
					.filter((chunk) => chunk.metadata.itemIndex === itemIndex)
					.map((chunk) => `${chunk.type}:${chunk.content ?? ''}`);
			expect(forItem(0)).toEqual(['begin:', 'item:Reply', 'item: to', 'item: one', 'end:']);
			expect(forItem(1)).toEqual(['begin:', 'item:Reply', 'item: to', 'item: two', 'end:']);
			expect(items.map((item) => item.json.response)).toEqual(['Reply to one', 'Reply to two']);
		});

		it('sends no chunks when the workflow does not stream, and still returns the reply', async () => {
			const chunks: Chunk[] = [];

			const { items } = await run(send({ options: { stream: true } }), {
				configureHooks: streamingRun(chunks).configureHooks,
			});

			expect(chunks).toEqual([]);
			expect(items[0].json.response).toBe('You said: How far is the moon?');
		});

		it('reads events split across network reads, even inside a multi-byte character', async () => {
			emulator.replyFor = () => 'Grüße aus Köln — 東京 too 🙂';
			emulator.stream = { chunkDelayMs: 0, splitBytes: 7, eventsPerWrite: 1 };

			const { items, error } = await run(send({ options: { stream: true } }));

			expect(error).toBeUndefined();
			expect(items[0].json.response).toBe('Grüße aus Köln — 東京 too 🙂');
		});

		it('reads several events that arrive in one read', async () => {
			emulator.replyFor = () => 'one two three four five';
			emulator.stream = { chunkDelayMs: 0, splitBytes: 0, eventsPerWrite: 4 };

			const { items } = await run(send({ options: { stream: true } }));

			expect(items[0].json.response).toBe('one two three four five');
		});

		it('reads several chunks printed on one line', async () => {
			emulator.replyFor = () => 'all on one line';
			emulator.stream = { chunkDelayMs: 0, splitBytes: 0, eventsPerWrite: 1, sameLine: true };

			const { items, error } = await run(send({ options: { stream: true } }));

			expect(error).toBeUndefined();
			expect(items[0].json.response).toBe('all on one line');
		});

		it('fails when the stream is cut before [DONE], keeping the partial text, without resending', async () => {
			emulator.replyFor = () => 'alpha beta gamma delta';
			emulator.stream = { chunkDelayMs: 1, splitBytes: 0, eventsPerWrite: 1, cutAfterWrites: 3 };

			const { error } = await run(send({ options: { stream: true } }));

			expect(error?.message).toMatch(/^The reply stream (broke off|ended) before it was complete$/);
			expect(error?.description).toContain('Text received so far: "alpha beta"');
			expect(emulator.server.requestsTo('POST', /\/message$/)).toHaveLength(1);
		});

		it('returns the partial text in the error item under Continue On Fail', async () => {
			emulator.replyFor = () => 'alpha beta gamma delta';
			emulator.stream = { chunkDelayMs: 1, splitBytes: 0, eventsPerWrite: 1, cutAfterWrites: 3 };

			const { items } = await run(send({ options: { stream: true } }), { continueOnFail: true });

			expect(items[0].json).toMatchObject({ partialResponse: 'alpha beta' });
			expect(items[0].json.error).toMatch(/before it was complete/);
		});
	});

	describe('Get Many', () => {
		it("pages through a conversation's messages with its ID in the body", async () => {
			const conversation = emulator.addConversation('First question');

			const { items } = await run({
				resource: 'message',
				operation: 'getAll',
				conversationId: byId(conversation.id),
				returnAll: true,
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: channelPath('/messages'),
					body: { conversationId: conversation.id, limit: 100 },
				},
			]);
			expect(items.map((item) => item.json.role)).toEqual(['assistant', 'user', 'assistant']);
			expect(items[1].json.message).toBe('First question');
		});
	});
});
