import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope, readId, readText } from '../../../shared/parameters';
import { requestJson, requestStream, requestTimeout } from '../../../shared/request/request';
import type { SseEvent } from '../../../shared/sse';
import { readStreamedReply, runPerItem, type ReplyEvent } from '../../../shared/streamedReply';
import { conversationLocator } from '../../descriptions';
import { chatThing } from '../../platform';

const showOnlyForMessageSend = { resource: ['message'], operation: ['send'] };

const messageField = { name: 'message', displayName: 'Message' };

interface SendInput {
	itemIndex: number;
	message: string;
	conversationId?: string;
	stream: boolean;
}

function readInput(context: IExecuteFunctions, itemIndex: number): SendInput {
	const scope = itemScope(context, itemIndex);
	const message = readText(scope, messageField);
	const continues = scope.value('conversationMode', 'oneOff') === 'continue';
	const conversationId = continues
		? readId(scope, conversationLocator, {
				whenEmpty: 'Choose a conversation, or send a one-off message.',
			})
		: undefined;
	const options = scope.value('options', {}) as { stream?: boolean };
	return { itemIndex, message, conversationId, stream: options.stream === true };
}

/**
 * The payloads of one `data:` line: usually one, but the seed prints several chunks on one line
 * (`data: {…}data: {…}`). A line is split only where an object ends outside of its strings, so
 * that a reply that itself contains `}data: {` stays whole.
 */
function payloadsOf(line: string): string[] {
	const payloads: string[] = [];
	const separator = /\s*data:\s?/y;
	let start = 0;
	let depth = 0;
	let inString = false;
	for (let index = 0; index < line.length; index++) {
		const char = line[index];
		if (inString) {
			if (char === '\\') index++;
			else if (char === '"') inString = false;
		} else if (char === '"') {
			inString = true;
		} else if (char === '{') {
			depth++;
		} else if (char === '}' && depth > 0) {
			depth--;
			if (depth > 0) continue;
			// An object ended: a `data:` right after it starts the next payload.
			separator.lastIndex = index + 1;
			if (separator.exec(line)) {
				payloads.push(line.slice(start, index + 1));
				start = separator.lastIndex;
				index = start - 1;
			}
		}
	}
	payloads.push(line.slice(start));
	return payloads;
}

/**
 * One `data:` line of Chat Thing's stream: OpenAI-style chunks (`choices[0].delta.content`), or
 * `[DONE]`. A payload that is neither is an error.
 */
export function interpretChunk(event: SseEvent): ReplyEvent[] {
	return payloadsOf(event.data).map((data): ReplyEvent => {
		if (data.trim() === '[DONE]') return { done: true };
		let parsed: IDataObject | null;
		try {
			parsed = JSON.parse(data) as IDataObject | null;
		} catch {
			return {
				error: `The stream carried a line that is not a reply chunk: ${data.slice(0, 200)}`,
			};
		}
		const choices = parsed?.choices as Array<{ delta?: { content?: unknown } }> | undefined;
		const content = choices?.[0]?.delta?.content;
		return typeof content === 'string' ? { text: content } : { skip: true };
	});
}

/** Message → Send: one request per item (two when a streamed one-off needs a conversation). */
async function sendMessages(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const post = (path: string, body: IDataObject) => ({ method: 'POST' as const, url: path, body });
	return await runPerItem(
		this,
		(itemIndex) => readInput(this, itemIndex),
		async ({ itemIndex, message, conversationId, stream }) => {
			const conversation = conversationId ? { conversationId } : {};
			if (!stream) {
				const body = await requestJson<IDataObject>(
					this,
					chatThing,
					post('/message', { message, ...conversation }),
					itemIndex,
				);
				return { conversationId: body.conversationId, response: body.response, streamed: false };
			}
			// The stream carries no conversation ID: a one-off message starts its conversation first.
			const id =
				conversationId ??
				String(
					(await requestJson<IDataObject>(this, chatThing, post('/conversation', {}), itemIndex))
						.conversationId,
				);
			const body = await requestStream(
				this,
				chatThing,
				post('/message', { message, conversationId: id, stream: true }),
				itemIndex,
			);
			const response = await readStreamedReply(this, body, {
				itemIndex,
				sse: { dataLinePerEvent: true },
				interpret: interpretChunk,
				endMarker: '[DONE] line',
				idleTimeoutMs: requestTimeout(itemScope(this, itemIndex)),
			});
			return { conversationId: id, response, streamed: true };
		},
	);
}

export const sendMessage: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message',
		description:
			"Send a message, one-off or in a conversation, and get the bot's reply (optionally streamed)",
	},
	properties: [
		{
			displayName: 'Conversation',
			name: 'conversationMode',
			type: 'options',
			options: [
				{
					name: 'One-Off Message',
					value: 'oneOff',
					description: 'Start a new conversation with this message',
				},
				{
					name: 'Continue a Conversation',
					value: 'continue',
					description: 'Send the message in an existing conversation',
				},
			],
			default: 'oneOff',
			displayOptions: { show: showOnlyForMessageSend },
		},
		{
			...conversationLocator,
			displayOptions: { show: { ...showOnlyForMessageSend, conversationMode: ['continue'] } },
		},
		{
			...messageField,
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			placeholder: 'e.g. What is the distance to the moon?',
			displayOptions: { show: showOnlyForMessageSend },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: showOnlyForMessageSend },
			options: [
				{
					displayName: 'Stream',
					name: 'stream',
					type: 'boolean',
					default: false,
					description:
						"Whether the bot streams its reply. When the workflow streams too (a Chat Trigger, or a Webhook node responding with 'Streaming'), each piece is passed on as it arrives; the item always holds the whole reply.",
				},
			],
		},
	],
	// Code, not one request per item: the reply may be a stream.
	execute: sendMessages,
};
