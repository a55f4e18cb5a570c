import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { readBinaryFile } from '../../../shared/binaryInput';
import type { Operation } from '../../../shared/descriptions';
import type { NodeContext } from '../../../shared/parameters';
import { declarativeRequests, type RequestPlan } from '../../../shared/request/declarative';
import { sendRequest } from '../../../shared/request/request';
import { idsInUrl } from '../../../shared/validation';
import { agentLocator, unwrapData } from '../../descriptions';
import { sendKit } from '../../platform';

const showOnlyForDocumentUpload = { resource: ['document'], operation: ['upload'] };

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** A document file, as the upload steps send it. */
export interface DocumentFile {
	data: Buffer;
	contentType: string;
	fileName: string;
}

/** The file each upload request is about, kept from the check to the upload itself. */
const files = new WeakMap<object, DocumentFile>();

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

/** A JSON POST to one of an agent's document endpoints; answers the record inside `data`. */
export type DocumentStep = (
	endpoint: 'upload-document' | 'process-document',
	body: IDataObject,
) => Promise<IDataObject>;

/**
 * Upload in SendKit's three steps: ask for a presigned URL (`post('upload-document')`), PUT the
 * bytes there, then (unless `process` is off) have the agent process the document
 * (`post('process-document')`). Each step goes through the request limits. Document → Upload and
 * Document → Sync both upload this way; only how they POST differs (declarative or code).
 */
export async function uploadInThreeSteps(
	context: NodeContext,
	file: DocumentFile,
	post: DocumentStep,
	options: { process: boolean; itemIndex?: number },
): Promise<IDataObject> {
	const upload = await post('upload-document', {
		filename: file.fileName,
		contentType: file.contentType,
		fileSize: file.data.length,
	});
	const uploadUrl = String(upload.presignedUrl ?? upload.uploadUrl ?? '');
	if (uploadUrl === '') return upload;

	// A presigned storage URL: it carries its own authorization, so no credential is sent.
	await sendRequest(
		context,
		sendKit,
		{
			method: 'PUT',
			url: uploadUrl,
			body: file.data,
			headers: { 'Content-Type': file.contentType },
			authenticate: false,
		},
		{ itemIndex: options.itemIndex },
	);

	const document = {
		fileKey: upload.key,
		fileUrl: upload.url,
		fileName: upload.filename ?? file.fileName,
		fileType: upload.fileType,
		fileSize: file.data.length,
	} as IDataObject;
	if (!options.process) return { ...document, processed: false };
	return await post('process-document', document);
}

/** Document → Upload's request plan: the three steps, POSTed through the declarative engine. */
const uploadThroughTheEngine: RequestPlan = async function (send, requestData) {
	const file = files.get(requestData.options);
	if (!file) return await send(requestData);
	const post: DocumentStep = async (endpoint, body) => {
		const url = String(requestData.options.url).replace(/\/upload-document$/, `/${endpoint}`);
		const [{ json }] = await send({
			...requestData,
			options: { ...requestData.options, url, body },
		});
		return json;
	};
	const { processAfterUpload = true } = this.getNodeParameter('options', {}) as IDataObject;
	return [
		{ json: await uploadInThreeSteps(this, file, post, { process: Boolean(processAfterUpload) }) },
	];
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
			operations: { pagination: declarativeRequests(sendKit, uploadThroughTheEngine) },
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
