import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { unwrapData, webhookLocator } from '../../descriptions';
import { hideSecretUnlessAsked } from '../../webhooks';
import { secretOption, webhookChoice } from './fields';

export const getWebhook: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a webhook',
		description: 'Get a webhook with its URL, events and status (free)',
		routing: {
			request: { method: 'GET', url: '/v1/webhooks/{webhookId}' },
			send: { preSend: [idsInUrl(webhookLocator)] },
			output: { postReceive: [unwrapData, hideSecretUnlessAsked] },
		},
	},
	properties: [webhookChoice('get'), secretOption('get')],
};
