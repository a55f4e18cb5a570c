import { byId, usePlatform } from '../setup';
import { seen, sendKit } from './setup';

const file = (text: string | Buffer, fileName = 'pricing.pdf', mimeType = 'application/pdf') => ({
	json: {},
	binary: {
		data: { data: Buffer.from(text).toString('base64'), mimeType, fileName },
	},
});

describe('SendKit › Document', () => {
	const { emulator, run } = usePlatform(sendKit);
	const upload = (agentId: string, options: { processAfterUpload?: boolean } = {}) => ({
		resource: 'document',
		operation: 'upload',
		agentId: byId(agentId),
		binaryPropertyName: 'data',
		options,
	});

	it('asks for an upload URL, PUTs the exact bytes there, then has the agent process the document', async () => {
		// Depends on an assumption: the presigned URL takes a PUT of the bytes.
		const [agent] = emulator.seed().agents;

		const { items, error } = await run(upload(agent), { input: [file('%PDF-1.7 pricing')] });

		expect(error).toBeUndefined();
		const requests = seen(emulator);
		expect(requests[0]).toEqual({
			method: 'POST',
			path: `/v1/agents/${agent}/upload-document`,
			body: { filename: 'pricing.pdf', contentType: 'application/pdf', fileSize: 16 },
		});
		const [stored] = [...emulator.uploads.values()];
		expect(stored.data.toString()).toBe('%PDF-1.7 pricing');
		expect(stored.contentType).toBe('application/pdf');
		const put = emulator.requests.find((request) => request.method === 'PUT');
		expect(put?.headers['x-api-key']).toBeUndefined();
		expect(requests[1]).toMatchObject({
			method: 'POST',
			path: `/v1/agents/${agent}/process-document`,
			body: {
				fileName: 'pricing.pdf',
				fileType: 'pdf',
				fileSize: 16,
				fileKey: expect.any(String),
				fileUrl: expect.any(String),
			},
		});
		expect(items[0].json).toMatchObject({
			document: { fileName: 'pricing.pdf', status: 'processing' },
		});
	});

	it('stops after the upload when Process After Upload is off, returning what Process needs', async () => {
		const [agent] = emulator.seed().agents;

		const { items } = await run(upload(agent, { processAfterUpload: false }), {
			input: [file('hello', 'notes.txt', 'text/plain')],
		});

		expect(seen(emulator).map((request) => request.path)).toEqual([
			`/v1/agents/${agent}/upload-document`,
		]);
		expect(items[0].json).toMatchObject({
			fileName: 'notes.txt',
			fileType: 'txt',
			fileSize: 5,
			processed: false,
		});
	});

	it.each([
		[
			'a file over 10 MB',
			file(Buffer.alloc(10 * 1024 * 1024 + 1), 'big.pdf'),
			/is 10485761 bytes; the most the service takes is 10485760 bytes/,
		],
		[
			'a file of another type',
			file('x', 'slides.pptx', 'application/octet-stream'),
			/of a type the service does not take/,
		],
	])('rejects %s before any request', async (_case, item, message) => {
		const [agent] = emulator.seed().agents;

		const { error } = await run(upload(agent), { input: [item] });

		expect(error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('processes an uploaded file', async () => {
		const [agent] = emulator.seed().agents;
		const first = await run(upload(agent, { processAfterUpload: false }), {
			input: [file('hello', 'notes.txt', 'text/plain')],
		});
		emulator.clearRequests();
		const { fileKey, fileUrl } = first.items[0].json as { fileKey: string; fileUrl: string };

		const { items } = await run({
			resource: 'document',
			operation: 'process',
			agentId: byId(agent),
			fileKey,
			fileUrl,
			fileName: 'notes.txt',
			fileType: 'txt',
			fileSize: 5,
		});

		expect(seen(emulator)).toEqual([
			{
				method: 'POST',
				path: `/v1/agents/${agent}/process-document`,
				body: { fileKey, fileUrl, fileName: 'notes.txt', fileType: 'txt', fileSize: 5 },
			},
		]);
		expect(items[0].json).toMatchObject({ document: { fileKey, status: 'processing' } });
	});

	it('removes a document with DELETE …/documents and the key in a JSON body', async () => {
		const [agent] = emulator.seed().agents;
		const done = await run(upload(agent), { input: [file('%PDF')] });
		const fileKey = (done.items[0].json.document as { fileKey: string }).fileKey;
		emulator.clearRequests();

		const { items } = await run({
			resource: 'document',
			operation: 'remove',
			agentId: byId(agent),
			fileKey,
		});

		expect(seen(emulator)).toEqual([
			{ method: 'DELETE', path: `/v1/agents/${agent}/documents`, body: { fileKey } },
		]);
		expect(items[0].json).toEqual({ removed: true, agentId: agent, fileKey });
		expect(emulator.agents.get(agent)?.uploadedDocuments).toHaveLength(0);
	});
});
