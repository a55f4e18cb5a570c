import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { responseError } from '../shared/errors';
import { notText, type NodeContext } from '../shared/parameters';
import { readNumberedPages, type NumberedPages } from '../shared/pagination';
import { requestJson } from '../shared/request/request';
import { sendKit } from './platform';

/*
 * What the Webhook resource, the webhook list search and the SendKit Event Trigger share: the
 * events, the pages of the webhook list, and keeping a webhook's signing secret out of outputs.
 */

/**
 * The events SendKit's reference shows in its examples. The full list is not documented, so
 * every field that takes events also takes other names as text.
 */
export const webhookEventOptions: INodePropertyOptions[] = [
	{
		name: 'Email Bounced',
		value: 'email.bounced',
		description: 'Triggers when an e-mail to a lead bounces',
	},
	{
		name: 'Email Clicked',
		value: 'email.clicked',
		description: 'Triggers when a lead clicks a link in an e-mail',
	},
	{
		name: 'Email Opened',
		value: 'email.opened',
		description: 'Triggers when a lead opens an e-mail',
	},
	{
		name: 'Email Positive Reply',
		value: 'email.positive_reply',
		description: "Triggers when SendKit classifies a lead's reply as positive",
	},
	{
		name: 'Email Replied',
		value: 'email.replied',
		description: 'Triggers when a lead replies to an e-mail',
	},
	{ name: 'Email Sent', value: 'email.sent', description: 'Triggers when an e-mail is sent' },
	{
		name: 'Email Unsubscribed',
		value: 'email.unsubscribed',
		description: 'Triggers when a lead unsubscribes',
	},
	{ name: 'Lead Updated', value: 'lead.updated', description: 'Triggers when a lead changes' },
];

/**
 * 'Events' (the known ones) and 'Other Events' (names typed): the Webhook resource's Create and
 * Update and the SendKit Event Trigger.
 */
export function eventFields(show?: Record<string, string[]>): INodeProperties[] {
	const displayOptions = show ? { displayOptions: { show } } : {};
	return [
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			options: webhookEventOptions,
			default: [],
			description:
				"The events SendKit delivers to the webhook. At least one here or in 'Other Events'.",
			...displayOptions,
		},
		{
			displayName: 'Other Events',
			name: 'otherEvents',
			type: 'string',
			default: '',
			placeholder: 'e.g. lead.created, email.auto_reply',
			description:
				'More event names, separated by commas: SendKit does not document the full list of its events',
			...displayOptions,
		},
	];
}

/** What is wrong with a choice of events, in the words of an input error. */
export interface EventsProblem {
	message: string;
	description?: string;
}

function eventNames(value: unknown, displayName: string): string[] | EventsProblem {
	if (value === undefined || value === null) return [];
	const entries: unknown[] = Array.isArray(value) ? value : [value];
	const names: string[] = [];
	for (const entry of entries) {
		const other = notText(entry);
		if (other !== undefined) {
			return { message: `'${displayName}' must hold event names, not ${other}` };
		}
		names.push(...String(entry ?? '').split(/[\n,]/));
	}
	return names.map((name) => name.trim()).filter((name) => name !== '');
}

/**
 * The events of a choice: the options picked in 'Events' plus the names typed in 'Other
 * Events', each once. Neither set, or a typed name with a space in it, is a problem.
 */
export function combineEvents(picked: unknown, other: unknown): string[] | EventsProblem {
	const fromOptions = eventNames(picked, 'Events');
	if (!Array.isArray(fromOptions)) return fromOptions;
	const typed = eventNames(other, 'Other Events');
	if (!Array.isArray(typed)) return typed;
	const spaced = typed.find((name) => /\s/.test(name));
	if (spaced !== undefined) {
		return {
			message: `'Other Events' has an event name with a space in it: "${spaced.slice(0, 80)}"`,
			description: 'Separate event names with commas, e.g. email.replied, lead.created',
		};
	}
	const events = [...new Set([...fromOptions, ...typed])];
	if (events.length === 0) {
		return {
			message: "'Events' and 'Other Events' are both empty",
			description:
				"Choose at least one event, or type event names that SendKit sends in 'Other Events'.",
		};
	}
	return events;
}

export function isEventsProblem(value: string[] | EventsProblem): value is EventsProblem {
	return !Array.isArray(value);
}

/** A webhook record without its signing secret. */
export function withoutSecret(record: IDataObject): IDataObject {
	const rest = { ...record };
	delete rest.secret;
	return rest;
}

/**
 * A post-receive step: the webhooks of the answer without their signing secret, unless the
 * operation's 'Include Secret' option is on. The secret is what lets anyone send deliveries
 * that pass as SendKit's, so it is shown only where the user asked for it.
 */
export async function hideSecretUnlessAsked(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('options.includeSecret', false) === true) return items;
	return items.map((item) => ({ ...item, json: withoutSecret(item.json) }));
}

/** SendKit's webhook list: `page` from 1, `limit` at most 100, until `page >= pagination.pages`. */
export const webhookPages: NumberedPages = {
	pageField: 'page',
	limitField: 'limit',
	pageSize: 100,
	readPage(body) {
		const pagination = (body.pagination ?? {}) as IDataObject;
		const pages = Number(pagination.pages);
		return {
			records: Array.isArray(body.data) ? body.data : undefined,
			pages: Number.isFinite(pages) ? pages : undefined,
		};
	},
};

/** Every webhook of the workspace, all pages, through the request function (secrets included). */
export async function listAllWebhooks(context: NodeContext): Promise<IDataObject[]> {
	return await readNumberedPages(
		webhookPages,
		async (query) =>
			await requestJson<IDataObject>(context, sendKit, {
				method: 'GET',
				url: '/v1/webhooks',
				qs: query,
			}),
		{
			fail: (message, description) => responseError(context.getNode(), 0, message, description),
		},
	);
}
