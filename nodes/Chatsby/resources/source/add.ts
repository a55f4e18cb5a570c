import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { itemScope, type ItemScope, readText, readUrl } from '../../../shared/parameters';
import { declarativeRequests } from '../../../shared/request/declarative';
import { idsInUrl } from '../../../shared/validation';
import { agentLocator } from '../../descriptions';
import { chatsby } from '../../platform';
import { checkPairs, MAX_TEXT_CHARACTERS, parsePairsJson, type QaPair } from '../../sourceContent';
import { sendAndWaitForSource } from '../../training';
import { trainingOptions } from './fields';

const show = (extra: Record<string, string[]> = {}) => ({
	show: { resource: ['source'], operation: ['add'], ...extra },
});

function readPairs(scope: ItemScope): QaPair[] {
	const mode = scope.value('qaInput', 'pairs') as string;
	const pairs =
		mode === 'json'
			? parsePairsJson(scope, scope.value('qaJson', ''), 'Q&A JSON')
			: (((scope.value('qaPairs', {}) as IDataObject).pair ?? []) as unknown[]);
	return checkPairs(scope, pairs);
}

/** Builds `{ type, content, crawl_subpages? }` from the fields of the chosen type, checked first. */
async function sendSource(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const scope = itemScope(this);
	const type = scope.value('type', 'website') as string;
	let body: IDataObject;
	if (type === 'website') {
		const url = readUrl(
			scope,
			{ name: 'url', displayName: 'URL' },
			{
				httpsOnly: true,
				hint: 'Chatsby crawls websites over HTTPS only, e.g. https://acme.com/help',
			},
		);
		body = { type, content: url, crawl_subpages: scope.value('crawlSubpages', false) as boolean };
	} else if (type === 'text') {
		const text = readText(
			scope,
			{ name: 'text', displayName: 'Text' },
			{ maxLength: MAX_TEXT_CHARACTERS },
		);
		body = { type, content: text };
	} else if (type === 'qa') {
		// The API takes the pairs as a JSON string, not as an array.
		body = { type, content: JSON.stringify(readPairs(scope)) };
	} else {
		const reference = readText(scope, { name: 'fileReference', displayName: 'File Reference' });
		body = { type, content: reference.trim() };
	}
	requestOptions.body = body;
	return requestOptions;
}

export const addSource: Operation = {
	option: {
		name: 'Add',
		value: 'add',
		action: 'Add a source',
		description:
			'Add a website, text, Q&A or file source to an agent; optionally wait until trained',
		routing: {
			request: { method: 'POST', url: '/agents/{agentId}/sources' },
			send: { preSend: [idsInUrl(agentLocator)] },
			operations: { pagination: declarativeRequests(chatsby, sendAndWaitForSource) },
		},
	},
	properties: [
		{ ...agentLocator, displayOptions: show() },
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{
					name: 'File',
					value: 'file',
					description: 'A file already uploaded to Chatsby, by its reference',
				},
				{ name: 'Q&A', value: 'qa', description: 'Question and answer pairs (at most 500)' },
				{ name: 'Text', value: 'text', description: 'Raw text (at most 100,000 characters)' },
				{
					name: 'Website',
					value: 'website',
					description: 'A web page, optionally with the pages it links to',
				},
			],
			default: 'website',
			displayOptions: show(),
			routing: { send: { preSend: [sendSource] } },
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://acme.com/help',
			description: 'The page to crawl; it must start with https://',
			displayOptions: show({ type: ['website'] }),
		},
		{
			displayName: 'Crawl Subpages',
			name: 'crawlSubpages',
			type: 'boolean',
			default: false,
			description: 'Whether to follow links to other pages of the same domain',
			displayOptions: show({ type: ['website'] }),
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 6 },
			required: true,
			default: '',
			description: 'The text the agent learns from (at most 100,000 characters)',
			displayOptions: show({ type: ['text'] }),
		},
		{
			displayName: 'Q&A Input',
			name: 'qaInput',
			type: 'options',
			options: [
				{ name: 'Pairs', value: 'pairs', description: 'Enter the pairs one by one' },
				{
					name: 'JSON',
					value: 'json',
					description: 'An array of {"question", "answer"} objects, e.g. from an earlier node',
				},
			],
			default: 'pairs',
			displayOptions: show({ type: ['qa'] }),
		},
		{
			displayName: 'Q&A Pairs',
			name: 'qaPairs',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Pair',
			default: {},
			displayOptions: show({ type: ['qa'], qaInput: ['pairs'] }),
			options: [
				{
					displayName: 'Pair',
					name: 'pair',
					values: [
						{ displayName: 'Question', name: 'question', type: 'string', default: '' },
						{
							displayName: 'Answer',
							name: 'answer',
							type: 'string',
							typeOptions: { rows: 2 },
							default: '',
						},
					],
				},
			],
		},
		{
			displayName: 'Q&A JSON',
			name: 'qaJson',
			type: 'json',
			default: '[{"question": "", "answer": ""}]',
			description: 'At most 500 pairs',
			displayOptions: show({ type: ['qa'], qaInput: ['json'] }),
		},
		{
			displayName: 'File Reference',
			name: 'fileReference',
			type: 'string',
			required: true,
			default: '',
			description:
				'The reference of a file (PDF, DOCX or TXT, at most 10 MB) uploaded to Chatsby. Chatsby does not document its upload endpoint, so the node cannot upload the file itself.',
			displayOptions: show({ type: ['file'] }),
		},
		trainingOptions('add'),
	],
};
