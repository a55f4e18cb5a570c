import type { Operation } from '../../../shared/descriptions';
import { withoutSuccessFlag } from '../../outputs';

export const startConversation: Operation = {
	option: {
		name: 'Start',
		value: 'start',
		action: 'Start a conversation',
		description: "Start a conversation; returns its ID and the bot's greeting",
		routing: {
			request: { method: 'POST', url: '/conversation' },
			output: { postReceive: [withoutSuccessFlag] },
		},
	},
	properties: [],
};
