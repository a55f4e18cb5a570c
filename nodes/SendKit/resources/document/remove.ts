import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope } from '../../../shared/parameters';
import { idsInUrl, requireText } from '../../../shared/validation';
import { agentLocator } from '../../descriptions';

const showOnlyForDocumentRemove = { resource: ['document'], operation: ['remove'] };

/** The API answers `{}`: the item says which document of which agent was removed. */
async function documentRemoved(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	const scope = itemScope(this);
	return [
		{
			json: {
				removed: true,
				agentId: String(scope.value('agentId', '')).trim(),
				fileKey: String(scope.value('fileKey', '')).trim(),
			},
		},
	];
}

export const removeDocument: Operation = {
	option: {
		name: 'Remove',
		value: 'remove',
		action: 'Remove a document',
		description: "Remove a training document from an agent's knowledge",
		routing: {
			request: { method: 'DELETE', url: '/v1/agents/{agentId}/documents' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [documentRemoved] },
		},
	},
	properties: [
		{ ...agentLocator, displayOptions: { show: showOnlyForDocumentRemove } },
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
	],
};
