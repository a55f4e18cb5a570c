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
import { agentLocator } from '../../descriptions';
import { chatsby, CREDENTIAL_NAME } from '../../transport';

const showOnlyForConversationSend = { resource: ['conversation'], operation: ['send'] };

export const conversationSendDescription: INodeProperties[] = [
	{ ...agentLocator, displayOptions: { show: showOnlyForConversationSend }, routing: undefined },
	{
		displayName: 'Message',
		name: 'message',
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
];

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
export async function sendToAgent(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	return await runPerItem(
		this,
		(itemIndex) => {
			const agentId = readTextParameter(this, 'agentId', 'Agent', itemIndex, 'an ID').trim();
			if (agentId === '') {
				throw new NodeOperationError(this.getNode(), `'Agent' is empty [item ${itemIndex}]`, {
					itemIndex,
				});
			}
			const message = readTextParameter(this, 'message', 'Message', itemIndex);
			if (message.trim() === '') {
				throw new NodeOperationError(this.getNode(), `'Message' is empty [item ${itemIndex}]`, {
					itemIndex,
				});
			}
			const { stream = false } = this.getNodeParameter('options', itemIndex, {}) as {
				stream?: boolean;
			};
			return { itemIndex, agentId, message, stream };
		},
		async ({ itemIndex, agentId, message, stream }) => {
			const call = {
				itemIndex,
				platform: chatsby,
				credentialName: CREDENTIAL_NAME,
				request: {
					method: 'POST' as const,
					url: `${baseUrl}/conversations`,
					body: { agent_id: agentId, message, ...(stream ? { stream: true } : {}) },
				},
			};
			if (!stream) return await requestJson<IDataObject>(this, call);
			const response = await readStreamedReply(this, await requestStream(this, call), {
				itemIndex,
				sse: {},
				interpret: interpretEvent,
				endMarker: '"done" event',
				idleTimeoutMs: requestTimeout(this, itemIndex),
			});
			return { agent_id: agentId, message, response, streamed: true };
		},
	);
}
