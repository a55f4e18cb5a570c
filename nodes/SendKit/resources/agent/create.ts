import type { INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/validation';
import { profileFields } from './profile';

const show = (...operation: string[]) => ({ resource: ['agent'], operation });

export const agentCreateDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Enterprise Sales Agent',
		displayOptions: { show: show('create') },
		routing: { send: { type: 'body', property: 'name', preSend: [requireText('name', 'Name')] } },
	},
	...profileFields(show('create')),
];
