import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { readBinaryFile } from '../../../shared/binaryInput';
import { callWithLimits, requestLimitsFrom, type RequestPlan } from '../../../shared/requestLimits';
import { sendKit } from '../../transport';

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
export const uploadDocument: RequestPlan = async function (send, requestData) {
	const file = files.get(requestData.options);
	const [{ json: upload }] = await send(requestData);
	const uploadUrl = String(upload.presignedUrl ?? upload.uploadUrl ?? '');
	if (!file || uploadUrl === '') return [{ json: upload }];

	const put = {
		method: 'PUT' as const,
		url: uploadUrl,
		body: file.data,
		headers: { 'Content-Type': file.contentType },
	};
	await callWithLimits({
		node: this.getNode(),
		itemIndex: this.getItemIndex(),
		run: this.getExecuteData(),
		limits: requestLimitsFrom(this.getNodeParameter('requestLimits', {})),
		platform: sendKit,
		request: put,
		// A presigned storage URL: it carries its own authorization, so no credential is sent.
		attempt: async () => await this.helpers.httpRequest({ ...put }),
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

export const documentUploadDescription: INodeProperties[] = [
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
];
