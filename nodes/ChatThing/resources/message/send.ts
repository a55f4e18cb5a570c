import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { requestJson, requestStream, requestTimeout } from '../../../shared/codeRequests';
import type { SseEvent } from '../../../shared/sse';
import { readStreamedReply, runPerItem, type ReplyEvent } from '../../../shared/streamedReply';
import { readTextParameter } from '../../../shared/validation';
import { conversationLocator } from '../../descriptions';
import { channelBaseUrl, chatThing, CREDENTIAL_NAME } from '../../transport';

const showOnlyForMessageSend = { resource: ['message'], operation: ['send'] };

export const messageSendDescription: INodeProperties[] = [
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
		// Read by the operation's code, not by declarative routing.
		routing: undefined,
	},
	{
		displayName: 'Message',
		name: 'message',
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
];

interface SendInput {
	itemIndex: number;
	message: string;
	conversationId?: string;
	stream: boolean;
}

function readInput(context: IExecuteFunctions, itemIndex: number): SendInput {
	const message = readTextParameter(context, 'message', 'Message', itemIndex);
	if (message.trim() === '') {
		throw new NodeOperationError(context.getNode(), `'Message' is empty [item ${itemIndex}]`, {
			itemIndex,
		});
	}
	const mode = context.getNodeParameter('conversationMode', itemIndex, 'oneOff') as string;
	let conversationId: string | undefined;
	if (mode === 'continue') {
		conversationId = readTextParameter(
			context,
			'conversationId',
			'Conversation',
			itemIndex,
			'an ID',
		).trim();
		if (conversationId === '') {
			throw new NodeOperationError(
				context.getNode(),
				`'Conversation' is empty [item ${itemIndex}]`,
				{ itemIndex, description: 'Choose a conversation, or send a one-off message.' },
			);
		}
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as { stream?: boolean };
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
export async function sendMessages(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const baseUrl = channelBaseUrl(credentials);

	const call = (input: SendInput, path: string, body: IDataObject) => ({
		itemIndex: input.itemIndex,
		platform: chatThing,
		credentialName: CREDENTIAL_NAME,
		request: { method: 'POST' as const, url: `${baseUrl}${path}`, body },
	});

	return await runPerItem(
		this,
		(itemIndex) => readInput(this, itemIndex),
		async (input) => {
			const conversation = input.conversationId ? { conversationId: input.conversationId } : {};
			if (!input.stream) {
				const body = await requestJson<IDataObject>(
					this,
					call(input, '/message', { message: input.message, ...conversation }),
				);
				return { conversationId: body.conversationId, response: body.response, streamed: false };
			}
			// The stream carries no conversation ID: a one-off message starts its conversation first.
			const conversationId =
				input.conversationId ??
				String(
					(await requestJson<IDataObject>(this, call(input, '/conversation', {}))).conversationId,
				);
			const stream = await requestStream(
				this,
				call(input, '/message', { message: input.message, conversationId, stream: true }),
			);
			const response = await readStreamedReply(this, stream, {
				itemIndex: input.itemIndex,
				sse: { dataLinePerEvent: true },
				interpret: interpretChunk,
				endMarker: '[DONE] line',
				idleTimeoutMs: requestTimeout(this, input.itemIndex),
			});
			return { conversationId, response, streamed: true };
		},
	);
}
