import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { fetchWatched, pollTransitions } from '../shared/statusWatch';
import { sourceEventItem, watchedSources } from './AiChatbotHubTriggerHelpers';
import { chatbotLocator } from './descriptions';
import { searchChatbots } from './listSearch';
import { aiChatbotHub } from './platform';

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
		credentials: [{ name: aiChatbotHub.credentialName, required: true }],
		properties: [
			{
				displayName:
					'AI Chatbot Hub sends no webhooks for training, so this trigger checks the data sources at every poll time and starts the workflow once for each source that finished or failed since the last check',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{ ...chatbotLocator, description: 'The chatbot whose data sources to watch' },
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
		const { id, body } = await fetchWatched(
			this,
			aiChatbotHub,
			{ ...chatbotLocator, watched: 'chatbot' },
			(chatbotUuid) => `/chatbot/${encodeURIComponent(chatbotUuid)}/data-sources`,
		);
		return pollTransitions(this, {
			scope: id,
			watched: watchedSources(this.getNode(), body),
			events: this.getNodeParameter('events', []) as string[],
			sampleSize: SAMPLE_SIZE,
			toItem: sourceEventItem(id, new Date().toISOString()),
		});
	}
}
