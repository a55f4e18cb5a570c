import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { inputError, itemScope, type ItemScope } from '../../../shared/parameters';
import { sendIdList } from '../../../shared/validation';

/** The trimmed hex color (such as #088F8F, or #08F) of a field; anything else is refused. */
export function readHexColor(
	scope: ItemScope,
	parameterPath: string,
	displayName: string,
	fallback = '',
): string {
	const value = String(scope.value(parameterPath, fallback) ?? '').trim();
	if (!/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) {
		throw inputError(scope, `'${displayName}' must be a hex color such as #088F8F, not "${value}"`);
	}
	return value;
}

/** A hex color such as #088F8F (or #08F), checked before any request. */
export function requireHexColor(parameterPath: string) {
	return async function checkHexColor(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		readHexColor(itemScope(this), parameterPath, 'Color');
		return requestOptions;
	};
}

export function colorField(parameterPath: string, required: boolean): INodeProperties {
	return {
		displayName: 'Color',
		name: 'color',
		type: 'color',
		required,
		default: '#088F8F',
		description: 'The color of the tag, as a hex color',
		routing: {
			send: { type: 'body', property: 'color', preSend: [requireHexColor(parameterPath)] },
		},
	};
}

export function dataSourceIdsField(parameterPath: string, description: string): INodeProperties {
	return {
		displayName: 'Data Source IDs',
		name: 'dataSourceIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 43474da7ae3b4b7191ee29c2de798257, d6099f4845794b4bb088b291fc3ef23a',
		description,
		routing: {
			send: {
				preSend: [sendIdList(parameterPath, 'Data Source IDs', 'data_source_uuids')],
			},
		},
	};
}
