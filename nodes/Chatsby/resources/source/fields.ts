import type { INodeProperties } from 'n8n-workflow';

import { waitForTrainingOptions } from '../../../shared/trainingPoller';
import { agentLocator, sourceLocator } from '../../descriptions';

export const showForSource = (operation: string) => ({
	show: { resource: ['source'], operation: [operation] },
});

/**
 * The source an operation is about, chosen from the list of an agent: sources are listed per
 * agent, so the agent here only narrows the list and is not sent.
 */
export function sourceChoice(operation: string): INodeProperties[] {
	return [
		{
			...agentLocator,
			required: false,
			description: 'Only to choose the source from a list: the agent whose sources to list',
			displayOptions: showForSource(operation),
		},
		{ ...sourceLocator, displayOptions: showForSource(operation) },
	];
}

/** 'Options' of the operations that start a training (Add, Refresh): waiting until it ends. */
export function trainingOptions(operation: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForSource(operation),
		options: waitForTrainingOptions('source'),
	};
}
