import { Workflow, type ICredentialDataDecryptedObject, type INode } from 'n8n-workflow';

import { credentialTypesOf, loadPackage, nodeTypesOf } from './workflow';
import { TestCredentialsHelper } from './credentials';

export interface CredentialTestResult {
	status: number;
	body: string;
}

/**
 * Sends a credential type's `test` request the way n8n's credential tester does: the request's
 * fields are resolved as expressions against `$credentials`, then the credential's
 * `authenticate` adds the auth headers.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const loader = await loadPackage();
	const credentialTypes = credentialTypesOf(loader);
	const credentialType = credentialTypes.get(type);
	if (!credentialType?.test) throw new Error(`Credential type ${type} has no test request`);

	const node: INode = {
		id: 'credential-test',
		name: 'Credential test',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [],
		connections: {},
		active: false,
		nodeTypes: await nodeTypesOf(loader),
	});
	const resolve = (value: unknown) =>
		typeof value === 'string'
			? workflow.expression.getSimpleParameterValue(node, value, 'internal', {
					$credentials: data,
				})
			: value;

	const { request } = credentialType.test;
	const options = await new TestCredentialsHelper(credentialTypes, { [type]: data }).authenticate(
		data,
		type,
		{
			method: request.method ?? 'GET',
			url: `${String(resolve(request.baseURL) ?? '')}${String(resolve(request.url) ?? '')}`,
			headers: { ...(request.headers as Record<string, string> | undefined) },
			body: request.body,
		},
		workflow,
		node,
	);
	const response = await fetch(options.url, {
		method: options.method,
		headers: options.headers as Record<string, string>,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	return { status: response.status, body: await response.text() };
}
