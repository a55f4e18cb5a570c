import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INodeListSearchResult,
	INodeParameters,
} from 'n8n-workflow';

import { oneNodeWorkflow } from './workflow';

/**
 * Calls a node's list search (a resource locator's "From List" mode) through n8n-core's real
 * LoadOptionsContext, as the editor does while the user types in the list.
 */
export async function searchList(options: {
	type: string;
	method: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	filter?: string;
	paginationToken?: string;
}): Promise<INodeListSearchResult> {
	const { workflow, node, nodeType, additionalData } = await oneNodeWorkflow({
		type: options.type,
		parameters: options.parameters,
		credentials: options.credentials,
		name: 'Node in the editor',
		active: false,
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData({ currentNodeParameters: options.parameters }),
		'parameters',
	);
	const search = nodeType.methods?.listSearch?.[options.method];
	if (!search) throw new Error(`${options.type} has no list search ${options.method}`);
	return await search.call(context, options.filter, options.paginationToken);
}
