import { HookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	IWebhookData,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { oneNodeWorkflow } from './workflow';

export type HookMethod = 'checkExists' | 'create' | 'delete';

/** The webhook ID of the trigger node: part of its URL, fixed as a saved workflow's is. */
export const TRIGGER_WEBHOOK_ID = '7c2d9e41-3b5a-4f6c-8d7e-9f0a1b2c3d4e';

export interface HookOptions {
	/** 'trigger' for a published workflow; 'manual' for the editor's "Listen for test event". */
	mode?: 'trigger' | 'manual';
	activation?: WorkflowActivateMode;
}

/**
 * A webhook trigger of this package that registers its own webhook, called through n8n-core's
 * real HookContext the way n8n's WebhookService calls `checkExists`, `create` and `delete` (its
 * URL built by n8n-core from the base URL and the node's webhook ID). Static data persists across
 * calls, as n8n saves it after activating and deactivating a workflow.
 */
export class HookedTrigger {
	staticData: IDataObject = {};

	constructor(
		private readonly type: string,
		public parameters: INodeParameters,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		private readonly urls: { webhookBaseUrl: string; webhookTestBaseUrl?: string } = {
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		},
	) {}

	/** The trigger's production URL, as n8n builds it. */
	get url(): string {
		return `${this.urls.webhookBaseUrl}/${TRIGGER_WEBHOOK_ID}/webhook`;
	}

	get testUrl(): string {
		return `${this.urls.webhookTestBaseUrl}/${TRIGGER_WEBHOOK_ID}/webhook`;
	}

	async call(method: HookMethod, options: HookOptions = {}): Promise<boolean> {
		const mode = options.mode ?? 'trigger';
		const { workflow, node, nodeType, additionalData } = await oneNodeWorkflow({
			type: this.type,
			parameters: this.parameters,
			credentials: this.credentials,
			name: 'Trigger under test',
			node: { webhookId: TRIGGER_WEBHOOK_ID },
			active: true,
			staticData: this.staticData,
		});
		const description = nodeType.description.webhooks?.[0];
		const webhookData = {
			webhookDescription: description,
			node: node.name,
			workflowId: workflow.id,
			isTest: mode === 'manual',
		} as unknown as IWebhookData;
		const context = new HookContext(
			workflow,
			node,
			additionalData(this.urls),
			mode,
			options.activation ?? 'activate',
			webhookData,
		);
		const hook = nodeType.webhookMethods?.default?.[method];
		if (!hook) throw new Error(`${this.type} has no webhook method ${method}`);
		try {
			return await hook.call(context);
		} finally {
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
	}

	/** What n8n does when it activates the workflow: `checkExists`, then `create` if that says false. */
	async activate(options: HookOptions = {}): Promise<'reused' | 'created'> {
		if (await this.call('checkExists', options)) return 'reused';
		await this.call('create', options);
		return 'created';
	}

	/** What n8n does when it deactivates the workflow. */
	async deactivate(options: HookOptions = {}): Promise<boolean> {
		return await this.call('delete', options);
	}
}
