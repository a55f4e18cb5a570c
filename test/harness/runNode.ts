import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { oneNodeWorkflow } from './workflow';

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
	/** How often the node read its credential during the run. */
	credentialReads: number;
}

let executionCounter = 0;

/** Runs one node of this package in a workflow through n8n-core's WorkflowExecute. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeName = options.nodeName ?? 'Node under test';
	const { workflow, node, additionalData, credentialReads } = await oneNodeWorkflow({
		type: options.type,
		parameters: options.parameters,
		credentials: options.credentials,
		name: nodeName,
		node: {
			continueOnFail: options.continueOnFail,
			onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
		},
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const executionId = `test-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: workflow.name,
	} as IWorkflowBase);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	options.configureHooks?.(hooks);

	const runAdditionalData = additionalData({
		hooks,
		executionId,
		currentNodeParameters: undefined,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		userId: 'user-1',
		...options.additionalData,
	});

	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node,
					data: { main: [options.input ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	// n8n refuses to start a workflow whose node misses a required parameter (the editor shows
	// the same issue); tests see that refusal as the run's error.
	let refusal: ExecutionError | undefined;
	const started = new WorkflowExecute(runAdditionalData, 'manual', runData)
		.processRunExecutionData(workflow)
		.catch((error: ExecutionError) => {
			refusal = error;
		});
	await started;
	if (refusal) {
		return {
			items: [],
			error: refusal,
			run: undefined as unknown as IRun,
			node,
			credentialReads: credentialReads(),
		};
	}
	const run = await finished;
	const taskData = run.data.resultData.runData[nodeName]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
		run,
		node,
		credentialReads: credentialReads(),
	};
}
