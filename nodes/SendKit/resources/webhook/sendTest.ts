import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { unwrapData, webhookLocator } from '../../descriptions';
import { webhookChoice } from './fields';

export const sendTestDelivery: Operation = {
	option: {
		name: 'Send Test Delivery',
		value: 'sendTest',
		action: 'Send a test delivery of a webhook',
		description:
			"SendKit sends a signed test event to the webhook's URL and tells what it answered (free)",
		routing: {
			request: { method: 'POST', url: '/v1/webhooks/{webhookId}/test' },
			send: { preSend: [idsInUrl(webhookLocator)] },
			output: { postReceive: [unwrapData] },
		},
	},
	properties: [webhookChoice('sendTest')],
};
