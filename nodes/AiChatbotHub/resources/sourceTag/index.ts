import type { INodeProperties } from 'n8n-workflow';

import { deletedResult } from '../../../shared/responses';
import { idInPath } from '../../../shared/validation';
import { sourceTagCreateDescription } from './create';
import { sourceTagDeleteDescription } from './delete';
import { sourceTagGetManyDescription } from './getAll';
import { sourceTagUpdateDescription } from './update';

const showOnlyForSourceTags = { resource: ['sourceTag'] };

export const sourceTagDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSourceTags },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a source tag',
				description: 'Create a tag that groups data sources of a chatbot',
				routing: {
					request: { method: 'POST', url: `/chatbot/${idInPath('chatbot')}/source-tag/create` },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a source tag',
				description: 'Delete a tag; its data sources stay',
				routing: {
					request: { method: 'DELETE', url: `/source-tag/${idInPath('sourceTag')}/delete` },
					output: { postReceive: [deletedResult('uuid', 'sourceTag')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many source tags',
				description: 'Get many source tags of a chatbot',
				routing: {
					request: { method: 'GET', url: `/chatbot/${idInPath('chatbot')}/source-tags` },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a source tag',
				description: 'Rename or recolour a tag, or replace its data sources',
				routing: {
					request: { method: 'POST', url: `/source-tag/${idInPath('sourceTag')}/update` },
				},
			},
		],
		default: 'getAll',
	},
	...sourceTagCreateDescription,
	...sourceTagDeleteDescription,
	...sourceTagGetManyDescription,
	...sourceTagUpdateDescription,
];
