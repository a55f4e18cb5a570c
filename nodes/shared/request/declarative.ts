import {
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { asNodeError } from '../errors';
import type { Platform } from '../platform';
import { bodyToItems } from '../responses';
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_WAIT_SECONDS, sendRequest } from './request';
import { DEFAULT_MAX_RETRIES } from './retryPolicy';
import { nodeRun } from './run';

/*
 * How the declarative operations reach the one request function (request.ts). What this relies
 * on in n8n's declarative engine (n8n-core `execution-engine/routing-node.js`, read in 2.0 and
 * 2.41, and proven by the tests through WorkflowExecute):
 * 1. The engine starts the requests of all input items at once and retries nothing. The one place
 *    where a node can wrap its own requests is a pagination function: for a request marked
 *    `paginate`, the engine calls `requestOperations.pagination` (the node's, or an operation's
 *    own) instead of sending, lends it `makeRoutingRequest` (authenticate, send, run the
 *    post-receive steps), and outputs what it returns. The 'Request Limits' collection below
 *    marks every request `paginate`, so every request comes here.
 * 2. The engine prepares every input item (parameters and their preSend steps, all without real
 *    I/O) before any pagination function gets past its first wait: after `sleep(0)` every item
 *    has either arrived here or failed its input checks.
 * 3. The error `makeRoutingRequest` throws for an HTTP failure is n8n's request error, the axios
 *    error (status, headers with Retry-After, body) as its cause.
 * 4. All items of one run share one execute-data object (the key of the run's gate).
 * 5. The engine pairs output items with input items only when it can guess (see pairedWithItem),
 *    and turns a thrown error into an error item under Continue On Fail.
 */

export const requestLimitsProperty: INodeProperties = {
	displayName: 'Request Limits',
	name: 'requestLimits',
	type: 'collection',
	placeholder: 'Add Limit',
	default: {},
	description:
		'How many requests this node sends at once, how long they wait for their turn and how it retries when the service is busy',
	// Marks every request of the node as "paginated", so that the engine hands it to the adapter.
	routing: { send: { paginate: true } },
	options: [
		{
			displayName: 'Max Requests in Flight',
			name: 'maxInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_MAX_IN_FLIGHT,
			description:
				'The most requests this node keeps open at the same time across all its input items',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How many times a request is repeated after a 429 (too many requests) or a 502, 503 or 504 answer. Requests that may have created something are repeated only when the service says it did not process them (429, 503).',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_WAIT_SECONDS,
			description:
				"How long a request waits at most for its turn when the platform's limit is reached (it is shared by every execution using the same credential); past that its item fails and says how long it would have had to wait",
		},
	],
};

/** Sends one request of a declarative operation through the request function. */
export type SendRequest = (
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * How an operation turns one input item into requests, when it is more than one request:
 * walking the pages of a list, splitting a long list of IDs into chunks, accepting a 409.
 */
export type RequestPlan = (
	this: IExecutePaginationFunctions,
	send: SendRequest,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

type PaginationFunction = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * The pagination function of a platform's node (`description.requestOperations.pagination`),
 * or, with a plan, of one operation (its `routing.operations.pagination`).
 */
export function declarativeRequests(platform: Platform, plan?: RequestPlan): PaginationFunction {
	return pairedWithItem(async function sendRequests(requestData) {
		// The first post-receive step turns the raw body into items, and rejects a body that is not
		// what the request asked for (an HTML page or broken JSON with status 200).
		requestData.postReceive.unshift({
			data: { parameterValue: undefined },
			actions: [bodyToItems(requestData.options.encoding === 'text')],
		});
		// Lets the engine finish preparing (and checking) every input item first (assumption 2): a
		// macrotask, so n8n's own sleep and never the request clock, which tests make instant.
		await sleep(0);

		const send: SendRequest = async (data) =>
			await sendRequest(
				this,
				platform,
				{ method: data.options.method ?? 'GET', url: data.options.url ?? '' },
				{ attempt: async () => await this.makeRoutingRequest(data) },
			);
		try {
			return plan ? await plan.call(this, send, requestData) : await send(requestData);
		} catch (error) {
			// Another item failed its input checks and the node fails on that item: this one was not
			// sent. It must not fail with the other item's error, which n8n would report as its own.
			const { haltedBy } = nodeRun(this.getExecuteData());
			const haltingItem = (haltedBy as { context?: IDataObject } | undefined)?.context?.itemIndex;
			if (error === haltedBy && haltingItem !== this.getItemIndex()) return [];
			throw asNodeError(this.getNode(), error);
		}
	});
}

/**
 * Pairs every output item with the input item it came from, error items too. Left unpaired,
 * n8n guesses: it pairs a lone output item with item 0 (wrong when item 0's list was empty) and
 * pairs nothing when items return lists of different lengths.
 */
function pairedWithItem(send: PaginationFunction): PaginationFunction {
	return async function sendPaired(requestData) {
		const pairedItem = { item: this.getItemIndex() };
		try {
			const items = await send.call(this, requestData);
			return items.map((item) => ({ ...item, pairedItem }));
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error);
			if (!this.continueOnFail()) throw nodeError;
			// The error item n8n's declarative engine makes of a failed item, paired with it.
			return [{ json: {}, error: nodeError, pairedItem }];
		}
	};
}
