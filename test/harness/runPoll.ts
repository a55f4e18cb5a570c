import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { oneNodeWorkflow } from './workflow';

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
		const { workflow, node, nodeType, additionalData } = await oneNodeWorkflow({
			type: this.type,
			parameters: this.parameters,
			credentials: this.credentials,
			name: 'Trigger under test',
			active: true,
			staticData: this.staticData,
		});
		const context = new PollContext(workflow, node, additionalData(), mode, 'init');
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
