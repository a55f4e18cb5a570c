import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { idsInUrl } from '../../../shared/validation';
import { chatbotLocator, returnAllAndLimit } from '../../descriptions';
import { sourceOutcome } from '../../sourceStatus';

const showOnlyForDataSourceGetMany = { resource: ['dataSource'], operation: ['getAll'] };

/** The API has no filters: the node keeps the sources that match the chosen status and type. */
async function keepMatchingSources(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { status = 'any', type = '' } = this.getNodeParameter('filters', {}) as {
		status?: string;
		type?: string;
	};
	const wantedType = type.trim();
	return items.filter(
		(item) =>
			(status === 'any' || sourceOutcome(item.json.status) === status) &&
			(wantedType === '' || item.json.type === wantedType),
	);
}

export const getManyDataSources: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many data sources',
		description: 'Get many data sources of a chatbot, with their training status',
		routing: {
			request: { method: 'GET', url: '/chatbot/{chatbot}/data-sources' },
			send: { preSend: [idsInUrl(chatbotLocator)] },
			output: { postReceive: [keepMatchingSources] },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForDataSourceGetMany } },
		...returnAllAndLimit(showOnlyForDataSourceGetMany, 'data sources'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: showOnlyForDataSourceGetMany },
			options: [
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: [
						{ name: 'Any', value: 'any' },
						{
							name: 'Failed',
							value: 'failed',
							description: 'Status error, error:storage, error:token or fail',
						},
						{
							name: 'In Progress',
							value: 'inProgress',
							description: 'Any status that is neither trained nor failed',
						},
						{ name: 'Trained', value: 'finished', description: 'Status success' },
					],
					default: 'any',
					description: 'Keep only the sources in this state',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'File', value: 'file' },
						{ name: 'Q&A', value: 'qa' },
						{ name: 'URL', value: 'link' },
					],
					default: 'link',
					description: 'Keep only the sources of this type',
				},
			],
		},
	],
};
