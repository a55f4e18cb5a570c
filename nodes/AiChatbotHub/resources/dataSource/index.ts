import type { INodeProperties } from 'n8n-workflow';

import { idInPath } from '../../descriptions';
import { sendAiChatbotHubRequestsWith } from '../../transport';
import { acceptDuplicateUpload, dataSourceUploadDescription } from './upload';

const showOnlyForDataSources = { resource: ['dataSource'] };

export const dataSourceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForDataSources },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file as a data source',
				description: 'Upload a file from binary data; the chatbot learns from it',
				routing: {
					request: { method: 'POST', url: `=/chatbot/${idInPath('chatbot')}/data-source/upload` },
					operations: { pagination: sendAiChatbotHubRequestsWith(acceptDuplicateUpload) },
				},
			},
		],
		default: 'upload',
	},
	...dataSourceUploadDescription,
];
