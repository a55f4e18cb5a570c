import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId, requireText } from '../../../shared/validation';
import { sessionLocator } from '../../descriptions';

const showOnlyForMessageSend = { resource: ['message'], operation: ['send'] };

/**
 * The reply arrives as plain text streamed over the open connection (no SSE, no JSON), so the
 * request asks for text and this step returns the whole reply with the session it belongs to.
 */
export async function toReply(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				sessionUuid: readId(this, 'session'),
				query: String(this.getNodeParameter('query', '')),
				response: String(items[0]?.json.text ?? ''),
			},
		},
	];
}

export const messageSendDescription: INodeProperties[] = [
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
];
