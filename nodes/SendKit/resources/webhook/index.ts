import { resourceProperties } from '../../../shared/descriptions';
import { createWebhook } from './create';
import { getWebhook } from './get';
import { getManyWebhooks } from './getAll';
import { sendTestDelivery } from './sendTest';
import { updateWebhook } from './update';

// No Delete: SendKit documents no way to delete a webhook (see the README).
export const webhookOperations = [
	createWebhook,
	getWebhook,
	getManyWebhooks,
	sendTestDelivery,
	updateWebhook,
];

export const webhookProperties = resourceProperties('webhook', webhookOperations, 'getAll');
