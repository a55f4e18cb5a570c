import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireSomeUpdate, requireText, requireUrl } from '../../../shared/validation';
import { unwrapData, webhookLocator } from '../../descriptions';
import { hideSecretUnlessAsked, eventFields } from '../../webhooks';
import { deliveryFields, secretOption, sendEvents, showForWebhook, webhookChoice } from './fields';

const [events, otherEvents] = eventFields();

export const updateWebhook: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a webhook',
		description:
			'Change only the fields you set: name, URL, events, secret, status, retries (free)',
		routing: {
			request: { method: 'PATCH', url: '/v1/webhooks/{webhookId}' },
			send: { preSend: [idsInUrl(webhookLocator)] },
			output: { postReceive: [unwrapData, hideSecretUnlessAsked] },
		},
	},
	properties: [
		webhookChoice('update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showForWebhook('update') },
			// An update must change something; events set in either field replace the list.
			routing: {
				send: {
					preSend: [
						requireSomeUpdate('updateFields'),
						sendEvents('updateFields.events', 'updateFields.otherEvents', { whenSet: true }),
					],
				},
			},
			options: [
				{ ...events, description: 'The new list of events (replaces the current one)' },
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. CRM Sync',
					routing: {
						send: {
							type: 'body',
							property: 'name',
							preSend: [requireText('updateFields.name', 'Name')],
						},
					},
				},
				otherEvents,
				...deliveryFields('updateFields').filter((field) => field.name === 'retryAttempts'),
				...deliveryFields('updateFields').filter((field) => field.name === 'secret'),
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: [
						{ name: 'Active', value: 'active' },
						{ name: 'Inactive', value: 'inactive' },
					],
					default: 'active',
					description:
						'Whether SendKit delivers events to the webhook. SendKit does not document that the status can be changed: the output shows the status it kept.',
					routing: { send: { type: 'body', property: 'status' } },
				},
				...deliveryFields('updateFields').filter((field) => field.name === 'timeoutMs'),
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://crm.example.com/webhooks/sendkit',
					routing: {
						send: {
							type: 'body',
							property: 'url',
							preSend: [requireUrl('updateFields.url', 'URL')],
						},
					},
				},
			],
		},
		secretOption('update'),
	],
};
