import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId, requireText } from '../../../shared/validation';

const showOnlyForDocumentRemove = { resource: ['document'], operation: ['remove'] };

/** The API answers `{}`: the item says which document of which agent was removed. */
export async function documentRemoved(
	this: IExecuteSingleFunctions,
): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				removed: true,
				agentId: readId(this, 'agentId'),
				fileKey: String(this.getNodeParameter('fileKey', '')).trim(),
			},
		},
	];
}

export const documentRemoveDescription: INodeProperties[] = [
	{
		displayName: 'File Key',
		name: 'fileKey',
		type: 'string',
		required: true,
		default: '',
		description: 'The "fileKey" of the document, from the agent\'s uploadedDocuments',
		displayOptions: { show: showOnlyForDocumentRemove },
		routing: {
			send: { type: 'body', property: 'fileKey', preSend: [requireText('fileKey', 'File Key')] },
		},
	},
];
