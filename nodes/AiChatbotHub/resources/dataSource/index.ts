import type { INodeProperties } from 'n8n-workflow';

import { deletedResult } from '../../../shared/responses';
import { idInPath } from '../../../shared/validation';
import { sendAiChatbotHubRequestsWith } from '../../transport';
import { dataSourceCreateQaDescription } from './createQa';
import { dataSourceCreateUrlDescription } from './createUrl';
import { dataSourceDeleteDescription } from './delete';
import { dataSourceDeleteManyDescription, deleteDataSourcesInChunks } from './deleteMany';
import { dataSourceGetManyDescription, keepMatchingSources } from './getAll';
import { dataSourceRetrainDescription, retrainInChunks } from './retrain';
import { dataSourceUpdateDescription } from './update';
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
				name: 'Create Q&A',
				value: 'createQa',
				action: 'Create a Q&A data source',
				description: 'Add a question and its answer to what the chatbot knows',
				routing: {
					request: { method: 'POST', url: `/chatbot/${idInPath('chatbot')}/data-source/qa` },
				},
			},
			{
				name: 'Create URL',
				value: 'createUrl',
				action: 'Create a URL data source',
				description: 'Add a web page to what the chatbot knows',
				routing: {
					request: { method: 'POST', url: `/chatbot/${idInPath('chatbot')}/data-source/url` },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a data source',
				description: 'Delete a data source; the chatbot forgets it',
				routing: {
					request: { method: 'POST', url: `/data-source/${idInPath('dataSource')}/delete` },
					output: { postReceive: [deletedResult('uuid', 'dataSource')] },
				},
			},
			{
				name: 'Delete Many',
				value: 'deleteMany',
				action: 'Delete many data sources',
				description: 'Delete many data sources at once',
				routing: {
					request: { method: 'POST', url: '/data-sources/delete' },
					operations: { pagination: deleteDataSourcesInChunks },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many data sources',
				description: 'Get many data sources of a chatbot, with their training status',
				routing: {
					request: { method: 'GET', url: `/chatbot/${idInPath('chatbot')}/data-sources` },
					output: { postReceive: [keepMatchingSources] },
				},
			},
			{
				name: 'Retrain',
				value: 'retrain',
				action: 'Retrain data sources',
				description: 'Fetch URL data sources again and retrain on their latest content',
				routing: {
					request: { method: 'POST', url: '/data-sources/url/re-scrape' },
					operations: { pagination: retrainInChunks },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a data source',
				description: 'Rename a data source (its title shows in citations)',
				routing: {
					request: { method: 'POST', url: `/data-source/${idInPath('dataSource')}/update` },
				},
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file as a data source',
				description: 'Upload a file from binary data; the chatbot learns from it',
				routing: {
					request: {
						method: 'POST',
						url: `/chatbot/${idInPath('chatbot')}/data-source/upload`,
					},
					operations: { pagination: sendAiChatbotHubRequestsWith(acceptDuplicateUpload) },
				},
			},
		],
		default: 'getAll',
	},
	...dataSourceCreateQaDescription,
	...dataSourceCreateUrlDescription,
	...dataSourceDeleteDescription,
	...dataSourceDeleteManyDescription,
	...dataSourceGetManyDescription,
	...dataSourceRetrainDescription,
	...dataSourceUpdateDescription,
	...dataSourceUploadDescription,
];
