import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { responseError } from '../../../shared/errors';
import { requireIdList, sendIdList } from '../../../shared/validation';
import { sendIdsInChunks } from '../../chunks';

const showOnlyForDataSourceRetrain = { resource: ['dataSource'], operation: ['retrain'] };

/**
 * The re-scrape answer is 200 with one entry per source, each with either `status` or `error`
 * (seed 000). Every source becomes an output item; a source that reports an error fails the item
 * unless the user asked to see it in the output.
 */
const retrainInChunks = sendIdsInChunks(function (this, _uuids, answers) {
	const results: INodeExecutionData[] = answers.map(({ json }) => ({
		json: { ...json, retrained: json.error === undefined || json.error === null } as IDataObject,
	}));
	const failed = results.filter(({ json }) => !json.retrained);
	const { onSourceError = 'fail' } = this.getNodeParameter('options', {}) as IDataObject;
	if (failed.length > 0 && onSourceError === 'fail') {
		const list = failed
			.map(({ json }) => `${String(json.uuid)} (${String(json.error)})`)
			.join(', ');
		throw responseError(
			this.getNode(),
			this.getItemIndex(),
			`${failed.length} of ${results.length} data sources could not be retrained: ${list}`,
			`The other ${results.length - failed.length} were restarted. Only URL sources can be retrained. To get every source as an item instead, set 'On Source Error' to 'Include in Output'.`,
		);
	}
	return results;
});

export const retrainDataSources: Operation = {
	option: {
		name: 'Retrain',
		value: 'retrain',
		action: 'Retrain data sources',
		description: 'Fetch URL data sources again and retrain on their latest content',
		routing: {
			request: { method: 'POST', url: '/data-sources/url/re-scrape' },
			operations: { pagination: retrainInChunks },
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
				'Comma-separated IDs of URL data sources, or an array from an expression. The service fetches each page again and retrains on it.',
			displayOptions: { show: showOnlyForDataSourceRetrain },
			routing: {
				send: {
					preSend: [
						requireIdList('dataSourceIds', 'Data Source IDs'),
						sendIdList('dataSourceIds', 'Data Source IDs', 'uuids'),
					],
				},
			},
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: showOnlyForDataSourceRetrain },
			options: [
				{
					displayName: 'On Source Error',
					name: 'onSourceError',
					type: 'options',
					options: [
						{
							name: 'Fail the Item',
							value: 'fail',
							description: 'The item fails and names each source that could not be retrained',
						},
						{
							name: 'Include in Output',
							value: 'include',
							description: 'Every source becomes an item with "retrained": true or false',
						},
					],
					default: 'fail',
					description: 'What to do when the service reports an error for a source',
				},
			],
		},
	],
};
