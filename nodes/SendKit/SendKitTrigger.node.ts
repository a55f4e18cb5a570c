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
import { pollTransitions } from '../shared/statusWatch';
import { agentLocator } from './descriptions';
import { searchAgents } from './listSearch';
import { agentTraining } from './resources/agent/retrain';
import { CREDENTIAL_NAME, sendKit } from './transport';

const EVENTS = { finished: 'agent.trained', failed: 'agent.trainingFailed' } as const;

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
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName:
					'SendKit sends no webhook about training, so this trigger checks the agent at every poll time and starts the workflow once each time its training completes or fails',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{ ...agentLocator, description: 'The agent whose training to watch', routing: undefined },
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
		const agentId = String(
			this.getNodeParameter('agentId', '', { extractValue: true }) ?? '',
		).trim();
		if (agentId === '') {
			throw new NodeOperationError(this.getNode(), "'Agent' is empty", {
				description: 'Choose the agent to watch.',
			});
		}
		const events = this.getNodeParameter('events', []) as string[];
		const agent = await getAgent.call(this, agentId);
		const training = agentTraining(agent);
		const watched = {
			id: agentId,
			status: training.status,
			outcome: training.outcome,
			version: agent.updatedAt === undefined ? undefined : String(agent.updatedAt),
			record: agent,
		};
		return pollTransitions(this, {
			scope: agentId,
			watched: [watched],
			events,
			sampleSize: 1,
			toItem: (entry, previousStatus) => ({
				json: {
					event: EVENTS[entry.outcome as 'finished' | 'failed'],
					detectedAt: new Date().toISOString(),
					previousStatus: previousStatus ?? null,
					...agent,
				},
			}),
		});
	}
}

async function getAgent(this: IPollFunctions, agentId: string): Promise<IDataObject> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const request = {
		method: 'GET' as const,
		url: `${String(credentials.baseUrl ?? '').replace(/\/+$/, '')}/v1/agents/${encodeURIComponent(agentId)}`,
		json: true,
	};
	const body = (await callWithLimits({
		node: this.getNode(),
		itemIndex: 0,
		run: {},
		limits: requestLimitsFrom({}),
		platform: sendKit,
		request,
		attempt: async () =>
			await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, { ...request }),
	})) as IDataObject;
	const agent = body?.data;
	if (!agent || typeof agent !== 'object') {
		throw responseError(
			this.getNode(),
			0,
			'SendKit answered without the agent',
			'Check the Base URL of the credential.',
		);
	}
	return agent as IDataObject;
}
