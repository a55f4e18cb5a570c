import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { credentialTypesOf, loadPackage, nodeTypesOf, PACKAGE_NAME } from './runNode';

/**
 * A polling trigger of this package in a workflow, polled through n8n-core's real PollContext.
 * Its static data lives in `staticData`, as n8n saves it after each poll; `restart()` gives a new
 * trigger built from that saved data, as n8n does after a restart.
 */
export class PolledTrigger {
	staticData: IDataObject;

	constructor(
		private readonly type: string,
		private readonly parameters: INodeParameters,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		staticData: IDataObject = {},
	) {
		this.staticData = staticData;
	}

	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[] | null> {
		const loader = await loadPackage();
		const credentialType = Object.keys(this.credentials)[0];
		const node: INode = {
			id: 'trigger-under-test',
			name: 'Trigger under test',
			type: `${PACKAGE_NAME}.${this.type}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters,
			credentials: { [credentialType]: { id: 'cred-1', name: 'Test credential' } },
		};
		const workflow = new Workflow({
			id: 'wf-poll',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: await nodeTypesOf(loader),
			staticData: this.staticData,
		});
		const additionalData = {
			credentialsHelper: new TestCredentialsHelper(credentialTypesOf(loader), this.credentials),
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const workflowNode = workflow.getNode(node.name) as INode;
		const context = new PollContext(workflow, workflowNode, additionalData, mode, 'init');
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, 1);
		const result = await nodeType.poll!.call(context);
		// What n8n persists: the workflow's static data, as JSON.
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return result ? result[0] : null;
	}

	/** The same trigger after n8n restarted: only the saved static data survives. */
	restart(): PolledTrigger {
		return new PolledTrigger(this.type, this.parameters, this.credentials, this.staticData);
	}
}
