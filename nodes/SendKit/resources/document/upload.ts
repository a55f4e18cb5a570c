import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { readBinaryFile } from '../../../shared/binaryInput';
import type { Operation } from '../../../shared/descriptions';
import { declarativeRequests, type RequestPlan } from '../../../shared/request/declarative';
import { sendRequest } from '../../../shared/request/request';
import { idsInUrl } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';
import { sendKit } from '../../platform';

const showOnlyForDocumentUpload = { resource: ['document'], operation: ['upload'] };

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The file each upload request is about, kept from the check to the upload itself. */
const files = new WeakMap<object, { data: Buffer; contentType: string; fileName: string }>();

/**
 * Checks the file (PDF, DOCX or TXT, at most 10 MB) before any request, and asks SendKit for an
 * upload URL with its name, type and size (the documented JSON mode).
 */
async function askForUploadUrl(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const file = await readBinaryFile(this, 'binaryPropertyName', 'file', {
		maxBytes: MAX_DOCUMENT_BYTES,
		extensions: ['pdf', 'docx', 'txt'],
	});
	files.set(requestOptions, {
		data: file.data,
		contentType: file.contentType,
		fileName: file.fileName,
	});
	requestOptions.body = {
		filename: file.fileName,
		contentType: file.contentType,
		fileSize: file.data.length,
	};
	return requestOptions;
}

/**
 * Upload in SendKit's three steps: ask for a presigned URL, PUT the bytes there, then (unless
 * turned off) have the agent process the document. Each step goes through the request limits.
 */
const uploadInThreeSteps: RequestPlan = async function (send, requestData) {
	const file = files.get(requestData.options);
	const [{ json: upload }] = await send(requestData);
	const uploadUrl = String(upload.presignedUrl ?? upload.uploadUrl ?? '');
	if (!file || uploadUrl === '') return [{ json: upload }];

	// A presigned storage URL: it carries its own authorization, so no credential is sent.
	await sendRequest(this, sendKit, {
		method: 'PUT',
		url: uploadUrl,
		body: file.data,
		headers: { 'Content-Type': file.contentType },
		authenticate: false,
	});

	const { processAfterUpload = true } = this.getNodeParameter('options', {}) as IDataObject;
	const document = {
		fileKey: upload.key,
		fileUrl: upload.url,
		fileName: upload.filename ?? file.fileName,
		fileType: upload.fileType,
		fileSize: file.data.length,
	};
	if (!processAfterUpload) return [{ json: { ...document, processed: false } }];
	const [processed] = await send({
		...requestData,
		options: {
			...requestData.options,
			url: String(requestData.options.url).replace(/\/upload-document$/, '/process-document'),
			body: document,
		},
	});
	return [processed];
};

export const uploadDocument: Operation = {
	option: {
		name: 'Upload',
		value: 'upload',
		action: 'Upload a document',
		description: 'Upload a PDF, DOCX or TXT file (at most 10 MB) for an agent to learn from',
		routing: {
			request: { method: 'POST', url: '/v1/agents/{agentId}/upload-document' },
			send: { preSend: [idsInUrl(agentLocator)] },
			output: { postReceive: [unwrapData] },
			operations: { pagination: declarativeRequests(sendKit, uploadInThreeSteps) },
		},
	},
	properties: [
		{ ...agentLocator, displayOptions: { show: showOnlyForDocumentUpload } },
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field that holds the file (PDF, DOCX or TXT, at most 10 MB)',
			displayOptions: { show: showOnlyForDocumentUpload },
			routing: { send: { preSend: [askForUploadUrl] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: showOnlyForDocumentUpload },
			options: [
				{
					displayName: 'Process After Upload',
					name: 'processAfterUpload',
					type: 'boolean',
					default: true,
					description:
						'Whether to have the agent process (extract, chunk and index) the document right away; otherwise run Document → Process later',
				},
			],
		},
	],
};
