/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/*
 * The bad-input table: every value the nodes check before they send anything, with a bad value
 * for each check. For each row the node must fail with a NodeOperationError whose message names the
 * field and says what is wrong, on the right item, and no request may reach the emulator.
 *
 * The last describe block proves the table complete: it lists the validated fields of every
 * declarative operation from the loaded node descriptions, and every input check written in
 * nodes/** from the source, and finds a row for each.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { HookedTrigger } from '../harness/runHook';
import { PolledTrigger } from '../harness/runPoll';
import type { RunNodeResult } from '../harness/runNode';
import { loadedNodeType, PACKAGE_ROOT } from '../harness/workflow';
import { aiChatbotHub } from '../nodes/AiChatbotHub/setup';
import { chatsby } from '../nodes/Chatsby/setup';
import { chatThing } from '../nodes/ChatThing/setup';
import { sendKit } from '../nodes/SendKit/setup';
import { usePlatform } from '../nodes/setup';

type NodeName = 'aiChatbotHub' | 'chatThing' | 'sendKit' | 'chatsby';

interface Row {
	node: NodeName | 'aiChatbotHubTrigger' | 'sendKitTrigger' | 'sendKitEventTrigger';
	/** `resource.operation` (for triggers: 'poll', or 'activate' for one that registers its webhook). */
	op: string;
	/** The parameter that holds the bad value (a dotted path into the parameters). */
	field: string;
	/** The property whose routing runs the check, when it is not the field itself. */
	checkedAt?: string;
	/** What is wrong with the value. */
	case: string;
	/**
	 * The bad value, given to the field through `{{ $json.value }}` so that it reaches the node the
	 * way a mapped value does. Undefined when the bad value is in `parameters` (the same for every
	 * item, e.g. an empty 'Update Fields').
	 */
	bad?: unknown;
	/** A value that passes: item 0 carries it, so the bad value is item 1's. */
	good?: unknown;
	/** Builds the input item from the value (files travel as binary data). */
	item?: (value: unknown) => INodeExecutionData;
	/** The row's own parameters or items carry the value: it is not placed in the field. */
	custom?: true;
	/** Parameters to change from the operation's valid ones, before the value is placed. */
	parameters?: INodeParameters;
	/** Credential fields to change (a trigger's activation checks its credential). */
	credential?: ICredentialDataDecryptedObject;
	/** The message, without the ` [item N]` that every item error ends with. */
	message: string;
	description?: string;
	/**
	 * Why the check is not one of each bad item on its own (it compares an item with an earlier
	 * one, or reads a value once for the run): the Continue On Fail case, two bad items each
	 * failing alone, does not apply.
	 */
	notPerItem?: string;
}

const VALUE = '={{ $json.value }}';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const HUB_ID = '43474da7ae3b4b7191ee29c2de798257';
const THING_ID = '7bb301ad-e691-4341-8afb-b4407c4ffdf2';
const OTHER_THING_ID = '41559b21-b8ff-44c3-8658-1c9e34273070';
const KIT_ID = '664a1b2c3d4e5f6a7b8c9d10';
// A fixture for the emulator, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
const PLATFORM_KEY = 'sk_user_platform_1';
const STORED_FILE = 'uploads/pricing.pdf';

/** What JSON.parse says about a text, as the node quotes it. */
function parseError(text: string): string {
	try {
		JSON.parse(text);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error(`${text} is valid JSON`);
}

/** An item carrying a file in its binary field 'data' (or no file at all). */
function fileItem(value: unknown): INodeExecutionData {
	const file = value as { name: string; size?: number; mimeType?: string } | null;
	if (!file) return { json: {} };
	return {
		json: {},
		binary: {
			data: {
				data: Buffer.alloc(file.size ?? 5, 'a').toString('base64'),
				mimeType: file.mimeType ?? 'application/pdf',
				fileName: file.name,
			},
		},
	};
}

/** An item with a good file and the value in its JSON. */
function fileAndValue(value: unknown): INodeExecutionData {
	return { ...fileItem({ name: 'pricing.pdf' }), json: { value } as IDataObject };
}

// ---------------------------------------------------------------------------------------------
// The operations, each with parameters that pass every check.
// ---------------------------------------------------------------------------------------------

const VALID: Record<NodeName, Record<string, INodeParameters>> = {
	aiChatbotHub: {
		'agent.create': {
			chatbot: rl(HUB_ID),
			name: 'Pricing expert',
			type: 'user-facing',
			additionalFields: {},
		},
		'agent.delete': { agent: rl(HUB_ID) },
		'agent.getAll': { chatbot: rl(HUB_ID), returnAll: true },
		'agent.update': { agent: rl(HUB_ID), updateFields: { name: 'Pricing expert' } },
		'chatbot.create': { name: 'Support bot', additionalFields: {} },
		'chatbot.delete': { chatbot: rl(HUB_ID) },
		'chatbot.get': { chatbot: rl(HUB_ID) },
		'chatbot.update': { chatbot: rl(HUB_ID), updateFields: { visibility: 'public' } },
		'dataSource.createQa': {
			chatbot: rl(HUB_ID),
			question: 'How long do refunds take?',
			answer: 'Five days.',
			additionalFields: {},
		},
		'dataSource.createUrl': {
			chatbot: rl(HUB_ID),
			url: 'https://example.com/docs',
			additionalFields: {},
		},
		'dataSource.delete': { dataSource: rl(HUB_ID) },
		'dataSource.deleteMany': { dataSourceIds: `${HUB_ID}, ${HUB_ID}` },
		'dataSource.getAll': { chatbot: rl(HUB_ID), returnAll: true },
		'dataSource.retrain': { dataSourceIds: HUB_ID, options: {} },
		'dataSource.sync': {
			chatbot: rl(HUB_ID),
			sourceType: 'qa',
			question: 'How long do refunds take?',
			answer: 'Five days.',
			syncTag: 'n8n sync',
			syncOptions: {},
		},
		'dataSource.update': { dataSource: rl(HUB_ID), title: 'Pricing page' },
		'dataSource.upload': { chatbot: rl(HUB_ID), binaryPropertyName: 'data', options: {} },
		'message.delete': { messageId: HUB_ID },
		'message.deleteMany': { messageIds: HUB_ID },
		'message.getAll': { session: rl(HUB_ID), returnAll: true },
		'message.send': { session: rl(HUB_ID), query: 'What are your opening hours?' },
		'session.create': { chatbot: rl(HUB_ID), additionalFields: {} },
		'session.delete': { session: rl(HUB_ID) },
		'session.get': { session: rl(HUB_ID) },
		'session.getAll': { chatbot: rl(HUB_ID), returnAll: true, filters: {} },
		'sourceTag.create': {
			chatbot: rl(HUB_ID),
			name: 'Pricing',
			color: '#088F8F',
			additionalFields: {},
		},
		'sourceTag.delete': { sourceTag: rl(HUB_ID) },
		'sourceTag.getAll': { chatbot: rl(HUB_ID), returnAll: true },
		'sourceTag.update': { sourceTag: rl(HUB_ID), updateFields: { name: 'Pricing' } },
	},
	chatThing: {
		'dataSource.delete': { dataSourceId: rl(THING_ID) },
		'dataSource.get': { dataSourceId: rl(THING_ID) },
		'dataSource.sync': { dataSourceId: rl(THING_ID) },
		'dataSource.update': { dataSourceId: rl(THING_ID), syncInterval: 'day' },
		'dataSourceRow.create': {
			dataSourceId: rl(THING_ID),
			name: 'opening-hours.md',
			content: '# Opening hours',
			options: {},
		},
		'dataSourceRow.delete': { dataSourceId: rl(THING_ID), rowId: THING_ID, options: {} },
		'dataSourceRow.get': { dataSourceId: rl(THING_ID), rowId: THING_ID },
		'dataSourceRow.getAll': { dataSourceId: rl(THING_ID), returnAll: true },
		'dataSourceRow.sync': {
			dataSourceId: rl(THING_ID),
			name: 'opening-hours.md',
			content: '# Opening hours',
			syncOptions: {},
		},
		'dataSourceRow.update': {
			dataSourceId: rl(THING_ID),
			rowId: THING_ID,
			name: 'opening-hours.md',
			content: '# Opening hours',
			options: {},
		},
		'message.getAll': { conversationId: rl(THING_ID), returnAll: true },
		'message.send': {
			conversationMode: 'continue',
			conversationId: rl(THING_ID),
			message: 'What is the distance to the moon?',
			options: {},
		},
	},
	sendKit: {
		'agent.create': { name: 'Enterprise Sales Agent' },
		'agent.delete': { agentId: rl(KIT_ID) },
		'agent.generateReply': { agentId: rl(KIT_ID), conversationId: 'conv_42' },
		'agent.get': { agentId: rl(KIT_ID) },
		'agent.retrain': { agentId: rl(KIT_ID), retrainOptions: {} },
		'agent.update': { agentId: rl(KIT_ID), updateFields: { name: 'Sales' } },
		'document.process': {
			agentId: rl(KIT_ID),
			fileKey: STORED_FILE,
			fileUrl: 'https://storage.example.com/pricing.pdf',
			fileName: 'pricing.pdf',
			fileType: 'pdf',
			fileSize: 5,
		},
		'document.remove': { agentId: rl(KIT_ID), fileKey: STORED_FILE },
		'document.sync': { agentId: rl(KIT_ID), binaryPropertyName: 'data', syncOptions: {} },
		'document.upload': { agentId: rl(KIT_ID), binaryPropertyName: 'data', options: {} },
		'webhook.create': {
			name: 'CRM Sync',
			url: 'https://crm.example.com/webhooks/sendkit',
			events: ['email.replied'],
			otherEvents: '',
			additionalFields: {},
			options: {},
		},
		'webhook.get': { webhookId: rl(KIT_ID), options: {} },
		'webhook.sendTest': { webhookId: rl(KIT_ID) },
		'webhook.update': { webhookId: rl(KIT_ID), updateFields: { name: 'CRM Sync' }, options: {} },
	},
	chatsby: {
		'agent.create': { name: 'Customer Support Bot', additionalFields: {} },
		'conversation.send': {
			agentId: rl('agent_1a2b3c4d5e'),
			message: 'What is your return policy?',
			options: {},
		},
		'source.add': {
			agentId: rl('agent_1a2b3c4d5e'),
			type: 'website',
			url: 'https://acme.com/help',
			options: {},
		},
		'source.delete': { sourceId: rl('src_abc123defg') },
		'source.get': { sourceId: rl('src_abc123defg') },
		'source.getAll': { agentId: rl('agent_1a2b3c4d5e'), returnAll: true, filters: {} },
		'source.refresh': { sourceId: rl('src_abc123defg'), options: {} },
		'source.sync': {
			agentId: rl('agent_1a2b3c4d5e'),
			sourceType: 'website',
			content: 'https://acme.com/help',
			syncOptions: {},
		},
	},
};

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/** A locator left blank (an expression that gave only spaces) on each of the operations. */
function blankLocator(
	node: NodeName,
	field: string,
	displayName: string,
	ops: string[],
	good: string,
): Row[] {
	return ops.map((op) => ({
		node,
		op,
		field,
		case: 'only spaces',
		bad: ' \t ',
		good,
		message: `'${displayName}' is empty`,
		description: `Choose a ${displayName.toLowerCase()} from the list or enter its ID.`,
	}));
}

const OBJECT_ID_DESCRIPTION =
	'Map the field that holds the ID, e.g. {{ $json.id }}, not the whole object.';

const aiChatbotHubRows: Row[] = [
	...blankLocator(
		'aiChatbotHub',
		'chatbot',
		'Chatbot',
		[
			'agent.create',
			'agent.getAll',
			'chatbot.delete',
			'chatbot.get',
			'chatbot.update',
			'dataSource.createQa',
			'dataSource.createUrl',
			'dataSource.getAll',
			'dataSource.sync',
			'session.create',
			'session.getAll',
			'sourceTag.create',
			'sourceTag.getAll',
		],
		HUB_ID,
	),
	{
		node: 'aiChatbotHub',
		op: 'dataSource.upload',
		field: 'chatbot',
		case: 'empty',
		bad: '',
		good: HUB_ID,
		item: fileAndValue,
		message: "'Chatbot' is empty",
	},
	{
		node: 'aiChatbotHub',
		op: 'chatbot.get',
		field: 'chatbot',
		case: 'a whole object instead of its ID',
		bad: { uuid: HUB_ID },
		good: HUB_ID,
		message: `'Chatbot' must be an ID, not an object: {"uuid":"${HUB_ID}"}`,
		description: OBJECT_ID_DESCRIPTION,
	},
	...blankLocator('aiChatbotHub', 'agent', 'Agent', ['agent.delete', 'agent.update'], HUB_ID),
	...blankLocator(
		'aiChatbotHub',
		'session',
		'Session',
		['message.getAll', 'message.send', 'session.delete', 'session.get'],
		HUB_ID,
	),
	...blankLocator(
		'aiChatbotHub',
		'dataSource',
		'Data Source',
		['dataSource.delete', 'dataSource.update'],
		HUB_ID,
	),
	...blankLocator(
		'aiChatbotHub',
		'sourceTag',
		'Source Tag',
		['sourceTag.delete', 'sourceTag.update'],
		HUB_ID,
	),
	{
		node: 'aiChatbotHub',
		op: 'message.delete',
		field: 'messageId',
		case: 'empty',
		bad: '',
		good: HUB_ID,
		message: "'Message ID' is empty",
	},
	{
		node: 'aiChatbotHub',
		op: 'message.delete',
		field: 'messageId',
		case: 'a list instead of one ID',
		bad: [HUB_ID],
		good: HUB_ID,
		message: `'Message ID' must be an ID, not a list: ["${HUB_ID}"]`,
	},
	// Names, titles and texts
	...(
		[
			['agent.create', 'name', 'Name'],
			['chatbot.create', 'name', 'Name'],
			['chatbot.update', 'updateFields.name', 'Name'],
			['dataSource.createQa', 'question', 'Question'],
			['dataSource.createQa', 'answer', 'Answer'],
			['dataSource.sync', 'question', 'Question'],
			['dataSource.sync', 'answer', 'Answer'],
			['dataSource.sync', 'syncTag', 'Source Tag'],
			['dataSource.update', 'title', 'Title'],
			['message.send', 'query', 'Message'],
			['sourceTag.create', 'name', 'Name'],
		] as const
	).map(
		([op, field, displayName]): Row => ({
			node: 'aiChatbotHub',
			op,
			field,
			case: 'only spaces and a line break',
			bad: '  \n ',
			good: 'Pricing',
			message: `'${displayName}' is empty`,
		}),
	),
	{
		node: 'aiChatbotHub',
		op: 'chatbot.create',
		field: 'name',
		case: 'a whole object instead of text',
		bad: { name: 'Support bot' },
		good: 'Support bot',
		message: `'Name' must be text, not an object: {"name":"Support bot"}`,
	},
	// URLs
	{
		node: 'aiChatbotHub',
		op: 'dataSource.createUrl',
		field: 'url',
		case: 'no scheme',
		bad: 'example.com/docs',
		good: 'https://example.com/docs',
		message: `'URL' is not a valid URL: "example.com/docs"`,
		description:
			'Enter a full address that starts with http:// or https://, e.g. https://example.com/docs',
	},
	...(['dataSource.createQa', 'dataSource.createUrl'] as const).map(
		(op): Row => ({
			node: 'aiChatbotHub',
			op,
			field: 'additionalFields.referenceSourceLink',
			case: 'an ftp:// address',
			bad: 'ftp://example.com/docs',
			good: 'https://example.com/docs',
			message: `'Reference Source Link' is not a valid URL: "ftp://example.com/docs"`,
		}),
	),
	{
		node: 'aiChatbotHub',
		op: 'dataSource.upload',
		field: 'options.referenceSourceLink',
		case: 'a host without a dot',
		bad: 'https://localhost/pricing.pdf',
		good: 'https://example.com/pricing.pdf',
		item: fileAndValue,
		message: `'Reference Source Link' is not a valid URL: "https://localhost/pricing.pdf"`,
	},
	// Files
	{
		node: 'aiChatbotHub',
		op: 'dataSource.upload',
		field: 'binaryPropertyName',
		case: 'an item without the named binary field',
		bad: null,
		good: { name: 'pricing.pdf' },
		item: fileItem,
		custom: true,
		message: "The item has no binary field 'data'",
		description:
			"The item carries no file. Read or download the file in an earlier node, then name its binary field in 'Input Binary Field'.",
	},
	{
		node: 'aiChatbotHub',
		op: 'dataSource.upload',
		field: 'binaryPropertyName',
		case: 'a binary field name the item does not have',
		bad: 'file',
		good: 'data',
		parameters: { binaryPropertyName: VALUE },
		custom: true,
		item: fileAndValue,
		message: "The item has no binary field 'file'",
		description: "Its binary fields are: data. Enter one of them in 'Input Binary Field'.",
	},
	// ID lists
	...(
		[
			['dataSource.deleteMany', 'dataSourceIds', 'Data Source IDs'],
			['dataSource.retrain', 'dataSourceIds', 'Data Source IDs'],
			['message.deleteMany', 'messageIds', 'Message IDs'],
		] as const
	).map(
		([op, field, displayName]): Row => ({
			node: 'aiChatbotHub',
			op,
			field,
			case: 'only commas and spaces',
			bad: ' , ,\n',
			good: HUB_ID,
			message: `'${displayName}' has no IDs`,
		}),
	),
	{
		node: 'aiChatbotHub',
		op: 'dataSource.deleteMany',
		field: 'dataSourceIds',
		case: 'a list of whole records instead of IDs',
		bad: [{ uuid: HUB_ID }],
		good: [HUB_ID],
		message: `'Data Source IDs' must hold IDs, not an object: {"uuid":"${HUB_ID}"}`,
		description: 'Map the field that holds the ID, e.g. {{ $json.items.map(item => item.id) }}.',
	},
	{
		node: 'aiChatbotHub',
		op: 'agent.update',
		field: 'updateFields.dataSourceIds',
		case: 'a whole record instead of IDs',
		bad: { uuid: HUB_ID },
		good: HUB_ID,
		message: `'Data Source IDs' must hold IDs, not an object: {"uuid":"${HUB_ID}"}`,
	},
	...(['sourceTag.create:additionalFields', 'sourceTag.update:updateFields'] as const).map(
		(where): Row => {
			const [op, collection] = where.split(':');
			return {
				node: 'aiChatbotHub',
				op,
				field: `${collection}.dataSourceIds`,
				case: 'a list of whole records instead of IDs',
				bad: [HUB_ID, { uuid: HUB_ID }],
				good: [HUB_ID],
				message: `'Data Source IDs' must hold IDs, not an object: {"uuid":"${HUB_ID}"}`,
			};
		},
	),
	// Numbers
	...(
		[
			['agent.create', 'additionalFields.bias', 'Bias', -0.1],
			['agent.create', 'additionalFields.stickiness', 'Stickiness', 1.01],
			['agent.create', 'additionalFields.temperature', 'Temperature', 2],
			['agent.update', 'updateFields.temperature', 'Temperature', -1],
		] as const
	).map(
		([op, field, displayName, bad]): Row => ({
			node: 'aiChatbotHub',
			op,
			field,
			case: `${bad}, outside 0 to 1`,
			bad,
			good: 0.5,
			message: `'${displayName}' must be from 0 to 1, not ${bad}`,
		}),
	),
	{
		node: 'aiChatbotHub',
		op: 'agent.create',
		field: 'additionalFields.temperature',
		case: 'a word',
		bad: 'warm',
		good: 0.5,
		message: `'Temperature' must be from 0 to 1, not "warm"`,
	},
	{
		node: 'aiChatbotHub',
		op: 'agent.create',
		field: 'additionalFields.bias',
		case: 'true, which Number() would read as 1',
		bad: true,
		good: 1,
		message: `'Bias' must be from 0 to 1, not true`,
	},
	{
		node: 'aiChatbotHub',
		op: 'agent.create',
		field: 'additionalFields.stickiness',
		case: 'only spaces, which Number() would read as 0',
		bad: '  ',
		good: 0,
		message: `'Stickiness' must be from 0 to 1, not "  "`,
	},
	{
		node: 'aiChatbotHub',
		op: 'chatbot.create',
		field: 'additionalFields.rateLimitMessages',
		checkedAt: 'additionalFields',
		case: 'a fraction',
		bad: 2.5,
		good: 20,
		message: "'Rate Limit Messages' must be a whole number from 1 to 100, not 2.5",
	},
	{
		node: 'aiChatbotHub',
		op: 'chatbot.update',
		field: 'updateFields.rateLimitSeconds',
		checkedAt: 'updateFields',
		case: 'above 360',
		bad: 361,
		good: 360,
		message: "'Rate Limit Period (Seconds)' must be a whole number from 1 to 360, not 361",
	},
	// JSON fields
	{
		node: 'aiChatbotHub',
		op: 'agent.create',
		field: 'additionalFields.tags',
		case: 'broken JSON',
		bad: '{"name": "Lead"',
		good: '{"name": "Lead"}',
		message: `'Tags' is not valid JSON: ${parseError('{"name": "Lead"')}`,
		description: 'Enter a JSON object, e.g. {"name": "value"}.',
	},
	{
		node: 'aiChatbotHub',
		op: 'agent.update',
		field: 'updateFields.tags',
		case: 'an array where an object belongs',
		bad: '[{"name": "Lead"}]',
		good: '{"name": "Lead"}',
		message: `'Tags' must be a JSON object, e.g. {"name": "value"}`,
	},
	{
		node: 'aiChatbotHub',
		op: 'agent.update',
		field: 'updateFields.variables',
		case: 'an object where an array belongs',
		bad: { name: 'user_email' },
		good: [{ name: 'user_email' }],
		message: `'Variables' must be a JSON array, e.g. [{"name": "value"}]`,
	},
	{
		node: 'aiChatbotHub',
		op: 'session.create',
		field: 'additionalFields.initialVariables',
		case: 'a nested object where a flat one belongs',
		bad: '{"customer": {"id": "C-1042"}}',
		good: '{"customer_id": "C-1042"}',
		message: `'Initial Variables' must be a flat JSON object whose values are text, numbers or booleans, e.g. {"plan": "pro"}`,
	},
	// Update Fields with nothing in them
	...(['agent.update', 'chatbot.update', 'sourceTag.update'] as const).map(
		(op): Row => ({
			node: 'aiChatbotHub',
			op,
			field: 'updateFields',
			case: 'nothing to change',
			parameters: { updateFields: {} },
			message: "'Update Fields' is empty",
			description: 'Add at least one field to change.',
		}),
	),
	// Colors and dates
	{
		node: 'aiChatbotHub',
		op: 'sourceTag.create',
		field: 'color',
		case: 'a color name',
		bad: 'teal',
		good: '#088F8F',
		message: `'Color' must be a hex color such as #088F8F, not "teal"`,
	},
	{
		node: 'aiChatbotHub',
		op: 'sourceTag.update',
		field: 'updateFields.color',
		case: 'five hex digits',
		bad: '#088F8',
		good: '#08F',
		message: `'Color' must be a hex color such as #088F8F, not "#088F8"`,
	},
	{
		node: 'aiChatbotHub',
		op: 'session.getAll',
		field: 'filters.createdAfter',
		checkedAt: 'filters',
		case: 'not a date',
		bad: 'last Tuesday',
		good: '2025-03-01T00:00:00Z',
		message: `'Created After' is not a date: "last Tuesday"`,
	},
	{
		node: 'aiChatbotHub',
		op: 'session.getAll',
		field: 'filters.createdBefore',
		checkedAt: 'filters',
		case: 'an impossible date',
		bad: '2025-02-30T25:00:00Z',
		good: '2025-03-01',
		message: `'Created Before' is not a date: "2025-02-30T25:00:00Z"`,
	},
	// Data Source → Sync runs as code: every item's entry is checked before the listing
	{
		node: 'aiChatbotHub',
		op: 'dataSource.sync',
		field: 'sourceType',
		case: 'neither Q&A nor URL',
		bad: 'faq',
		good: 'qa',
		message: `'Type' must be qa or url, not "faq"`,
		description: 'Choose Q&A or URL, or map a field that holds "qa" or "url" for each item.',
	},
	{
		node: 'aiChatbotHub',
		op: 'dataSource.sync',
		field: 'url',
		case: 'no scheme',
		bad: 'example.com/docs',
		good: 'https://example.com/docs',
		parameters: { sourceType: 'url' },
		message: `'URL' is not a valid URL: "example.com/docs"`,
	},
	{
		node: 'aiChatbotHub',
		op: 'dataSource.sync',
		field: 'syncOptions.tagColor',
		case: 'a color name',
		bad: 'teal',
		good: '#088F8F',
		message: `'Tag Color' must be a hex color such as #088F8F, not "teal"`,
	},
];

const chatThingRows: Row[] = [
	...blankLocator(
		'chatThing',
		'dataSourceId',
		'Data Source',
		[
			'dataSource.delete',
			'dataSource.get',
			'dataSource.sync',
			'dataSource.update',
			'dataSourceRow.get',
			'dataSourceRow.getAll',
		],
		THING_ID,
	),
	...blankLocator('chatThing', 'conversationId', 'Conversation', ['message.getAll'], THING_ID),
	{
		node: 'chatThing',
		op: 'dataSourceRow.get',
		field: 'rowId',
		case: 'empty',
		bad: '',
		good: THING_ID,
		message: "'Row ID' is empty",
	},
	// Operations that run as code: Message → Send and the batched row writes
	{
		node: 'chatThing',
		op: 'message.send',
		field: 'message',
		case: 'only spaces',
		bad: '   ',
		good: 'Hello',
		message: "'Message' is empty",
	},
	{
		node: 'chatThing',
		op: 'message.send',
		field: 'message',
		case: 'a whole object instead of text',
		bad: { text: 'Hello' },
		good: 'Hello',
		message: `'Message' must be text, not an object: {"text":"Hello"}`,
	},
	{
		node: 'chatThing',
		op: 'message.send',
		field: 'conversationId',
		case: 'only spaces',
		bad: '  ',
		good: THING_ID,
		message: "'Conversation' is empty",
		description: 'Choose a conversation, or send a one-off message.',
	},
	{
		node: 'chatThing',
		op: 'message.send',
		field: 'conversationId',
		case: 'a whole object instead of its ID',
		bad: { id: THING_ID },
		good: THING_ID,
		message: `'Conversation' must be an ID, not an object: {"id":"${THING_ID}"}`,
	},
	...(['dataSourceRow.create', 'dataSourceRow.delete', 'dataSourceRow.update'] as const).map(
		(op): Row => ({
			node: 'chatThing',
			op,
			field: 'dataSourceId',
			case: 'empty',
			bad: '',
			good: THING_ID,
			message: "'Data Source' is empty",
		}),
	),
	{
		node: 'chatThing',
		op: 'dataSourceRow.create',
		field: 'dataSourceId',
		case: 'a list instead of one ID',
		bad: [THING_ID],
		good: THING_ID,
		message: `'Data Source' must be an ID, not a list: ["${THING_ID}"]`,
	},
	...(['dataSourceRow.delete', 'dataSourceRow.update'] as const).map(
		(op): Row => ({
			node: 'chatThing',
			op,
			field: 'rowId',
			case: 'a tab',
			bad: '\t',
			good: THING_ID,
			message: "'Row ID' is empty",
		}),
	),
	...(['dataSourceRow.create', 'dataSourceRow.update'] as const).flatMap((op): Row[] => [
		{
			node: 'chatThing',
			op,
			field: 'name',
			case: 'empty',
			bad: '',
			good: 'faq.md',
			message: "'Name' is empty",
		},
		{
			node: 'chatThing',
			op,
			field: 'content',
			case: 'only line breaks',
			bad: '\r\n\n',
			good: '# FAQ',
			message: "'Content' is empty",
		},
	]),
	{
		node: 'chatThing',
		op: 'dataSourceRow.update',
		field: 'content',
		case: 'a whole object instead of text',
		bad: { markdown: '# FAQ' },
		good: '# FAQ',
		message: `'Content' must be text, not an object: {"markdown":"# FAQ"}`,
	},
	{
		node: 'chatThing',
		op: 'dataSourceRow.create',
		field: 'options.batchSize',
		case: '0',
		// One batch size for the run, read at item 0: the bad value is the same for every item.
		parameters: { options: { batchSize: '={{ 0 }}' } },
		message: "'Batch Size' must be from 1 to 1000, not 0",
	},
	// Data Source Row → Sync: every item is read and checked before the rows are listed
	{
		node: 'chatThing',
		op: 'dataSourceRow.sync',
		field: 'dataSourceId',
		case: 'empty',
		bad: '',
		good: THING_ID,
		message: "'Data Source' is empty",
	},
	{
		node: 'chatThing',
		op: 'dataSourceRow.sync',
		field: 'dataSourceId',
		case: 'another data source than the first item names',
		bad: OTHER_THING_ID,
		good: THING_ID,
		message: `'Data Source' is "${OTHER_THING_ID}", not "${THING_ID}" as at item 0`,
		description:
			'One sync fills one data source: every item must give the same one. To sync several, split the input (e.g. with Loop Over Items) and run the sync once for each.',
		notPerItem: 'it compares the item with the first one',
	},
	{
		node: 'chatThing',
		op: 'dataSourceRow.sync',
		field: 'name',
		case: 'only spaces',
		bad: '   ',
		good: 'faq.md',
		message: "'Name' is empty",
	},
	{
		node: 'chatThing',
		op: 'dataSourceRow.sync',
		field: 'name',
		case: 'the name of an earlier item, with spaces around it',
		bad: ' faq.md ',
		good: 'faq.md',
		message: 'Items 0 and 1 have the same key "faq.md"',
		description:
			'Each entry may be in the input once: remove or merge the duplicate, e.g. with a Remove Duplicates node.',
		notPerItem: 'it compares the item with an earlier one',
	},
	{
		node: 'chatThing',
		op: 'dataSourceRow.sync',
		field: 'content',
		case: 'a whole object instead of text',
		bad: { markdown: '# FAQ' },
		good: '# FAQ',
		message: `'Content' must be text, not an object: {"markdown":"# FAQ"}`,
	},
	{
		node: 'chatThing',
		op: 'dataSourceRow.sync',
		field: 'syncOptions.batchSize',
		case: '1001',
		parameters: { syncOptions: { batchSize: '={{ 1001 }}' } },
		message: "'Batch Size' must be from 1 to 1000, not 1001",
		notPerItem: 'one batch size for the run, read at item 0',
	},
];

const sendKitFile = (name: string, size?: number, mimeType?: string) => ({ name, size, mimeType });

const sendKitRows: Row[] = [
	...blankLocator(
		'sendKit',
		'agentId',
		'Agent',
		[
			'agent.delete',
			'agent.generateReply',
			'agent.get',
			'agent.retrain',
			'agent.update',
			'document.process',
			'document.remove',
		],
		KIT_ID,
	),
	...blankLocator(
		'sendKit',
		'webhookId',
		'Webhook',
		['webhook.get', 'webhook.sendTest', 'webhook.update'],
		KIT_ID,
	),
	{
		node: 'sendKit',
		op: 'document.upload',
		field: 'agentId',
		case: 'empty',
		bad: '',
		good: KIT_ID,
		item: fileAndValue,
		message: "'Agent' is empty",
	},
	{
		node: 'sendKit',
		op: 'agent.get',
		field: 'agentId',
		case: 'a whole object instead of its ID',
		bad: { _id: KIT_ID },
		good: KIT_ID,
		message: `'Agent' must be an ID, not an object: {"_id":"${KIT_ID}"}`,
	},
	...(
		[
			['agent.create', 'name', 'Name'],
			['agent.generateReply', 'conversationId', 'Conversation ID'],
			['document.process', 'fileKey', 'File Key'],
			['document.process', 'fileUrl', 'File URL'],
			['document.process', 'fileName', 'File Name'],
			['document.remove', 'fileKey', 'File Key'],
			['webhook.create', 'name', 'Name'],
			['webhook.create', 'additionalFields.secret', 'Secret'],
			['webhook.update', 'updateFields.name', 'Name'],
			['webhook.update', 'updateFields.secret', 'Secret'],
		] as const
	).map(
		([op, field, displayName]): Row => ({
			node: 'sendKit',
			op,
			field,
			case: 'only spaces',
			bad: '    ',
			good: 'x',
			message: `'${displayName}' is empty`,
		}),
	),
	{
		node: 'sendKit',
		op: 'agent.generateReply',
		field: 'conversationId',
		case: 'a list instead of text',
		bad: ['conv_42'],
		good: 'conv_42',
		message: `'Conversation ID' must be text, not a list: ["conv_42"]`,
	},
	{
		node: 'sendKit',
		op: 'agent.update',
		field: 'updateFields',
		checkedAt: 'updateFields',
		case: 'nothing to change in Update Fields, Company Info or Persona',
		parameters: { updateFields: {}, companyInfo: {}, persona: {} },
		message: "'Update Fields' is empty",
		description: 'Add at least one field to change.',
	},
	{
		node: 'sendKit',
		op: 'agent.update',
		field: 'updateFields.companyUrl',
		case: 'spaces inside',
		bad: 'https://acme .com',
		good: 'https://acme.com',
		message: `'Company URL' is not a valid URL: "https://acme .com"`,
	},
	{
		node: 'sendKit',
		op: 'agent.update',
		field: 'updateFields.autonomousMode',
		case: 'JSON with a trailing comma',
		bad: '{"enabled": true,}',
		good: '{"enabled": true}',
		message: `'Autonomous Mode' is not valid JSON: ${parseError('{"enabled": true,}')}`,
	},
	{
		node: 'sendKit',
		op: 'agent.update',
		field: 'updateFields.followupSettings',
		case: 'JSON null',
		bad: 'null',
		good: '{"enabled": true}',
		message: `'Follow-Up Settings' must be a JSON object, e.g. {"name": "value"}`,
	},
	{
		node: 'sendKit',
		op: 'document.upload',
		field: 'binaryPropertyName',
		case: 'a file over 10 MB',
		bad: sendKitFile('big.pdf', 10 * 1024 * 1024 + 1),
		good: sendKitFile('small.pdf'),
		item: fileItem,
		custom: true,
		message: "The file 'big.pdf' is 10485761 bytes; the most the service takes is 10485760 bytes",
	},
	{
		node: 'sendKit',
		op: 'document.upload',
		field: 'binaryPropertyName',
		case: 'a file of a type SendKit does not take',
		bad: sendKitFile('slides.pptx', 5, 'application/vnd.ms-powerpoint'),
		good: sendKitFile('notes.txt', 5, 'text/plain'),
		item: fileItem,
		custom: true,
		message: "The file 'slides.pptx' is of a type the service does not take",
		description: 'Accepted types: PDF, DOCX, TXT.',
	},
	{
		node: 'sendKit',
		op: 'document.upload',
		field: 'binaryPropertyName',
		case: 'an item without a file',
		bad: null,
		good: sendKitFile('pricing.pdf'),
		item: fileItem,
		custom: true,
		message: "The item has no binary field 'data'",
	},
	...(
		[
			['webhook.create', 'url'],
			['webhook.update', 'updateFields.url'],
		] as const
	).map(
		([op, field]): Row => ({
			node: 'sendKit',
			op,
			field,
			case: 'no scheme',
			bad: 'crm.example.com/hook',
			good: 'https://crm.example.com/hook',
			message: `'URL' is not a valid URL: "crm.example.com/hook"`,
		}),
	),
	{
		node: 'sendKit',
		op: 'webhook.create',
		field: 'events',
		case: 'no event picked and none typed',
		parameters: { events: [], otherEvents: '' },
		message: "'Events' and 'Other Events' are both empty",
		description:
			"Choose at least one event, or type event names that SendKit sends in 'Other Events'.",
	},
	{
		node: 'sendKit',
		op: 'webhook.create',
		field: 'events',
		case: 'a whole object instead of event names',
		bad: { event: 'email.replied' },
		good: 'email.replied',
		message: `'Events' must hold event names, not an object: {"event":"email.replied"}`,
	},
	{
		node: 'sendKit',
		op: 'webhook.create',
		field: 'otherEvents',
		checkedAt: 'events',
		case: 'an event name with a space',
		bad: 'email replied',
		good: 'lead.created',
		message: `'Other Events' has an event name with a space in it: "email replied"`,
		description: 'Separate event names with commas, e.g. email.replied, lead.created',
	},
	{
		node: 'sendKit',
		op: 'webhook.update',
		field: 'updateFields',
		checkedAt: 'updateFields',
		case: 'nothing to change',
		parameters: { updateFields: {} },
		message: "'Update Fields' is empty",
		description: 'Add at least one field to change.',
	},
	{
		node: 'sendKit',
		op: 'webhook.update',
		field: 'updateFields.events',
		checkedAt: 'updateFields',
		case: "'Events' added, with nothing in it or in 'Other Events'",
		parameters: { updateFields: { events: [] } },
		message: "'Events' and 'Other Events' are both empty",
	},
	...(
		[
			[
				'webhook.create',
				'additionalFields.retryAttempts',
				'Retry Attempts',
				11,
				3,
				'0 to 10',
				'11',
			],
			[
				'webhook.create',
				'additionalFields.retryAttempts',
				'Retry Attempts',
				2.5,
				3,
				'0 to 10',
				'2.5',
			],
			['webhook.update', 'updateFields.retryAttempts', 'Retry Attempts', -1, 0, '0 to 10', '-1'],
			[
				'webhook.create',
				'additionalFields.timeoutMs',
				'Timeout (Milliseconds)',
				999,
				1000,
				'1000 to 30000',
				'999',
			],
			[
				'webhook.update',
				'updateFields.timeoutMs',
				'Timeout (Milliseconds)',
				'a minute',
				30000,
				'1000 to 30000',
				'"a minute"',
			],
		] as const
	).map(
		([op, field, displayName, bad, good, range, shown]): Row => ({
			node: 'sendKit',
			op,
			field,
			case: `${shown}`,
			bad,
			good,
			message: `'${displayName}' must be a whole number from ${range}, not ${shown}`,
		}),
	),
	// Document → Sync runs as code: every item's agent and file are checked before the listing
	{
		node: 'sendKit',
		op: 'document.sync',
		field: 'agentId',
		case: 'empty',
		bad: '',
		good: KIT_ID,
		item: fileAndValue,
		message: "'Agent' is empty",
	},
	{
		node: 'sendKit',
		op: 'document.sync',
		field: 'binaryPropertyName',
		case: 'a file over 10 MB',
		bad: sendKitFile('big.pdf', 10 * 1024 * 1024 + 1),
		good: sendKitFile('small.pdf'),
		item: fileItem,
		custom: true,
		message: "The file 'big.pdf' is 10485761 bytes; the most the service takes is 10485760 bytes",
	},
	{
		node: 'sendKit',
		op: 'document.sync',
		field: 'binaryPropertyName',
		case: 'a file of a type SendKit does not take',
		bad: sendKitFile('slides.pptx', 5, 'application/vnd.ms-powerpoint'),
		good: sendKitFile('notes.txt', 5, 'text/plain'),
		item: fileItem,
		custom: true,
		message: "The file 'slides.pptx' is of a type the service does not take",
		description: 'Accepted types: PDF, DOCX, TXT.',
	},
	{
		node: 'sendKit',
		op: 'document.sync',
		field: 'binaryPropertyName',
		// An item with nothing in it ({}) is no entry of a sync; this one has JSON but no file.
		case: 'an item with JSON but no file',
		bad: null,
		good: sendKitFile('pricing.pdf'),
		item: (value) => (value ? fileItem(value) : { json: { name: 'pricing.pdf' } }),
		custom: true,
		message: "The item has no binary field 'data'",
	},
];

const chatsbyRows: Row[] = [
	...blankLocator(
		'chatsby',
		'agentId',
		'Agent',
		['source.add', 'source.getAll', 'source.sync'],
		'agent_1a2b3c4d5e',
	),
	...blankLocator(
		'chatsby',
		'sourceId',
		'Source',
		['source.delete', 'source.get', 'source.refresh'],
		'src_abc123defg',
	),
	{
		node: 'chatsby',
		op: 'agent.create',
		field: 'name',
		case: '101 characters',
		bad: 'n'.repeat(101),
		good: 'n'.repeat(100),
		message: "'Name' is 101 characters long; the most the service accepts is 100",
	},
	{
		node: 'chatsby',
		op: 'agent.create',
		field: 'name',
		case: 'empty',
		bad: '',
		good: 'Support',
		message: "'Name' is empty",
	},
	{
		node: 'chatsby',
		op: 'agent.create',
		field: 'additionalFields.systemPrompt',
		case: '4,001 characters',
		bad: 'p'.repeat(4001),
		good: 'p'.repeat(4000),
		message: "'System Prompt' is 4001 characters long; the most the service accepts is 4000",
	},
	{
		node: 'chatsby',
		op: 'agent.create',
		field: 'additionalFields.maxTokens',
		case: '0',
		bad: 0,
		good: 1,
		message: "'Max Tokens' must be from 1 to 4096, not 0",
	},
	{
		node: 'chatsby',
		op: 'agent.create',
		field: 'additionalFields.temperature',
		case: 'a list',
		bad: [0.5],
		good: 2,
		message: "'Temperature' must be from 0 to 2, not a list: [0.5]",
	},
	// Source → Add: one check per type
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'url',
		checkedAt: 'type',
		case: 'plain http://',
		bad: 'http://acme.com/help',
		good: 'https://acme.com/help',
		message: `'URL' is not a valid https:// URL: "http://acme.com/help"`,
		description: 'Chatsby crawls websites over HTTPS only, e.g. https://acme.com/help',
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'text',
		checkedAt: 'type',
		case: 'only spaces',
		bad: '     ',
		good: 'Returns are free.',
		parameters: { type: 'text' },
		message: "'Text' is empty",
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'text',
		checkedAt: 'type',
		case: '100,001 characters',
		bad: 't'.repeat(100_001),
		good: 't'.repeat(100_000),
		parameters: { type: 'text' },
		message: "'Text' is 100001 characters long; the most the service accepts is 100000",
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'fileReference',
		checkedAt: 'type',
		case: 'empty',
		bad: '',
		good: 'file_abc',
		parameters: { type: 'file' },
		message: "'File Reference' is empty",
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'qaJson',
		checkedAt: 'type',
		case: 'broken JSON',
		bad: '[{"question": "Hours?", "answer": "9-5"}',
		good: '[{"question": "Hours?", "answer": "9-5"}]',
		parameters: { type: 'qa', qaInput: 'json' },
		message: `'Q&A JSON' is not valid JSON: ${parseError('[{"question": "Hours?", "answer": "9-5"}')}`,
		description: 'Enter an array such as [{"question": "…", "answer": "…"}].',
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'qaJson',
		checkedAt: 'type',
		case: 'one pair as an object, not in an array',
		bad: '{"question": "Hours?", "answer": "9-5"}',
		good: '[{"question": "Hours?", "answer": "9-5"}]',
		parameters: { type: 'qa', qaInput: 'json' },
		message: "'Q&A' has no question and answer pairs",
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'qaJson',
		checkedAt: 'type',
		case: '501 pairs',
		bad: Array.from({ length: 501 }, (_, n) => ({ question: `Q${n}?`, answer: `A${n}` })),
		good: Array.from({ length: 500 }, (_, n) => ({ question: `Q${n}?`, answer: `A${n}` })),
		parameters: { type: 'qa', qaInput: 'json' },
		message: "'Q&A' has 501 pairs; the most one source takes is 500",
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'qaJson',
		checkedAt: 'type',
		case: 'a pair whose answer is a number',
		bad: [
			{ question: 'Hours?', answer: '9-5' },
			{ question: 'Year?', answer: 2025 },
		],
		good: [{ question: 'Hours?', answer: '9-5' }],
		parameters: { type: 'qa', qaInput: 'json' },
		message: "'Q&A' pair 2 needs a question and an answer, both text",
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'qaPairs.pair.answer',
		checkedAt: 'type',
		case: 'a pair with a blank answer',
		bad: ' ',
		good: '9-5',
		parameters: {
			type: 'qa',
			qaInput: 'pairs',
			qaPairs: { pair: [{ question: 'Hours?', answer: VALUE }] },
		},
		custom: true,
		message: "'Q&A' pair 1 needs a question and an answer, both text",
	},
	{
		node: 'chatsby',
		op: 'source.add',
		field: 'qaPairs',
		checkedAt: 'type',
		case: 'no pairs',
		parameters: { type: 'qa', qaInput: 'pairs', qaPairs: {} },
		message: "'Q&A' has no question and answer pairs",
	},
	// Source → Sync: the checks of Source → Add, on 'Content', for every item before the listing
	{
		node: 'chatsby',
		op: 'source.sync',
		field: 'sourceType',
		case: 'a type the sync does not know',
		bad: 'pdf',
		good: 'website',
		message: `'Type' must be website, text or qa, not "pdf"`,
	},
	{
		node: 'chatsby',
		op: 'source.sync',
		field: 'content',
		case: 'a website over plain http://',
		bad: 'http://acme.com/help',
		good: 'https://acme.com/help',
		message: `'Content' is not a valid https:// URL: "http://acme.com/help"`,
		description: 'Chatsby crawls websites over HTTPS only, e.g. https://acme.com/help',
	},
	{
		node: 'chatsby',
		op: 'source.sync',
		field: 'content',
		case: 'a text of 100,001 characters',
		bad: 't'.repeat(100_001),
		good: 't'.repeat(100_000),
		parameters: { sourceType: 'text' },
		message: "'Content' is 100001 characters long; the most the service accepts is 100000",
	},
	{
		node: 'chatsby',
		op: 'source.sync',
		field: 'content',
		case: 'Q&A that is broken JSON',
		bad: '[{"question": "Hours?", "answer": "9-5"}',
		good: '[{"question": "Hours?", "answer": "9-5"}]',
		parameters: { sourceType: 'qa' },
		message: `'Content' is not valid JSON: ${parseError('[{"question": "Hours?", "answer": "9-5"}')}`,
	},
	{
		node: 'chatsby',
		op: 'source.sync',
		field: 'content',
		case: 'Q&A of 501 pairs',
		bad: Array.from({ length: 501 }, (_, n) => ({ question: `Q${n}?`, answer: `A${n}` })),
		good: Array.from({ length: 500 }, (_, n) => ({ question: `Q${n}?`, answer: `A${n}` })),
		parameters: { sourceType: 'qa' },
		message: "'Q&A' has 501 pairs; the most one source takes is 500",
	},
	{
		node: 'chatsby',
		op: 'source.sync',
		field: 'content',
		case: 'a Q&A pair without an answer',
		bad: [{ question: 'Hours?' }],
		good: [{ question: 'Hours?', answer: '9-5' }],
		parameters: { sourceType: 'qa' },
		message: "'Q&A' pair 1 needs a question and an answer, both text",
	},
	{
		node: 'chatsby',
		op: 'source.sync',
		field: 'agentId',
		case: 'another agent than the first item names',
		bad: 'agent_0ther00001',
		good: 'agent_1a2b3c4d5e',
		message: `'Agent' is "agent_0ther00001", not "agent_1a2b3c4d5e" as at item 0`,
		notPerItem: 'it compares the item with the first one',
	},
	{
		node: 'chatsby',
		op: 'source.sync',
		field: 'content',
		case: 'the website of an earlier item, with a fragment and a trailing slash',
		bad: 'https://acme.com/help/#top',
		good: 'https://acme.com/help',
		message: 'Items 0 and 1 have the same key "website:https://acme.com/help"',
		notPerItem: 'it compares the item with an earlier one',
	},
	// Conversation → Send Message runs as code
	{
		node: 'chatsby',
		op: 'conversation.send',
		field: 'agentId',
		case: 'empty',
		bad: '',
		good: 'agent_1a2b3c4d5e',
		message: "'Agent' is empty",
	},
	{
		node: 'chatsby',
		op: 'conversation.send',
		field: 'agentId',
		case: 'a whole object instead of its ID',
		bad: { id: 'agent_1a2b3c4d5e' },
		good: 'agent_1a2b3c4d5e',
		message: `'Agent' must be an ID, not an object: {"id":"agent_1a2b3c4d5e"}`,
	},
	{
		node: 'chatsby',
		op: 'conversation.send',
		field: 'message',
		case: 'only spaces',
		bad: ' ',
		good: 'Hello',
		message: "'Message' is empty",
	},
];

/** The polling triggers check their locator before they poll. */
const triggerRows: Row[] = [
	{
		node: 'aiChatbotHubTrigger',
		op: 'poll',
		field: 'chatbot',
		case: 'only spaces',
		bad: '  ',
		message: "'Chatbot' is empty",
		description: 'Choose the chatbot to watch.',
	},
	{
		node: 'sendKitTrigger',
		op: 'poll',
		field: 'agentId',
		case: 'only spaces',
		bad: '  ',
		message: "'Agent' is empty",
		description: 'Choose the agent to watch.',
	},
	{
		node: 'sendKitEventTrigger',
		op: 'activate',
		field: 'events',
		case: 'no event picked and none typed',
		parameters: { events: [], otherEvents: ' ' },
		message: "'Events' and 'Other Events' are both empty",
		description:
			"Choose at least one event, or type event names that SendKit sends in 'Other Events'.",
	},
	{
		node: 'sendKitEventTrigger',
		op: 'activate',
		field: 'workspaceId',
		case: 'a platform key without a Workspace ID',
		parameters: { events: ['email.replied'] },
		credential: { apiKey: PLATFORM_KEY, workspaceId: ' ' },
		message: "The credential has a platform key (sk_user_…) but no 'Workspace ID'",
		description:
			"Webhooks belong to a workspace: enter its ID in the SendKit API credential's Workspace ID, or use a workspace key (sk_…).",
	},
];

const NODE_ROWS: Row[] = [...aiChatbotHubRows, ...chatThingRows, ...sendKitRows, ...chatsbyRows];
const ROWS: Row[] = [...NODE_ROWS, ...triggerRows];

// ---------------------------------------------------------------------------------------------
// Running a row
// ---------------------------------------------------------------------------------------------

/** A copy of the parameters with `value` at the dotted path (inside a locator, its value). */
function place(parameters: INodeParameters, field: string, value: string): INodeParameters {
	const copy = structuredClone(parameters) as Record<string, unknown>;
	const keys = field.split('.');
	let target = copy;
	for (const key of keys.slice(0, -1)) {
		target[key] ??= {};
		target = target[key] as Record<string, unknown>;
	}
	const last = keys[keys.length - 1];
	const current = target[last] as { __rl?: boolean } | undefined;
	target[last] = current?.__rl ? { ...current, value } : value;
	return copy as INodeParameters;
}

function parametersOf(row: Row): INodeParameters {
	const [resource, operation] = row.op.split('.');
	const base = {
		resource,
		operation,
		...VALID[row.node as NodeName][row.op],
		...row.parameters,
	} as INodeParameters;
	return row.bad === undefined || row.custom ? base : place(base, row.field, VALUE);
}

function itemOf(row: Row, value: unknown): INodeExecutionData {
	return row.item ? row.item(value) : { json: { value } as IDataObject };
}

function nameOf(row: Row): string {
	return `${row.node} › ${row.op} › '${row.field}': ${row.case}`;
}

/** How n8n runs the operation: declarative routing, or code (the node's customOperations). */
async function runsAsCode(row: Row): Promise<boolean> {
	const [resource, operation] = row.op.split('.');
	const type = (await loadedNodeType(row.node)) as INodeType;
	return type.customOperations?.[resource]?.[operation] !== undefined;
}

describe('Bad input: every checked field fails before any request', () => {
	const hub = usePlatform(aiChatbotHub);
	const thing = usePlatform(chatThing);
	const kit = usePlatform(sendKit);
	const by = usePlatform(chatsby);
	const platforms = {
		aiChatbotHub: hub,
		chatThing: thing,
		sendKit: kit,
		chatsby: by,
	};
	const allRequests = () =>
		[hub, thing, kit, by].flatMap(({ emulator }) =>
			emulator.requests.map((request) => `${request.method} ${request.path}`),
		);

	describe.each(NODE_ROWS.map((row) => [nameOf(row), row] as const))('%s', (_name, row) => {
		const run = (input: INodeExecutionData[], continueOnFail: boolean): Promise<RunNodeResult> =>
			platforms[row.node as NodeName].run(parametersOf(row), { input, continueOnFail });
		// The bad value is item 1's when a good one can go first, so the item is named right.
		const badItem = row.bad !== undefined && row.good !== undefined ? 1 : 0;
		const message = (itemIndex: number) => `${row.message} [item ${itemIndex}]`;

		it(`fails naming item ${badItem} and sends nothing, with Continue On Fail off`, async () => {
			const input =
				badItem === 1 ? [itemOf(row, row.good), itemOf(row, row.bad)] : [itemOf(row, row.bad)];

			const { error, items } = await run(input, false);

			expect(items).toEqual([]);
			expect(error?.message).toBe(message(badItem));
			expect(error?.context?.itemIndex).toBe(badItem);
			if (row.description !== undefined) expect(error?.description).toBe(row.description);
			if (await runsAsCode(row)) {
				expect(error?.name).toBe('NodeOperationError');
			} else {
				// n8n's declarative engine (RoutingNode.runNode, n8n-core 2.41) rethrows a failed item
				// that is not a NodeApiError as one with httpCode 'none', keeping message, description
				// and item. The node's own NodeOperationError is what Continue On Fail keeps (below).
				expect(error).toMatchObject({ name: 'NodeApiError', httpCode: 'none' });
			}
			expect(allRequests()).toEqual([]);
		});

		if (row.op === 'dataSourceRow.create' && row.field === 'options.batchSize') return;
		if (row.notPerItem) return;

		it('gives each bad item its own error item and sends nothing, with Continue On Fail on', async () => {
			const { error, items } = await run([itemOf(row, row.bad), itemOf(row, row.bad)], true);

			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.error ?? item.error?.message)).toEqual([
				message(0),
				message(1),
			]);
			if (!(await runsAsCode(row))) {
				// The error n8n keeps on each error item is the one the node threw.
				expect(items.map((item) => item.error?.name)).toEqual([
					'NodeOperationError',
					'NodeOperationError',
				]);
				expect(items.map((item) => item.error?.context?.itemIndex)).toEqual([0, 1]);
			}
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(allRequests()).toEqual([]);
		});
	});

	describe.each(
		triggerRows.filter((row) => row.op === 'activate').map((row) => [nameOf(row), row] as const),
	)('%s', (_name, row) => {
		it('fails the activation before any request', async () => {
			const trigger = new HookedTrigger(
				row.node,
				row.parameters ?? {},
				kit.credentials(row.credential),
			);

			await expect(trigger.activate()).rejects.toMatchObject({
				name: 'NodeOperationError',
				message: row.message,
				description: row.description,
			});
			expect(allRequests()).toEqual([]);
		});
	});

	describe.each(
		triggerRows.filter((row) => row.op === 'poll').map((row) => [nameOf(row), row] as const),
	)('%s', (_name, row) => {
		it('fails the poll before any request', async () => {
			const trigger =
				row.node === 'aiChatbotHubTrigger'
					? new PolledTrigger(
							'aiChatbotHubTrigger',
							{ chatbot: rl(row.bad as string), events: ['finished'] },
							hub.credentials(),
						)
					: new PolledTrigger(
							'sendKitTrigger',
							{ agentId: rl(row.bad as string), events: ['finished'] },
							kit.credentials(),
						);

			await expect(trigger.poll()).rejects.toMatchObject({
				name: 'NodeOperationError',
				message: row.message,
				description: row.description,
			});
			expect(allRequests()).toEqual([]);
		});
	});
});

// ---------------------------------------------------------------------------------------------
// The table is complete
// ---------------------------------------------------------------------------------------------

/** `node resource.operation path` of every property whose routing runs a check before sending. */
async function declarativeChecks(node: NodeName): Promise<string[]> {
	const type = (await loadedNodeType(node)) as INodeType;
	const properties = type.description.properties;
	const operationsOf = (resource: string) =>
		properties
			.filter(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.includes(resource),
			)
			.flatMap((property) =>
				(property.options as Array<{ value: string }>).map((option) => option.value),
			);
	const found = new Set<string>();
	const visit = (
		list: Array<INodeProperties | INodePropertyCollection>,
		parent: string,
		show: Record<string, unknown> | undefined,
	) => {
		for (const entry of list) {
			if (!('type' in entry)) {
				visit(entry.values, `${parent}.${entry.name}`, show);
				continue;
			}
			const fieldPath = parent ? `${parent}.${entry.name}` : entry.name;
			const shown = (entry.displayOptions?.show ?? show) as
				| { resource?: string[]; operation?: string[] }
				| undefined;
			if ((entry.routing?.send?.preSend ?? []).length > 0) {
				for (const resource of shown?.resource ?? []) {
					for (const operation of shown?.operation ?? operationsOf(resource)) {
						// Operations that run as code do not use the routing: their checks are in the source.
						if (type.customOperations?.[resource]?.[operation]) continue;
						found.add(`${node} ${resource}.${operation} ${fieldPath}`);
					}
				}
			}
			if (entry.options && (entry.type === 'collection' || entry.type === 'fixedCollection'))
				visit(entry.options as INodeProperties[], fieldPath, shown);
		}
	};
	visit(properties, '', undefined);
	// The ID fillers sit on the operation beside its URL, and say which fields they check.
	for (const property of properties.filter((entry) => entry.name === 'operation')) {
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				for (const step of option.routing?.send?.preSend ?? []) {
					for (const field of (step as { checks?: string[] }).checks ?? [])
						found.add(`${node} ${resource}.${String(option.value)} ${field}`);
				}
			}
		}
	}
	return [...found].sort();
}

function sourceFiles(directory: string): string[] {
	return readdirSync(directory).flatMap((name) => {
		const full = path.join(directory, name);
		if (statSync(full).isDirectory()) return sourceFiles(full);
		return name.endsWith('.ts') ? [full] : [];
	});
}

/** The argument text of each call the pattern finds (the pattern ends at the opening parenthesis). */
function argumentsOf(text: string, pattern: RegExp): string[] {
	return [...text.matchAll(pattern)].map((match) => {
		let depth = 1;
		let end = (match.index ?? 0) + match[0].length;
		for (; end < text.length && depth > 0; end++) {
			if (text[end] === '(') depth++;
			if (text[end] === ')') depth--;
		}
		return text.slice((match.index ?? 0) + match[0].length, end - 1);
	});
}

interface ThrowSite {
	where: string;
	template: string;
	pattern: RegExp;
}

/** Every input error written in nodes/**: inputError(...) and new NodeOperationError(...) calls. */
function inputCheckSites(): ThrowSite[] {
	const call =
		/\b(?:inputError|new NodeOperationError)\(\s*[\w.]+(?:\([\w.]*\))?\s*,\s*(`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g;
	return sourceFiles(path.join(PACKAGE_ROOT, 'nodes')).flatMap((file) => {
		const text = readFileSync(file, 'utf8');
		return [...text.matchAll(call)].map((match) => {
			const literal = match[1].slice(1, -1).replace(/\\(.)/g, '$1');
			const pieces = literal
				.split(/\$\{[^}]*\}/)
				.map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
			const line = text.slice(0, match.index).split('\n').length;
			return {
				where: `${path.relative(PACKAGE_ROOT, file)}:${line}`,
				template: literal,
				pattern: new RegExp(`^${pieces.join('.*')}( \\[item \\d+\\])?$`, 's'),
			};
		});
	});
}

/** Checks no node can reach: the options that would turn them on are passed by no call. */
const UNREACHABLE: Record<string, string> = {
	'\'${field.displayName}\' is not a valid ID: "${id.slice(0, 80)}"':
		'readId is never given an ID shape (the IDs of all four platforms are opaque here)',
	"'${displayName}' has ${ids.length} IDs; the most one request takes is ${limits.max}":
		'requireIdList is never given a maximum (long lists are sent in chunks of 100)',
	'\'${displayName}\' contains an ID that is not valid: "${malformed.slice(0, 80)}"':
		'requireIdList is never given an ID shape',
};

/**
 * Checks whose tests are elsewhere: the sync's rules (nodes/shared/sync.ts), tested in
 * test/nodes/shared/sync.test.ts and in each platform's sync tests. Its guards on the plan come
 * after the listing request, so they cannot be rows of a table whose rows send nothing. (Two
 * items with one key are refused before any request: those are rows of the table.)
 */
const CHECKED_ELSEWHERE: Record<string, string> = {
	'The input is empty, so the sync would delete all ${deletions} entries it manages':
		'the sync rules (checked after the listing)',
	"The sync would delete ${deletions} entries, more than 'Max Deletions' (${settings.maxDeletions})":
		'the sync rules (checked after the listing)',
	'${failed.length} of ${items.length} entries could not be synced: ${String(failed[0].json.key).slice(0, 80)}: ${String(failed[0].json.error)}':
		'the sync rules (after the writes)',
};

describe('Bad input: the table covers every check', () => {
	it('has a row for every validated field of every declarative operation', async () => {
		const checks = (
			await Promise.all(
				(['aiChatbotHub', 'chatThing', 'sendKit', 'chatsby'] as const).map(declarativeChecks),
			)
		).flat();
		const covered = new Set(
			NODE_ROWS.map((row) => `${row.node} ${row.op} ${row.checkedAt ?? row.field}`),
		);

		expect(checks.filter((check) => !covered.has(check))).toEqual([]);
		expect(checks.length).toBeGreaterThan(80);
	});

	it('names only operations and fields that exist', async () => {
		const checks = new Set(
			(
				await Promise.all(
					(['aiChatbotHub', 'chatThing', 'sendKit', 'chatsby'] as const).map(declarativeChecks),
				)
			).flat(),
		);
		const unknown: string[] = [];
		for (const row of NODE_ROWS) {
			const key = `${row.node} ${row.op} ${row.checkedAt ?? row.field}`;
			if (!checks.has(key) && !(await runsAsCode(row))) unknown.push(key);
		}

		expect(unknown).toEqual([]);
	});

	it('has a row with the message of every input check written in nodes/**', () => {
		const messages = ROWS.flatMap((row) => [0, 1].map((item) => `${row.message} [item ${item}]`));
		const sites = inputCheckSites();
		const uncovered = sites
			.filter((site) => UNREACHABLE[site.template] === undefined)
			.filter((site) => CHECKED_ELSEWHERE[site.template] === undefined)
			.filter((site) => !messages.some((message) => site.pattern.test(message)))
			.map((site) => `${site.where}: ${site.template}`);

		expect(uncovered).toEqual([]);
		// The scanner finds the checks: each message is written once (parameters.ts for IDs, text
		// and URLs), and the platform-specific ones where they are made.
		expect(sites.map((site) => site.template)).toEqual(
			expect.arrayContaining([
				"'${field.displayName}' is empty",
				"'Q&A' has no question and answer pairs",
			]),
		);
		expect(sites.length).toBeGreaterThan(25);
	});

	it('leaves out only checks that no call can turn on', () => {
		const checkFiles = ['validation.ts', 'parameters.ts'].map((file) => path.join('shared', file));
		const checks = checkFiles
			.map((file) => readFileSync(path.join(PACKAGE_ROOT, 'nodes', file), 'utf8'))
			.join('\n');
		const callers = sourceFiles(path.join(PACKAGE_ROOT, 'nodes'))
			.filter((file) => !checkFiles.some((checkFile) => file.endsWith(checkFile)))
			.map((file) => readFileSync(file, 'utf8'));

		for (const template of Object.keys(UNREACHABLE)) expect(checks).toContain(template);
		const calls = callers.flatMap((text) =>
			argumentsOf(text, /\b(readId|idsInUrl|idsInBody|idsInQuery|requireIdList|sendIdList)\(/g),
		);
		expect(calls.length).toBeGreaterThan(5);
		// No caller passes an ID shape or a list maximum (nor `required` to sendIdList, whose
		// "has no IDs" reads like requireIdList's, which the table covers).
		expect(calls.filter((call) => /\b(shape|max|required)\b/.test(call))).toEqual([]);
	});
});
