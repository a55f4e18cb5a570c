import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { readBinaryFile } from '../../../shared/binaryInput';
import type { Operation } from '../../../shared/descriptions';
import { asNodeError, failureOf } from '../../../shared/errors';
import { buildMultipart } from '../../../shared/multipart';
import { declarativeRequests, type RequestPlan } from '../../../shared/request/declarative';
import { idsInUrl, requireUrl } from '../../../shared/validation';
import { chatbotLocator } from '../../descriptions';
import { aiChatbotHub } from '../../platform';

const showOnlyForDataSourceUpload = { resource: ['dataSource'], operation: ['upload'] };

/** The file goes in a multipart part named `file`; the link as a plain form field. */
async function sendFileAsMultipart(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	// File types and size limits are undocumented: the service is the judge of those.
	const file = await readBinaryFile(this, 'binaryPropertyName', 'file');
	const options = this.getNodeParameter('options', {}) as { referenceSourceLink?: string };
	const multipart = buildMultipart(
		{ reference_source_link: options.referenceSourceLink?.trim() || undefined },
		[file],
	);
	requestOptions.body = multipart.body;
	requestOptions.headers = { ...requestOptions.headers, 'Content-Type': multipart.contentType };
	return requestOptions;
}

/**
 * A file the chatbot already has answers 409 with the existing source in the body. That is not a
 * failure for a workflow that syncs files: by default the item returns the existing source,
 * marked `alreadyExisted: true`.
 */
const acceptDuplicateUpload: RequestPlan = async function (send, requestData) {
	try {
		return await send(requestData);
	} catch (error) {
		const failure = failureOf(error);
		const { onDuplicate = 'returnExisting' } = this.getNodeParameter('options', {}) as {
			onDuplicate?: string;
		};
		const existing = failure?.body;
		if (
			failure?.status === 409 &&
			onDuplicate === 'returnExisting' &&
			existing !== null &&
			typeof existing === 'object'
		) {
			return [{ json: { ...(existing as object), alreadyExisted: true } }] as INodeExecutionData[];
		}
		throw asNodeError(this.getNode(), error);
	}
};

export const uploadDataSource: Operation = {
	option: {
		name: 'Upload',
		value: 'upload',
		action: 'Upload a file as a data source',
		description: 'Upload a file from binary data; the chatbot learns from it',
		routing: {
			request: {
				method: 'POST',
				url: '/chatbot/{chatbot}/data-source/upload',
			},
			send: { preSend: [idsInUrl(chatbotLocator)] },
			operations: { pagination: declarativeRequests(aiChatbotHub, acceptDuplicateUpload) },
		},
	},
	properties: [
		{ ...chatbotLocator, displayOptions: { show: showOnlyForDataSourceUpload } },
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field that holds the file',
			description: 'The file is sent with its name and MIME type as they are in the binary field',
			displayOptions: { show: showOnlyForDataSourceUpload },
			routing: { send: { preSend: [sendFileAsMultipart] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: showOnlyForDataSourceUpload },
			options: [
				{
					displayName: 'If the File Already Exists',
					name: 'onDuplicate',
					type: 'options',
					options: [
						{
							name: 'Return the Existing Source',
							value: 'returnExisting',
							description: 'Output the source the chatbot already has, marked "alreadyExisted"',
						},
						{
							name: 'Fail',
							value: 'fail',
							description: 'Treat the 409 answer as an error',
						},
					],
					default: 'returnExisting',
					description:
						'What to do when the chatbot already has this file (the service answers 409)',
				},
				{
					displayName: 'Reference Source Link',
					name: 'referenceSourceLink',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/docs/pricing.pdf',
					description: 'A link that citations of this source point to',
					routing: {
						send: {
							preSend: [
								requireUrl('options.referenceSourceLink', 'Reference Source Link', {
									optional: true,
								}),
							],
						},
					},
				},
			],
		},
	],
};
