import { byId, usePlatform } from '../setup';
import { aiChatbotHub, seen } from './setup';

const fileItem = (text: string, fileName = 'faq.txt', mimeType = 'text/plain', field = 'data') => ({
	json: {},
	binary: { [field]: { data: Buffer.from(text).toString('base64'), mimeType, fileName } },
});

describe('AI Chatbot Hub › Data Source', () => {
	const { emulator, run } = usePlatform(aiChatbotHub);

	describe('Upload', () => {
		it('posts the file as the multipart part "file" with its name, type and exact bytes', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { items, error } = await run(
				{
					resource: 'dataSource',
					operation: 'upload',
					chatbot: byId(chatbots.support),
					binaryPropertyName: 'data',
					options: { referenceSourceLink: 'https://example.com/faq' },
				},
				{ input: [fileItem('Q: Hours?\nA: 9 to 5.')] },
			);

			expect(error).toBeUndefined();
			const [request] = emulator.requests;
			expect(request.method).toBe('POST');
			expect(request.path).toBe(`/api/v1/chatbot/${chatbots.support}/data-source/upload`);
			expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
			const parts = Object.fromEntries((request.multipart ?? []).map((part) => [part.name, part]));
			expect(parts.file.filename).toBe('faq.txt');
			expect(parts.file.contentType).toBe('text/plain');
			expect(parts.file.data.toString()).toBe('Q: Hours?\nA: 9 to 5.');
			expect(parts.reference_source_link.data.toString()).toBe('https://example.com/faq');
			expect(items[0].json).toMatchObject({ file_name: 'faq.txt', type: 'file' });
			expect(items[0].pairedItem).toEqual({ item: 0 });
		});

		it('returns the existing source, marked alreadyExisted, when the chatbot has the file (409)', async () => {
			// Depends on an assumption: a duplicate upload gets 409 with the existing source.
			const { chatbots } = emulator.seed();
			const upload = (options = {}) =>
				run(
					{
						resource: 'dataSource',
						operation: 'upload',
						chatbot: byId(chatbots.sales),
						binaryPropertyName: 'data',
						options,
					},
					{ input: [fileItem('same bytes', 'same.txt')] },
				);
			const first = await upload();
			emulator.clearRequests();

			const again = await upload();

			expect(emulator.requests.map((request) => request.status)).toEqual([409]);
			expect(again.items[0].json).toMatchObject({
				uuid: first.items[0].json.uuid,
				alreadyExisted: true,
			});
		});

		it("fails with code 409 on a duplicate when 'If the File Already Exists' is Fail", async () => {
			// Depends on an assumption: a duplicate upload gets 409 with the existing source.
			const { chatbots } = emulator.seed();
			const parameters = {
				resource: 'dataSource',
				operation: 'upload',
				chatbot: byId(chatbots.sales),
				binaryPropertyName: 'data',
				options: { onDuplicate: 'fail' },
			};
			await run(parameters, { input: [fileItem('dup', 'dup.txt')] });

			const { error } = await run(parameters, { input: [fileItem('dup', 'dup.txt')] });

			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '409' });
		});

		it('rejects a missing binary field before any request, listing the fields the item has', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run(
				{
					resource: 'dataSource',
					operation: 'upload',
					chatbot: byId(chatbots.support),
					binaryPropertyName: 'document',
					options: {},
				},
				{ input: [fileItem('x', 'x.txt', 'text/plain', 'attachment')] },
			);

			expect(error?.message).toBe("The item has no binary field 'document' [item 0]");
			expect(error?.description).toMatch(/attachment/);
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Create Q&A', () => {
		it('posts question, answer and link to /chatbot/{uuid}/data-source/qa', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'dataSource',
				operation: 'createQa',
				chatbot: byId(chatbots.support),
				question: 'Do you ship abroad?',
				answer: 'Yes, to 40 countries.',
				additionalFields: { referenceSourceLink: 'https://example.com/shipping' },
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/chatbot/${chatbots.support}/data-source/qa`,
					body: {
						question: 'Do you ship abroad?',
						answer: 'Yes, to 40 countries.',
						reference_source_link: 'https://example.com/shipping',
					},
				},
			]);
			expect(items[0].json).toMatchObject({ type: 'qa', title: 'Do you ship abroad?' });
		});

		it('rejects an empty answer before any request', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'dataSource',
				operation: 'createQa',
				chatbot: byId(chatbots.support),
				question: 'Q',
				answer: '={{ "" }}',
				additionalFields: {},
			});

			expect(error?.message).toBe("'Answer' is empty [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Create URL', () => {
		it('posts the URL to /chatbot/{uuid}/data-source/url', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'dataSource',
				operation: 'createUrl',
				chatbot: byId(chatbots.sales),
				url: 'https://example.com/pricing',
				additionalFields: {},
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/chatbot/${chatbots.sales}/data-source/url`,
					body: { url: 'https://example.com/pricing' },
				},
			]);
			expect(items[0].json).toMatchObject({ type: 'link' });
		});

		it.each(['ftp://example.com/file', 'example.com/pricing', 'https://', 'https://exa mple.com'])(
			'rejects %s before any request',
			async (url) => {
				const { chatbots } = emulator.seed();
				emulator.clearRequests();

				const { error } = await run({
					resource: 'dataSource',
					operation: 'createUrl',
					chatbot: byId(chatbots.sales),
					url,
					additionalFields: {},
				});

				expect(error?.message).toMatch(/^'URL' is not a valid URL: .* \[item 0\]$/);
				expect(emulator.requests).toHaveLength(0);
			},
		);
	});

	describe('Update', () => {
		it('posts the title to /data-source/{uuid}/update', async () => {
			const { sources } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'dataSource',
				operation: 'update',
				dataSource: byId(sources.supportHandbookFile),
				title: 'Handbook 2026',
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/data-source/${sources.supportHandbookFile}/update`,
					body: { title: 'Handbook 2026' },
				},
			]);
			expect(items[0].json).toMatchObject({
				uuid: sources.supportHandbookFile,
				title: 'Handbook 2026',
			});
		});
	});

	describe('Get Many', () => {
		it("lists a chatbot's data sources", async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'dataSource',
				operation: 'getAll',
				chatbot: byId(chatbots.support),
				returnAll: true,
				filters: {},
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'GET',
					path: `/api/v1/chatbot/${chatbots.support}/data-sources`,
					body: undefined,
				},
			]);
			expect(items).toHaveLength(emulator.sourcesOf(chatbots.support).length);
		});

		it('keeps only the failed sources when the Status filter is Failed', async () => {
			const { chatbots, sources } = emulator.seed();

			const { items } = await run({
				resource: 'dataSource',
				operation: 'getAll',
				chatbot: byId(chatbots.sales),
				returnAll: true,
				filters: { status: 'failed' },
			});

			expect(items.map((item) => item.json.uuid)).toEqual([sources.salesBrochureFailed]);
			expect(items[0].json.status).toBe('error:token');
		});

		it('keeps only the sources of the chosen type', async () => {
			const { chatbots, sources } = emulator.seed();

			const { items } = await run({
				resource: 'dataSource',
				operation: 'getAll',
				chatbot: byId(chatbots.support),
				returnAll: true,
				filters: { type: 'qa' },
			});

			expect(items.map((item) => item.json.uuid)).toEqual([sources.supportReturnsQa]);
		});
	});

	describe('Retrain', () => {
		it('posts the IDs to /data-sources/url/re-scrape and returns one item per source', async () => {
			const { sources } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'dataSource',
				operation: 'retrain',
				dataSourceIds: `${sources.supportHelpCenterLink},${sources.salesPricingLink}`,
				options: {},
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: '/api/v1/data-sources/url/re-scrape',
					body: { uuids: [sources.supportHelpCenterLink, sources.salesPricingLink] },
				},
			]);
			expect(items.map((item) => item.json)).toEqual([
				{ status: 'restarted scraping', uuid: sources.supportHelpCenterLink, retrained: true },
				{ status: 'restarted scraping', uuid: sources.salesPricingLink, retrained: true },
			]);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		});

		it('fails the item naming each source the service reported an error for', async () => {
			const { sources } = emulator.seed();

			const { error } = await run({
				resource: 'dataSource',
				operation: 'retrain',
				dataSourceIds: `${sources.supportHelpCenterLink},${sources.supportReturnsQa}`,
				options: {},
			});

			expect(error?.message).toBe(
				`1 of 2 data sources could not be retrained: ${sources.supportReturnsQa} (invalid data source)`,
			);
			expect(error?.description).toMatch(/The other 1 were restarted/);
		});

		it("lists every source with retrained true or false when 'On Source Error' is Include in Output", async () => {
			const { sources } = emulator.seed();

			const { items, error } = await run({
				resource: 'dataSource',
				operation: 'retrain',
				dataSourceIds: [sources.supportHelpCenterLink, sources.supportReturnsQa],
				options: { onSourceError: 'include' },
			});

			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json.uuid, item.json.retrained])).toEqual([
				[sources.supportHelpCenterLink, true],
				[sources.supportReturnsQa, false],
			]);
			expect(items[1].json.error).toBe('invalid data source');
		});

		it('returns an error item and goes on with the next item under Continue On Fail', async () => {
			const { sources } = emulator.seed();

			const { items } = await run(
				{
					resource: 'dataSource',
					operation: 'retrain',
					dataSourceIds: '={{ $json.ids }}',
					options: {},
				},
				{
					input: [
						{ json: { ids: sources.supportReturnsQa } },
						{ json: { ids: sources.salesPricingLink } },
					],
					continueOnFail: true,
				},
			);

			expect(items).toHaveLength(2);
			expect(items[0].json.error).toMatch(/could not be retrained/);
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(items[1].json).toMatchObject({ uuid: sources.salesPricingLink, retrained: true });
			expect(items[1].pairedItem).toEqual({ item: 1 });
		});
	});

	describe('Delete', () => {
		it('sends POST to /data-source/{uuid}/delete and returns { deleted, uuid }', async () => {
			const { sources } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'dataSource',
				operation: 'delete',
				dataSource: byId(sources.salesPricingLink),
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/data-source/${sources.salesPricingLink}/delete`,
					body: undefined,
				},
			]);
			expect(items[0].json).toEqual({ deleted: true, uuid: sources.salesPricingLink });
			expect(emulator.getSource(sources.salesPricingLink)).toBeUndefined();
		});
	});

	describe('Delete Many', () => {
		it('posts the IDs to /data-sources/delete and returns them', async () => {
			const { sources } = emulator.seed();
			emulator.clearRequests();
			const ids = [sources.supportReturnsQa, sources.supportHandbookFile];

			const { items } = await run({
				resource: 'dataSource',
				operation: 'deleteMany',
				dataSourceIds: ids.join('\n'),
			});

			expect(seen(emulator)).toEqual([
				{ method: 'POST', path: '/api/v1/data-sources/delete', body: { uuids: ids } },
			]);
			expect(items[0].json).toEqual({ deleted: true, uuids: ids });
			expect(ids.map((id) => emulator.getSource(id))).toEqual([undefined, undefined]);
		});
	});
});
