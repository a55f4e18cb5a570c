import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { idsInUrl, requireText } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';

const showOnlyForDocumentProcess = { resource: ['document'], operation: ['process'] };

const text = (
	name: string,
	displayName: string,
	property: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	required: true,
	default: '',
	description,
	displayOptions: { show: showOnlyForDocumentProcess },
	routing: { send: { type: 'body', property, preSend: [requireText(name, displayName)] } },
});

export const processDocument: Operation = {
	option: {
		name: 'Process',
		value: 'process',
		action: 'Process a document',
		description: 'Have the agent extract, chunk and index an uploaded document',
		routing: {
			request: { method: 'POST', url: '/v1/agents/{agentId}/process-document' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [unwrapData] },
		},
	},
	properties: [
		{ ...agentLocator, displayOptions: { show: showOnlyForDocumentProcess } },
		text(
			'fileKey',
			'File Key',
			'fileKey',
			'The "key" of the upload (from Document → Upload with processing off)',
		),
		text('fileUrl', 'File URL', 'fileUrl', 'The "url" of the upload'),
		text('fileName', 'File Name', 'fileName', 'The name of the file, e.g. pricing.pdf'),
		{
			displayName: 'File Type',
			name: 'fileType',
			type: 'options',
			options: [
				{ name: 'DOCX', value: 'docx' },
				{ name: 'PDF', value: 'pdf' },
				{ name: 'TXT', value: 'txt' },
			],
			default: 'pdf',
			displayOptions: { show: showOnlyForDocumentProcess },
			routing: { send: { type: 'body', property: 'fileType' } },
		},
		{
			displayName: 'File Size',
			name: 'fileSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'The size of the file in bytes',
			displayOptions: { show: showOnlyForDocumentProcess },
			routing: { send: { type: 'body', property: 'fileSize' } },
		},
	],
};
