import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { oneNodeWorkflow } from './workflow';

export interface Delivery {
	headers: Record<string, string>;
	/** The exact bytes sent; the parsed body is derived from them, as n8n's body parser does. */
	rawBody: Buffer;
}

export interface WebhookOutcome {
	/** The HTTP status the trigger answered with itself (undefined when n8n answers: 200). */
	status?: number;
	responseBody?: unknown;
	/** The items that start an execution; undefined when the delivery starts none. */
	items?: IDataObject[];
	result: IWebhookResponseData;
}

/**
 * A webhook trigger of this package, receiving deliveries through n8n-core's real WebhookContext
 * with a request object shaped like the one n8n's server hands to `webhook()` (`rawBody` as the
 * exact bytes, headers in lower case). Static data persists across deliveries, as n8n saves it.
 */
export class WebhookTrigger {
	staticData: IDataObject = {};

	constructor(
		private readonly type: string,
		private readonly parameters: INodeParameters,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {}

	async deliver(delivery: Delivery): Promise<WebhookOutcome> {
		const { workflow, node, nodeType, additionalData } = await oneNodeWorkflow({
			type: this.type,
			parameters: this.parameters,
			credentials: this.credentials,
			name: 'Trigger under test',
			node: { webhookId: '6f1b2a34-5c6d-4e7f-8a9b-0c1d2e3f4a5b' },
			active: true,
			staticData: this.staticData,
		});
		const headers = Object.fromEntries(
			Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), value]),
		);
		let body: unknown = {};
		try {
			body = JSON.parse(delivery.rawBody.toString('utf8'));
		} catch {
			body = {};
		}
		const request = {
			headers,
			body,
			rawBody: delivery.rawBody,
			query: {},
			params: {},
			header: (name: string) => headers[name.toLowerCase()],
		};
		const response: { statusCode?: number; sent?: unknown } & Record<string, unknown> = {};
		Object.assign(response, {
			status(code: number) {
				response.statusCode = code;
				return response;
			},
			send(payload: unknown) {
				response.sent = payload;
				return response;
			},
			json(payload: unknown) {
				response.sent = payload;
				return response;
			},
			end() {
				return response;
			},
			setHeader() {
				return response;
			},
		});
		const context = new WebhookContext(
			workflow,
			node,
			additionalData({
				webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
				httpRequest: request as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
				httpResponse: response as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
			}),
			'trigger',
			{ webhookDescription: { name: 'default' } } as IWebhookData,
			[],
			null,
		);
		const result = await nodeType.webhook!.call(context);
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return {
			status: response.statusCode,
			responseBody: response.sent,
			items: result.workflowData?.[0]?.map((item) => item.json),
			result,
		};
	}
}
