import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeListSearchResult,
	type INodeParameters,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { credentialTypesOf, loadPackage, nodeTypesOf, PACKAGE_NAME } from './runNode';

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
	const loader = await loadPackage();
	const credentialType = Object.keys(options.credentials)[0];
	const node: INode = {
		id: 'list-search',
		name: 'Node in the editor',
		type: `${PACKAGE_NAME}.${options.type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [credentialType]: { id: 'cred-1', name: 'Test credential' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: await nodeTypesOf(loader),
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialTypesOf(loader), options.credentials),
		currentNodeParameters: options.parameters,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, 1);
	const search = nodeType.methods?.listSearch?.[options.method];
	if (!search) throw new Error(`${options.type} has no list search ${options.method}`);
	return await search.call(context, options.filter, options.paginationToken);
}
