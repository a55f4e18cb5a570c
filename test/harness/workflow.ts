/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
} from 'n8n-workflow';

import type { Clock } from '../../nodes/shared/request/clock';
import { TestCredentialsHelper } from './credentials';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-chatbot-platforms';

/**
 * Each workflow's credential has an ID of its own: the request limits are shared by every
 * execution with the same credential ID, and tests must not share what one of them learned.
 */
let credentialCounter = 0;

let loading: Promise<PackageDirectoryLoader> | undefined;

/**
 * Loads the built package (dist/, run `npm run build` first) the way n8n loads a community
 * package: from package.json's "n8n" section, with n8n's own loader, which also adds the
 * declarative "Request Options" that n8n shows on every declarative node.
 */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loading ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loading;
}

function shortName(type: string): string {
	return type.slice(type.lastIndexOf('.') + 1);
}

export async function nodeTypesOf(loader: PackageDirectoryLoader): Promise<INodeTypes> {
	return {
		getByName: (type) => loader.getNode(shortName(type)).type,
		getByNameAndVersion: (type, version) =>
			NodeHelpers.getVersionedNodeType(loader.getNode(shortName(type)).type, version),
		getKnownTypes: () => loader.known.nodes,
	};
}

export function credentialTypesOf(loader: PackageDirectoryLoader): Map<string, ICredentialType> {
	const types = new Map<string, ICredentialType>();
	for (const name of Object.keys(loader.known.credentials)) {
		types.set(name, loader.getCredential(name).type);
	}
	return types;
}

/** The node type as n8n loaded it (for description-level assertions). */
export async function loadedNodeType(type: string): Promise<INodeType> {
	const loader = await loadPackage();
	return loader.getNode(type).type as INodeType;
}

export interface OneNodeWorkflowOptions {
	/** Short node type name, e.g. 'aiChatbotHub'. */
	type: string;
	parameters: INodeParameters;
	/** Credential data by credential type name; the node is given the first. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's name: n8n keys the node's static data and run data by it. */
	name: string;
	/** More fields of the node (continueOnFail, onError, webhookId). */
	node?: Partial<INode>;
	/** Whether the workflow is active, as it is for a trigger; a run by hand is not. */
	active: boolean;
	staticData?: IDataObject;
	settings?: IWorkflowSettings;
}

export interface OneNodeWorkflow {
	workflow: Workflow;
	/** The node as the workflow holds it: n8n has filled in its description's defaults. */
	node: INode;
	/** The node's type, to call `poll`, `webhook` or a list search on. */
	nodeType: INodeType;
	/**
	 * The additional data every node context needs: the test's credentials (authenticated as n8n
	 * does) and no variables, plus `extra`.
	 */
	additionalData(extra?: Partial<IWorkflowExecuteAdditionalData>): IWorkflowExecuteAdditionalData;
	/** How often the node read its credential so far. */
	credentialReads(): number;
}

/**
 * A workflow holding one node of this package with the test's credentials, as n8n builds it
 * before it runs the node, polls a trigger, hands it a webhook call or fills a list in the editor.
 */
export async function oneNodeWorkflow(options: OneNodeWorkflowOptions): Promise<OneNodeWorkflow> {
	const loader = await loadPackage();
	const credentialType = Object.keys(options.credentials)[0];
	const node: INode = {
		id: 'node-under-test',
		name: options.name,
		type: `${PACKAGE_NAME}.${options.type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: credentialType
			? { [credentialType]: { id: `cred-${++credentialCounter}`, name: 'Test credential' } }
			: undefined,
		...options.node,
	};
	// The Workflow fills in the node's defaults in place: `node` is the node n8n runs.
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		nodeTypes: await nodeTypesOf(loader),
		active: options.active,
		staticData: options.staticData,
		settings: options.settings,
	});
	const credentialsHelper = new TestCredentialsHelper(
		credentialTypesOf(loader),
		options.credentials,
	);
	return {
		workflow,
		node,
		nodeType: workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion),
		additionalData: (extra = {}) =>
			({ credentialsHelper, variables: {}, ...extra }) as unknown as IWorkflowExecuteAdditionalData,
		credentialReads: () => credentialsHelper.reads,
	};
}

/**
 * The request clock of the built package, as n8n loaded it (tests replace its methods; see
 * virtualClock.ts).
 */
export async function packageRequestClock(): Promise<Clock> {
	await loadPackage();
	const built = path.join(PACKAGE_ROOT, 'dist/nodes/shared/request/clock.js');
	return ((await import(built)) as { requestClock: Clock }).requestClock;
}
