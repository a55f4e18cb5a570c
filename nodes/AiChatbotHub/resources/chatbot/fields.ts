import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { inputError, itemScope } from '../../../shared/parameters';

/** The chatbot settings that Create (as 'Additional Fields') and Update (as 'Update Fields') share. */
export const chatbotSettings: INodeProperties[] = [
	{
		displayName: 'Rate Limit Message',
		name: 'rateLimitMessage',
		type: 'string',
		default: '',
		description:
			'Shown to a visitor of the chat widget who sends messages faster than the rate limit',
		routing: { send: { type: 'body', property: 'rate_limit_message' } },
	},
	{
		displayName: 'Rate Limit Messages',
		name: 'rateLimitMessages',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 20,
		description:
			"How many messages one visitor's device may send in the rate limit period (1-100). Applies to the embedded widget, not to the API.",
	},
	{
		displayName: 'Rate Limit Period (Seconds)',
		name: 'rateLimitSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 360 },
		default: 240,
		description: 'The period the message rate limit counts over, in seconds (1-360)',
	},
	{
		displayName: 'Show Citations',
		name: 'showCitations',
		type: 'boolean',
		default: false,
		description: 'Whether replies show the data sources they are based on',
		routing: { send: { type: 'body', property: 'show_citations' } },
	},
	{
		displayName: 'Visibility',
		name: 'visibility',
		type: 'options',
		options: [
			{
				name: 'Private',
				value: 'private',
				description: 'Only the owner can chat with it',
			},
			{
				name: 'Public',
				value: 'public',
				description: 'Anyone with the link can chat with it, and it can be embedded',
			},
			{
				name: 'Hybrid',
				value: 'hybrid',
				description: 'It can be embedded, but the link is not shared',
			},
		],
		default: 'private',
		description: 'Who can chat with the chatbot',
		routing: { send: { type: 'body', property: 'visibility' } },
	},
];

const RATE_LIMIT_DEFAULT: [number, number] = [20, 240];

function checkWhole(
	context: IExecuteSingleFunctions,
	value: number,
	displayName: string,
	min: number,
	max: number,
): number {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw inputError(
			itemScope(context),
			`'${displayName}' must be a whole number from ${min} to ${max}, not ${value}`,
		);
	}
	return value;
}

/**
 * The API takes the widget rate limit as one pair `[messages, seconds]`; the node shows it as two
 * fields, and a field left out keeps the documented default.
 */
export function sendRateLimit(collectionName: string) {
	return async function sendRateLimitPair(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const fields = this.getNodeParameter(collectionName, {}) as {
			rateLimitMessages?: number;
			rateLimitSeconds?: number;
		};
		if (fields.rateLimitMessages === undefined && fields.rateLimitSeconds === undefined) {
			return requestOptions;
		}
		const messages = checkWhole(
			this,
			Number(fields.rateLimitMessages ?? RATE_LIMIT_DEFAULT[0]),
			'Rate Limit Messages',
			1,
			100,
		);
		const seconds = checkWhole(
			this,
			Number(fields.rateLimitSeconds ?? RATE_LIMIT_DEFAULT[1]),
			'Rate Limit Period (Seconds)',
			1,
			360,
		);
		requestOptions.body = { ...(requestOptions.body as object), rate_limit: [messages, seconds] };
		return requestOptions;
	};
}
