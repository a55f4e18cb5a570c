import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { asNodeError, responseError } from '../../../shared/errors';
import { callWithLimits, requestLimitsFrom } from '../../../shared/requestLimits';
import { SseReader } from '../../../shared/sse';
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
	const message = String(context.getNodeParameter('message', itemIndex, '') ?? '');
	if (message.trim() === '') {
		throw new NodeOperationError(context.getNode(), `'Message' is empty [item ${itemIndex}]`, {
			itemIndex,
		});
	}
	const mode = context.getNodeParameter('conversationMode', itemIndex, 'oneOff') as string;
	let conversationId: string | undefined;
	if (mode === 'continue') {
		conversationId = String(
			context.getNodeParameter('conversationId', itemIndex, '', { extractValue: true }) ?? '',
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

/** The text of one OpenAI-style chunk (`choices[0].delta.content`), '' for role/finish chunks. */
function deltaText(data: string): string | undefined {
	let parsed: IDataObject;
	try {
		parsed = JSON.parse(data) as IDataObject;
	} catch {
		return undefined;
	}
	const choices = parsed.choices as Array<{ delta?: { content?: unknown } }> | undefined;
	const content = choices?.[0]?.delta?.content;
	return typeof content === 'string' ? content : '';
}

/** Message → Send: one request per item (two when a streamed one-off needs a conversation). */
export async function sendMessages(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const baseUrl = channelBaseUrl(credentials);
	const run = this.getExecuteData();
	const streaming = this.isStreaming?.() === true;

	// Every item is checked before anything is sent.
	const inputs: Array<SendInput | Error> = items.map((_item, itemIndex) => {
		try {
			return readInput(this, itemIndex);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
			return error as Error;
		}
	});

	const post = async <T>(input: SendInput, path: string, body: IDataObject, stream: boolean) => {
		const request = { method: 'POST' as const, url: `${baseUrl}${path}`, body, json: true };
		return await callWithLimits<T>({
			node: this.getNode(),
			itemIndex: input.itemIndex,
			run,
			limits: requestLimitsFrom(this.getNodeParameter('requestLimits', input.itemIndex, {})),
			platform: chatThing,
			request,
			attempt: async () =>
				(await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
					...request,
					...(stream ? { encoding: 'stream' as const } : {}),
				})) as T,
		});
	};

	const sendOne = async (input: SendInput): Promise<IDataObject> => {
		if (!input.stream) {
			const body = await post<IDataObject>(
				input,
				'/message',
				{
					message: input.message,
					...(input.conversationId ? { conversationId: input.conversationId } : {}),
				},
				false,
			);
			return { conversationId: body.conversationId, response: body.response, streamed: false };
		}
		// The stream carries no conversation ID: a one-off message starts its conversation first.
		const conversationId =
			input.conversationId ??
			String((await post<IDataObject>(input, '/conversation', {}, false)).conversationId);
		return await post<IDataObject>(
			input,
			'/message',
			{ message: input.message, conversationId, stream: true },
			true,
		).then(
			async (stream) =>
				await readReply.call(
					this,
					stream as unknown as AsyncIterable<Uint8Array>,
					input,
					streaming,
					conversationId,
				),
		);
	};

	const results = await Promise.all(
		inputs.map(async (input, itemIndex): Promise<INodeExecutionData> => {
			if (input instanceof Error) {
				return { json: { error: input.message }, pairedItem: { item: itemIndex } };
			}
			try {
				return { json: await sendOne(input), pairedItem: { item: itemIndex } };
			} catch (error) {
				if (this.continueOnFail()) {
					return {
						json: {
							error: (error as Error).message,
							...((error as { partialResponse?: string }).partialResponse !== undefined
								? { partialResponse: (error as { partialResponse?: string }).partialResponse }
								: {}),
						},
						pairedItem: { item: itemIndex },
					};
				}
				throw asNodeError(this.getNode(), error);
			}
		}),
	);
	return [results];
}

/**
 * Reads the streamed reply to its end: `data:` chunks until `data: [DONE]`. Each non-empty piece
 * goes on to the workflow's own stream when it has one. A stream that ends or breaks before
 * `[DONE]`, or carries a line that is not a chunk, is an error that keeps the text so far.
 */
async function readReply(
	this: IExecuteFunctions,
	body: AsyncIterable<Uint8Array>,
	input: SendInput,
	streaming: boolean,
	conversationId: string,
): Promise<IDataObject> {
	const reader = new SseReader({ dataLinePerEvent: true });
	let text = '';
	let done = false;
	const fail = (message: string, description: string) => {
		const error = responseError(
			this.getNode(),
			input.itemIndex,
			message,
			`${description} Text received so far: "${text.slice(0, 500)}${text.length > 500 ? '…' : ''}"`,
		);
		Object.assign(error, { partialResponse: text });
		return error;
	};
	// The seed prints several chunks on one line (`data: {…}data: {…}`): such a line is split.
	const takeLine = async (line: string) => {
		for (const data of line.split(/(?<=\})\s*data:\s?(?=\{|\[DONE\])/)) await take(data);
	};
	const take = async (data: string) => {
		if (done) return;
		if (data.trim() === '[DONE]') {
			done = true;
			return;
		}
		const piece = deltaText(data);
		if (piece === undefined) {
			throw fail(
				'The reply stream carried a line that is not a reply chunk',
				`The line was: ${data.slice(0, 200)}.`,
			);
		}
		if (piece === '') return;
		text += piece;
		if (streaming) await this.sendChunk('item', input.itemIndex, piece);
	};

	if (streaming) await this.sendChunk('begin', input.itemIndex);
	try {
		for await (const chunk of body) {
			for (const event of reader.push(chunk)) await takeLine(event.data);
		}
		for (const event of reader.end()) await takeLine(event.data);
	} catch (error) {
		if ((error as { partialResponse?: string }).partialResponse !== undefined) {
			throw asNodeError(this.getNode(), error);
		}
		throw fail(
			'The reply stream broke off before it was complete',
			'The connection closed while the reply was arriving; the message was not sent again.',
		);
	}
	if (!done) {
		throw fail(
			'The reply stream ended before it was complete',
			'The stream stopped without its closing [DONE] line; the message was not sent again.',
		);
	}
	if (streaming) await this.sendChunk('end', input.itemIndex);
	return { conversationId, response: text, streamed: true };
}
