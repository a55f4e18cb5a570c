import type { INodeProperties } from 'n8n-workflow';

import { idInPath } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';
import { sendSendKitRequestsWith } from '../../transport';
import { documentProcessDescription } from './process';
import { documentRemoved, documentRemoveDescription } from './remove';
import { documentUploadDescription, uploadDocument } from './upload';

const showOnlyForDocuments = { resource: ['document'] };

export const documentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForDocuments },
		options: [
			{
				name: 'Process',
				value: 'process',
				action: 'Process a document',
				description: 'Have the agent extract, chunk and index an uploaded document',
				routing: {
					request: { method: 'POST', url: `/v1/agents/${idInPath('agentId')}/process-document` },
					output: { postReceive: [unwrapData] },
				},
			},
			{
				name: 'Remove',
				value: 'remove',
				action: 'Remove a document',
				description: "Remove a training document from an agent's knowledge",
				routing: {
					request: { method: 'DELETE', url: `/v1/agents/${idInPath('agentId')}/documents` },
					output: { postReceive: [documentRemoved] },
				},
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a document',
				description: 'Upload a PDF, DOCX or TXT file (at most 10 MB) for an agent to learn from',
				routing: {
					request: { method: 'POST', url: `/v1/agents/${idInPath('agentId')}/upload-document` },
					output: { postReceive: [unwrapData] },
					operations: { pagination: sendSendKitRequestsWith(uploadDocument) },
				},
			},
		],
		default: 'upload',
	},
	{ ...agentLocator, displayOptions: { show: showOnlyForDocuments } },
	...documentProcessDescription,
	...documentRemoveDescription,
	...documentUploadDescription,
];
