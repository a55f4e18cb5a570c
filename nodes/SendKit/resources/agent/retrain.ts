import type { Operation } from '../../../shared/descriptions';
import { declarativeRequests } from '../../../shared/request/declarative';
import { sendThenWaitForTraining, waitForTrainingOptions } from '../../../shared/trainingPoller';
import { idsInUrl } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';
import { sendKit } from '../../platform';
import { agentTraining } from '../../training';
import { agentChoice, showForAgent } from './fields';

/**
 * Retrain (10 credits, never repeated), then with 'Wait for Training to Finish' check the agent
 * (GET) with growing intervals until its training completes or fails.
 */
const retrainAndWait = sendThenWaitForTraining({
	optionsParameter: 'retrainOptions',
	what: 'agent',
	checkPath: (_agent, request) => String(request.options.url).replace(/\/retrain$/, ''),
	read: agentTraining,
});

export const retrainAgent: Operation = {
	option: {
		name: 'Retrain',
		value: 'retrain',
		action: 'Retrain an agent',
		description:
			'Crawl the website again and re-process the documents (costs 10 credits); optionally wait until done',
		routing: {
			request: { method: 'POST', url: '/v1/agents/{agentId}/retrain' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [unwrapData] },
			operations: { pagination: declarativeRequests(sendKit, retrainAndWait) },
		},
	},
	properties: [
		agentChoice('retrain'),
		{
			displayName: 'Options',
			name: 'retrainOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: showForAgent('retrain') },
			options: waitForTrainingOptions('agent'),
		},
	],
};
