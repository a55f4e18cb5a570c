import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { waitForTrainingOptions } from '../../../shared/trainingPoller';
import { invalidInput, isWebUrl } from '../../../shared/validation';

const show = (extra: Record<string, string[]> = {}) => ({
	show: { resource: ['source'], operation: ['add'], ...extra },
});

export const MAX_TEXT_CHARACTERS = 100_000;
export const MAX_QA_PAIRS = 500;

function readPairs(context: IExecuteSingleFunctions): Array<{ question: string; answer: string }> {
	const mode = context.getNodeParameter('qaInput', 'pairs') as string;
	let pairs: unknown;
	if (mode === 'json') {
		const raw = context.getNodeParameter('qaJson', '') as unknown;
		try {
			pairs = typeof raw === 'string' ? JSON.parse(raw) : raw;
		} catch (error) {
			throw invalidInput(
				context,
				`'Q&A JSON' is not valid JSON: ${(error as Error).message}`,
				'Enter an array such as [{"question": "…", "answer": "…"}].',
			);
		}
	} else {
		pairs = ((context.getNodeParameter('qaPairs', {}) as IDataObject).pair ?? []) as unknown[];
	}
	if (!Array.isArray(pairs) || pairs.length === 0) {
		throw invalidInput(
			context,
			"'Q&A' has no question and answer pairs",
			'Enter at least one pair, as an array such as [{"question": "…", "answer": "…"}].',
		);
	}
	if (pairs.length > MAX_QA_PAIRS) {
		throw invalidInput(
			context,
			`'Q&A' has ${pairs.length} pairs; the most one source takes is ${MAX_QA_PAIRS}`,
		);
	}
	return pairs.map((pair, index) => {
		const { question, answer } = (pair ?? {}) as { question?: unknown; answer?: unknown };
		if (
			typeof question !== 'string' ||
			question.trim() === '' ||
			typeof answer !== 'string' ||
			answer.trim() === ''
		) {
			throw invalidInput(
				context,
				`'Q&A' pair ${index + 1} needs a question and an answer, both text`,
			);
		}
		return { question, answer };
	});
}

/** Builds `{ type, content, crawl_subpages? }` from the fields of the chosen type, checked first. */
async function sendSource(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const type = this.getNodeParameter('type', 'website') as string;
	let body: IDataObject;
	if (type === 'website') {
		const url = String(this.getNodeParameter('url', '') ?? '').trim();
		if (!isWebUrl(url, true)) {
			throw invalidInput(
				this,
				`'URL' is not a valid https:// URL: "${url.slice(0, 120)}"`,
				'Chatsby crawls websites over HTTPS only, e.g. https://acme.com/help',
			);
		}
		body = {
			type,
			content: url,
			crawl_subpages: this.getNodeParameter('crawlSubpages', false) as boolean,
		};
	} else if (type === 'text') {
		const text = String(this.getNodeParameter('text', '') ?? '');
		if (text.trim() === '') throw invalidInput(this, "'Text' is empty");
		if (text.length > MAX_TEXT_CHARACTERS) {
			throw invalidInput(
				this,
				`'Text' is ${text.length} characters long; the most the service accepts is ${MAX_TEXT_CHARACTERS}`,
			);
		}
		body = { type, content: text };
	} else if (type === 'qa') {
		// The API takes the pairs as a JSON string, not as an array.
		body = { type, content: JSON.stringify(readPairs(this)) };
	} else {
		const reference = String(this.getNodeParameter('fileReference', '') ?? '').trim();
		if (reference === '') throw invalidInput(this, "'File Reference' is empty");
		body = { type, content: reference };
	}
	requestOptions.body = body;
	return requestOptions;
}

export const sourceAddDescription: INodeProperties[] = [
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['source'], operation: ['add', 'refresh'] } },
		options: waitForTrainingOptions('source'),
	},
];
