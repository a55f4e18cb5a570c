import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope, readId, readText } from '../../../shared/parameters';
import { requestJson, requestStream, requestTimeout } from '../../../shared/request/request';
import type { SseEvent } from '../../../shared/sse';
import { readStreamedReply, runPerItem, type ReplyEvent } from '../../../shared/streamedReply';
import { agentLocator } from '../../descriptions';
import { chatsby } from '../../platform';

const showOnlyForConversationSend = { resource: ['conversation'], operation: ['send'] };

const messageField = { name: 'message', displayName: 'Message' };

/**
 * Chatsby's stream: `token` events (`{"content"}`) to append, a `done` event at the end. The
 * reference names a third event type without documenting it: any other event ends the reply
 * as an error that shows its data.
 */
export function interpretEvent(event: SseEvent): ReplyEvent[] {
	let data: IDataObject = {};
	try {
		const parsed = JSON.parse(event.data) as unknown;
		// `null`, a number or text has no fields: judged by its event name alone, like non-JSON.
		if (parsed !== null && typeof parsed === 'object') data = parsed as IDataObject;
	} catch {
		// Not JSON: judged by its event name alone.
	}
	const type = event.event ?? (typeof data.type === 'string' ? data.type : undefined);
	if (type === 'token') return [{ text: typeof data.content === 'string' ? data.content : '' }];
	if (type === 'done') return [{ done: true }];
	const error = (data.error ?? data) as IDataObject;
	const message = typeof error.message === 'string' ? error.message : event.data.slice(0, 200);
	return [{ error: `Chatsby sent a "${type ?? 'message'}" event: ${message}` }];
}

/** Conversation → Send: starts a conversation with the agent, one per item. */
async function sendToAgent(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(
		this,
		(itemIndex) => {
			const scope = itemScope(this, itemIndex);
			const agentId = readId(scope, agentLocator);
			const message = readText(scope, messageField);
			const { stream = false } = scope.value('options', {}) as { stream?: boolean };
			return { itemIndex, agentId, message, stream };
		},
		async ({ itemIndex, agentId, message, stream }) => {
			const request = {
				method: 'POST' as const,
				url: '/conversations',
				body: { agent_id: agentId, message, ...(stream ? { stream: true } : {}) },
			};
			if (!stream) return await requestJson<IDataObject>(this, chatsby, request, itemIndex);
			const body = await requestStream(this, chatsby, request, itemIndex);
			const response = await readStreamedReply(this, body, {
				itemIndex,
				sse: {},
				interpret: interpretEvent,
				endMarker: '"done" event',
				idleTimeoutMs: requestTimeout(itemScope(this, itemIndex)),
			});
			return { agent_id: agentId, message, response, streamed: true };
		},
	);
}

export const sendMessage: Operation = {
	option: {
		name: 'Send Message',
		value: 'send',
		action: 'Send a message to an agent',
		description: 'Start a conversation with an agent and get its reply (optionally streamed)',
	},
	properties: [
		{ ...agentLocator, displayOptions: { show: showOnlyForConversationSend } },
		{
			...messageField,
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			placeholder: 'e.g. What is your return policy?',
			displayOptions: { show: showOnlyForConversationSend },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: showOnlyForConversationSend },
			options: [
				{
					displayName: 'Stream',
					name: 'stream',
					type: 'boolean',
					default: false,
					description:
						"Whether the agent streams its reply. When the workflow streams too (a Chat Trigger, or a Webhook node responding with 'Streaming'), each piece is passed on as it arrives; the item always holds the whole reply.",
				},
			],
		},
	],
	// Code, not one request per item: the reply may be a stream.
	execute: sendToAgent,
};
