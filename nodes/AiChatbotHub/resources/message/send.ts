import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope } from '../../../shared/parameters';
import { idsInUrl, requireText } from '../../../shared/validation';
import { sessionLocator } from '../../descriptions';

const showOnlyForMessageSend = { resource: ['message'], operation: ['send'] };

/**
 * The reply arrives as plain text streamed over the open connection (no SSE, no JSON), so the
 * request asks for text and this step returns the whole reply with the session it belongs to.
 */
async function toReply(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const scope = itemScope(this);
	return [
		{
			json: {
				sessionUuid: String(scope.value('session', '')).trim(),
				query: String(scope.value('query', '')),
				response: String(items[0]?.json.text ?? ''),
			},
		},
	];
}

export const sendMessage: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message',
		description: "Send a message in a session and get the chatbot's whole reply",
		routing: {
			request: {
				method: 'POST',
				url: '/session/{session}/message/stream',
				// The reply is streamed as plain text until the connection closes.
				encoding: 'text',
				json: false,
				headers: { Accept: 'text/plain, */*' },
			},
			send: { preSend: [idsInUrl(sessionLocator)] },
			output: { postReceive: [toReply] },
		},
	},
	properties: [
		{
			...sessionLocator,
			description:
				'The chat session to send the message in; create one with Session → Create. The list shows the sessions of every chatbot.',
			displayOptions: { show: showOnlyForMessageSend },
		},
		{
			displayName: 'Message',
			name: 'query',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			placeholder: 'e.g. What are your opening hours?',
			description: 'The question or message to send to the chatbot',
			displayOptions: { show: showOnlyForMessageSend },
			routing: {
				send: { type: 'body', property: 'query', preSend: [requireText('query', 'Message')] },
			},
		},
	],
};
