import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireSomeUpdate, sendIdList, sendJson } from '../../../shared/validation';
import { agentLocator } from '../../descriptions';
import { normalizeAgent } from '../../normalize';
import { modelField, tagsField, unitInterval, useAllSourcesField } from './fields';

const showOnlyForAgentUpdate = { resource: ['agent'], operation: ['update'] };

const escalation = (property: string) => `human_escalation_settings.${property}`;

export const updateAgent: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update an agent',
		description: 'Change an agent: enable it, or change its prompt, model or data sources',
		routing: {
			request: { method: 'POST', url: '/agent/{agent}/update' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [normalizeAgent] },
		},
	},
	properties: [
		{ ...agentLocator, displayOptions: { show: showOnlyForAgentUpdate } },
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showOnlyForAgentUpdate },
			routing: { send: { preSend: [requireSomeUpdate()] } },
			options: [
				{
					displayName: 'Data Source IDs',
					name: 'dataSourceIds',
					type: 'string',
					default: '',
					placeholder: 'e.g. 43474da7ae3b4b7191ee29c2de798257, d6099f4845794b4bb088b291fc3ef23a',
					description:
						'Comma-separated IDs of the data sources a user-facing agent answers from (ignored when Use All Sources is on)',
					routing: {
						send: {
							preSend: [
								sendIdList('updateFields.dataSourceIds', 'Data Source IDs', 'data_source_uuids'),
							],
						},
					},
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description:
						'What the agent is for; the chatbot uses it to choose between user-facing agents',
					routing: { send: { type: 'body', property: 'description' } },
				},
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean',
					default: true,
					description: 'Whether the agent is live (new agents start disabled)',
					routing: { send: { type: 'body', property: 'enabled' } },
				},
				{
					displayName: 'Human Escalation Settings',
					name: 'humanEscalationSettings',
					type: 'collection',
					placeholder: 'Add Setting',
					default: {},
					description: 'Settings of a human escalation agent',
					options: [
						{
							displayName: 'Human Requested Message',
							name: 'humanRequestedMessage',
							type: 'string',
							default: '',
							description: 'Shown when a visitor asks for a person',
							routing: { send: { type: 'body', property: escalation('human_requested_message') } },
						},
						{
							displayName: 'Live Chat End Announcement',
							name: 'liveChatEndAnnouncement',
							type: 'string',
							default: '',
							routing: {
								send: { type: 'body', property: escalation('live_chat_end_announcement') },
							},
						},
						{
							displayName: 'Live Chat Start Announcement',
							name: 'liveChatStartAnnouncement',
							type: 'string',
							default: '',
							routing: {
								send: { type: 'body', property: escalation('live_chat_start_announcement') },
							},
						},
						{
							displayName: 'Monitored Messages',
							name: 'monitoredMessages',
							type: 'string',
							default: '',
							placeholder: 'e.g. talk to a human, speak to someone',
							description: 'Comma-separated phrases that ask for a person',
							routing: {
								send: {
									type: 'body',
									property: escalation('monitored_messages'),
									value: '={{ String($value).split(",").map(p => p.trim()).filter(p => p) }}',
								},
							},
						},
						{
							displayName: 'Notifications Enabled',
							name: 'notificationsEnabled',
							type: 'boolean',
							default: true,
							description: 'Whether the team is notified of an escalation',
							routing: { send: { type: 'body', property: escalation('notifications_enabled') } },
						},
						{
							displayName: 'Sound Enabled',
							name: 'soundEnabled',
							type: 'boolean',
							default: true,
							description: 'Whether an escalation plays a sound in the dashboard',
							routing: { send: { type: 'body', property: escalation('sound_enabled') } },
						},
					],
				},
				modelField(),
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'name' } },
				},
				{
					displayName: 'Prompt',
					name: 'prompt',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description: "The agent's instructions",
					routing: { send: { type: 'body', property: 'prompt' } },
				},
				tagsField('updateFields'),
				unitInterval(
					'updateFields',
					'temperature',
					'Temperature',
					'temperature',
					'How varied the replies of a user-facing agent are (0-1)',
				),
				useAllSourcesField(),
				{
					displayName: 'Variables',
					name: 'variables',
					type: 'json',
					default: '[]',
					description:
						'Variables a user-facing agent collects, as a JSON array, e.g. [{"name": "user_email", "description": "Email of the user", "type": "string"}]. The list replaces the current one.',
					routing: {
						send: {
							preSend: [sendJson('updateFields.variables', 'Variables', 'variables', 'array')],
						},
					},
				},
			],
		},
	],
};
