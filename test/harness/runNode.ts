/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import path from 'node:path';

import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import type { Clock } from '../../nodes/shared/request/clock';
import { TestCredentialsHelper } from './credentials';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-chatbot-platforms';

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

export interface RunNodeOptions {
	/** Short node type name, e.g. 'aiChatbotHub'. */
	type: string;
	parameters: INodeParameters;
	/** Credential data by credential type name, e.g. { aiChatbotHubApi: { apiToken, baseUrl } }. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Input items (default: one empty item). */
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Extra fields for the additional data (e.g. a sendChunk hook later). */
	configureHooks?: (hooks: ExecutionLifecycleHooks) => void;
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
	nodeName?: string;
}

export interface RunNodeResult {
	/** The node's first output (empty when the node failed). */
	items: INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: ExecutionError;
	run: IRun;
	node: INode;
}

let executionCounter = 0;

/** Runs one node of this package in a workflow through n8n-core's WorkflowExecute. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const loader = await loadPackage();
	const nodeTypes = await nodeTypesOf(loader);
	const nodeName = options.nodeName ?? 'Node under test';
	const credentialType = Object.keys(options.credentials)[0];
	const node: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: `${PACKAGE_NAME}.${options.type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: credentialType
			? { [credentialType]: { id: 'cred-1', name: 'Test credential' } }
			: undefined,
		continueOnFail: options.continueOnFail,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	// The node's description may have turned defaults into parameters; use the resolved node.
	const workflowNode = workflow.getNode(nodeName) as INode;

	const executionId = `test-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'wf-test',
		name: 'Test workflow',
	} as IWorkflowBase);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	options.configureHooks?.(hooks);

	const additionalData = {
		hooks,
		executionId,
		credentialsHelper: new TestCredentialsHelper(credentialTypesOf(loader), options.credentials),
		currentNodeParameters: undefined,
		variables: {},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		userId: 'user-1',
		...options.additionalData,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflowNode,
					data: { main: [options.input ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	// n8n refuses to start a workflow whose node misses a required parameter (the editor shows
	// the same issue); tests see that refusal as the run's error.
	let refusal: ExecutionError | undefined;
	const started = new WorkflowExecute(additionalData, 'manual', runData)
		.processRunExecutionData(workflow)
		.catch((error: ExecutionError) => {
			refusal = error;
		});
	await started;
	if (refusal) {
		return { items: [], error: refusal, run: undefined as unknown as IRun, node: workflowNode };
	}
	const run = await finished;
	const taskData = run.data.resultData.runData[nodeName]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
		run,
		node: workflowNode,
	};
}

/** The node type as n8n loaded it (for description-level assertions). */
export async function loadedNodeType(type: string): Promise<INodeType> {
	const loader = await loadPackage();
	return loader.getNode(type).type as INodeType;
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
