import type { Operation } from '../../../shared/descriptions';
import { requireText, requireUrl } from '../../../shared/validation';
import { unwrapData } from '../../descriptions';
import { hideSecretUnlessAsked, eventFields } from '../../webhooks';
import { deliveryFields, secretOption, sendEvents, showForWebhook } from './fields';

export const createWebhook: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a webhook',
		description: 'Register a URL that SendKit delivers the chosen events to, signed (free)',
		routing: {
			request: { method: 'POST', url: '/v1/webhooks' },
			output: { postReceive: [unwrapData, hideSecretUnlessAsked] },
		},
	},
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. CRM Sync',
			displayOptions: { show: showForWebhook('create') },
			routing: { send: { type: 'body', property: 'name', preSend: [requireText('name', 'Name')] } },
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://crm.example.com/webhooks/sendkit',
			description: 'Where SendKit sends the deliveries (POST, JSON)',
			displayOptions: { show: showForWebhook('create') },
			routing: { send: { type: 'body', property: 'url', preSend: [requireUrl('url', 'URL')] } },
		},
		...eventFields(showForWebhook('create')).map((field) =>
			field.name === 'events'
				? { ...field, routing: { send: { preSend: [sendEvents('events', 'otherEvents')] } } }
				: field,
		),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showForWebhook('create') },
			options: deliveryFields('additionalFields'),
		},
		secretOption('create'),
	],
};
