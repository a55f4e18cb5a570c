import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { responseError } from '../shared/errors';
import { callWithLimits, requestLimitsFrom } from '../shared/requestLimits';
import { pollTransitions, type WatchedRecord } from '../shared/statusWatch';
import { chatbotLocator } from './descriptions';
import { searchChatbots } from './listSearch';
import { sourceOutcome } from './sourceStatus';
import { aiChatbotHub, CREDENTIAL_NAME } from './transport';

const EVENTS = {
	finished: 'source.trained',
	failed: 'source.failed',
} as const;

/** How many finished sources a manual test run shows as samples. */
const SAMPLE_SIZE = 5;

export class AiChatbotHubTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AI Chatbot Hub Trigger',
		name: 'aiChatbotHubTrigger',
		icon: { light: 'file:aiChatbotHub.svg', dark: 'file:aiChatbotHub.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Sources of " + ($parameter["chatbot"].cachedResultName || "a chatbot")}}',
		description:
			'Starts the workflow when a data source of an AI Chatbot Hub chatbot finishes training or fails',
		defaults: { name: 'AI Chatbot Hub Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName:
					'AI Chatbot Hub sends no webhooks for training, so this trigger checks the data sources at every poll time and starts the workflow once for each source that finished or failed since the last check',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				...chatbotLocator,
				description: 'The chatbot whose data sources to watch',
				// The trigger reads the locator itself; it has no declarative routing.
				routing: undefined,
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Source Failed',
						value: 'failed',
						description:
							'Triggers when a data source fails to train (status error, error:storage, error:token or fail)',
					},
					{
						name: 'Source Trained',
						value: 'finished',
						description: 'Triggers when a data source finishes training (status success)',
					},
				],
				default: ['finished', 'failed'],
			},
		],
	};

	methods = { listSearch: { searchChatbots } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const chatbotUuid = String(
			this.getNodeParameter('chatbot', '', { extractValue: true }) ?? '',
		).trim();
		if (chatbotUuid === '') {
			throw new NodeOperationError(this.getNode(), "'Chatbot' is empty", {
				description: 'Choose the chatbot to watch.',
			});
		}
		const events = this.getNodeParameter('events', []) as string[];
		const sources = await listSources.call(this, chatbotUuid);
		const watched: WatchedRecord[] = sources.map((source) => ({
			id: String(source.uuid),
			status: String(source.status ?? ''),
			outcome: sourceOutcome(source.status),
			version: source.modified_at === undefined ? undefined : String(source.modified_at),
			record: source,
		}));
		const detectedAt = new Date().toISOString();
		return pollTransitions(this, {
			scope: chatbotUuid,
			watched,
			events,
			sampleSize: SAMPLE_SIZE,
			toItem: (entry, previousStatus) => ({
				json: {
					event: EVENTS[entry.outcome as 'finished' | 'failed'],
					detectedAt,
					chatbotUuid,
					previousStatus: previousStatus ?? null,
					...entry.record,
				},
			}),
		});
	}
}

async function listSources(this: IPollFunctions, chatbotUuid: string): Promise<IDataObject[]> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const request = {
		method: 'GET' as const,
		url: `${baseUrl}/chatbot/${encodeURIComponent(chatbotUuid)}/data-sources`,
		json: true,
	};
	const body = await callWithLimits({
		node: this.getNode(),
		itemIndex: 0,
		run: {},
		limits: requestLimitsFrom({}),
		platform: aiChatbotHub,
		request,
		attempt: async () =>
			(await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
				...request,
			})) as unknown,
	});
	if (!Array.isArray(body)) {
		throw responseError(
			this.getNode(),
			0,
			'The service answered the data source list with something that is not a list',
			`Check the Base URL of the credential. The answer started with: ${JSON.stringify(body).slice(0, 200)}`,
		);
	}
	return body as IDataObject[];
}
