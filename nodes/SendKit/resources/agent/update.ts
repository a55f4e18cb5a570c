import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireSomeUpdate, requireUrl, sendJson } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';
import { agentChoice, profileFields, showForAgent } from './fields';

export const updateAgent: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update an agent',
		description: 'Change only the fields you set; company info and persona are merged (free)',
		routing: {
			request: { method: 'PATCH', url: '/v1/agents/{agentId}' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [unwrapData] },
		},
	},
	properties: [
		agentChoice('update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showForAgent('update') },
			// An update must change something: Update Fields, Company Info or Persona.
			routing: {
				send: { preSend: [requireSomeUpdate(['updateFields', 'companyInfo', 'persona'])] },
			},
			options: [
				{
					displayName: 'Autonomous Mode',
					name: 'autonomousMode',
					type: 'json',
					default: '{}',
					description:
						'Settings of autonomous replies, as a JSON object merged into the current ones, e.g. {"enabled": true, "confidenceThreshold": 0.8}',
					routing: {
						send: {
							preSend: [
								sendJson(
									'updateFields.autonomousMode',
									'Autonomous Mode',
									'autonomousMode',
									'object',
								),
							],
						},
					},
				},
				{
					displayName: 'Company URL',
					name: 'companyUrl',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://acme.com',
					description: 'The website used for future retraining',
					routing: {
						send: {
							type: 'body',
							property: 'companyUrl',
							preSend: [requireUrl('updateFields.companyUrl', 'Company URL', { optional: true })],
						},
					},
				},
				{
					displayName: 'Follow-Up Settings',
					name: 'followupSettings',
					type: 'json',
					default: '{}',
					description:
						'Follow-up settings, as a JSON object merged into the current ones, e.g. {"enabled": true, "maxFollowups": 2, "intervalDays": 3}',
					routing: {
						send: {
							preSend: [
								sendJson(
									'updateFields.followupSettings',
									'Follow-Up Settings',
									'followupSettings',
									'object',
								),
							],
						},
					},
				},
				{
					displayName: 'Is Default',
					name: 'isDefault',
					type: 'boolean',
					default: false,
					description: 'Whether this is the workspace default agent',
					routing: { send: { type: 'body', property: 'isDefault' } },
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'name' } },
				},
			],
		},
		...profileFields(showForAgent('update')),
	],
};
