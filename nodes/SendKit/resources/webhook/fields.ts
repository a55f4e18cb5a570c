import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { inputError, itemScope } from '../../../shared/parameters';
import { requireNumberInRange, requireText } from '../../../shared/validation';
import { webhookLocator } from '../../descriptions';
import { combineEvents, isEventsProblem } from '../../webhooks';

export const showForWebhook = (operation: string) => ({
	resource: ['webhook'],
	operation: [operation],
});

/** The webhook an operation is about. */
export function webhookChoice(operation: string): INodeProperties {
	return { ...webhookLocator, displayOptions: { show: showForWebhook(operation) } };
}

/**
 * Sends the chosen events (the options picked plus the names typed in 'Other Events') as
 * `events`, refusing an empty choice before any request. With `whenSet`, only when either field
 * is set (an update that leaves the events as they are).
 */
export function sendEvents(
	pickedPath: string,
	otherPath: string,
	options: { whenSet?: boolean } = {},
) {
	return async function sendChosenEvents(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const scope = itemScope(this);
		// null: the field is not set (not added to its collection).
		const picked = scope.value(pickedPath, null);
		const other = scope.value(otherPath, null);
		if (options.whenSet && picked === null && other === null) return requestOptions;
		const events = combineEvents(picked, other);
		if (isEventsProblem(events)) throw inputError(scope, events.message, events.description);
		requestOptions.body = { ...(requestOptions.body as object), events };
		return requestOptions;
	};
}

/** Retry Attempts, Secret and Timeout, as Create's Additional Fields and Update's Update Fields. */
export function deliveryFields(collection: string): INodeProperties[] {
	return [
		{
			displayName: 'Retry Attempts',
			name: 'retryAttempts',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			default: 3,
			description: 'How often SendKit repeats a delivery that failed, from 0 to 10',
			routing: {
				send: {
					type: 'body',
					property: 'retryAttempts',
					preSend: [
						requireNumberInRange(`${collection}.retryAttempts`, 'Retry Attempts', 0, 10, {
							integer: true,
						}),
					],
				},
			},
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The key SendKit signs deliveries with (HMAC-SHA256 in X-Webhook-Signature). Leave it out on Create and SendKit generates one.',
			routing: {
				send: {
					type: 'body',
					property: 'secret',
					preSend: [requireText(`${collection}.secret`, 'Secret')],
				},
			},
		},
		{
			displayName: 'Timeout (Milliseconds)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1000, maxValue: 30000, numberPrecision: 0 },
			default: 10000,
			description: 'How long SendKit waits for the URL to answer a delivery, from 1000 to 30000 ms',
			routing: {
				send: {
					type: 'body',
					property: 'timeoutMs',
					preSend: [
						requireNumberInRange(`${collection}.timeoutMs`, 'Timeout (Milliseconds)', 1000, 30000, {
							integer: true,
						}),
					],
				},
			},
		},
	];
}

/** 'Options' → 'Include Secret', off by default: outputs carry no signing secret unless asked. */
export function secretOption(operation: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showForWebhook(operation) },
		options: [
			{
				displayName: 'Include Secret',
				name: 'includeSecret',
				type: 'boolean',
				default: false,
				description:
					"Whether the output shows the webhook's signing secret. Anyone with it can send deliveries that pass as SendKit's, so it is left out unless you need it.",
			},
		],
	};
}
