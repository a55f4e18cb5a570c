import type { Operation } from '../../../shared/descriptions';
import { requireIdList, sendIdList } from '../../../shared/validation';
import { sendIdsInChunks } from '../../chunks';

const showOnlyForDataSourceDeleteMany = { resource: ['dataSource'], operation: ['deleteMany'] };

const deleteDataSourcesInChunks = sendIdsInChunks((uuids) => [{ json: { deleted: true, uuids } }]);

export const deleteManyDataSources: Operation = {
	option: {
		name: 'Delete Many',
		value: 'deleteMany',
		action: 'Delete many data sources',
		description: 'Delete many data sources at once',
		routing: {
			request: { method: 'POST', url: '/data-sources/delete' },
			operations: { pagination: deleteDataSourcesInChunks },
		},
	},
	properties: [
		{
			displayName: 'Data Source IDs',
			name: 'dataSourceIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 43474da7ae3b4b7191ee29c2de798257, d6099f4845794b4bb088b291fc3ef23a',
			description:
				'Comma-separated data source IDs, or an array from an expression. More than 100 are sent as several requests of 100.',
			displayOptions: { show: showOnlyForDataSourceDeleteMany },
			routing: {
				send: {
					preSend: [
						requireIdList('dataSourceIds', 'Data Source IDs'),
						sendIdList('dataSourceIds', 'Data Source IDs', 'uuids'),
					],
				},
			},
		},
	],
};
