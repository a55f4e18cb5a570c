import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireText } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';
import { agentChoice, showForAgent } from './fields';

export const generateReply: Operation = {
	option: {
		name: 'Generate Reply',
		value: 'generateReply',
		action: 'Generate a reply',
		description: 'Draft a reply to an inbox conversation with the agent (costs 3 credits)',
		routing: {
			request: { method: 'POST', url: '/v1/agents/{agentId}/generate-reply' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [unwrapData] },
		},
	},
	properties: [
		agentChoice('generateReply'),
		{
			displayName: 'Conversation ID',
			name: 'conversationId',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the inbox conversation (e-mail thread) to answer',
			displayOptions: { show: showForAgent('generateReply') },
			routing: {
				send: {
					type: 'body',
					property: 'conversationId',
					preSend: [requireText('conversationId', 'Conversation ID')],
				},
			},
		},
		{
			displayName: 'Context',
			name: 'context',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Extra instructions for this reply',
			displayOptions: { show: showForAgent('generateReply') },
			routing: { send: { type: 'body', property: 'context', value: '={{ $value || undefined }}' } },
		},
	],
};
