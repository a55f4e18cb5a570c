import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { fetchWatched, pollTransitions } from '../shared/statusWatch';
import { agentLocator } from './descriptions';
import { searchAgents } from './listSearch';
import { sendKit } from './platform';
import { trainingEventItem, watchedAgent } from './SendKitTriggerHelpers';

export class SendKitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SendKit Trigger',
		name: 'sendKitTrigger',
		icon: { light: 'file:sendKit.svg', dark: 'file:sendKit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Training of " + ($parameter["agentId"].cachedResultName || "an agent")}}',
		description: 'Starts the workflow when a SendKit agent finishes training or fails to train',
		defaults: { name: 'SendKit Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: sendKit.credentialName, required: true }],
		properties: [
			{
				displayName:
					'SendKit sends no webhook about training, so this trigger checks the agent at every poll time and starts the workflow once each time its training completes or fails',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{ ...agentLocator, description: 'The agent whose training to watch' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Training Completed',
						value: 'finished',
						description: "Triggers when the agent's trainingStatus becomes completed",
					},
					{
						name: 'Training Failed',
						value: 'failed',
						description: "Triggers when the agent's trainingStatus becomes failed",
					},
				],
				default: ['finished', 'failed'],
			},
		],
	};

	methods = { listSearch: { searchAgents } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const { id, body } = await fetchWatched(
			this,
			sendKit,
			{ ...agentLocator, watched: 'agent' },
			(agentId) => `/v1/agents/${encodeURIComponent(agentId)}`,
		);
		return pollTransitions(this, {
			scope: id,
			watched: [watchedAgent(this.getNode(), id, body)],
			events: this.getNodeParameter('events', []) as string[],
			sampleSize: 1,
			toItem: trainingEventItem,
		});
	}
}
