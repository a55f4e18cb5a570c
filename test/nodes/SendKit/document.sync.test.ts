/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PACKAGE_ROOT } from '../../harness/workflow';

import { byId, usePlatform } from '../setup';
import { KEY, seen, sendKit } from './setup';

/** An item carrying a text file as binary data (its size is its length in bytes). */
const file = (fileName: string, text: string, mimeType = 'text/plain'): INodeExecutionData => ({
	json: { name: fileName },
	binary: { data: { data: Buffer.from(text).toString('base64'), mimeType, fileName } },
});

describe('SendKit › Document › Sync', () => {
	const { emulator, run } = usePlatform(sendKit);

	const sync = (agentId: string, extra: INodeParameters = {}): INodeParameters => ({
		resource: 'document',
		operation: 'sync',
		agentId: byId(agentId),
		binaryPropertyName: 'data',
		...extra,
	});
	const agent = () => emulator.addAgent('Docs Agent', { trainingStatus: 'completed' })._id;
	/** The API requests that change something (every one that is not a GET). */
	const writes = () => seen(emulator).filter((request) => request.method !== 'GET');
	const documents = (agentId: string) =>
		emulator
			.documentsOf(agentId)
			.map((document) => `${String(document.fileName)} (${String(document.fileSize)})`)
			.sort();
	/** An agent that a first sync gave these files (retrained once), the request log empty. */
	async function syncedAgent(input: INodeExecutionData[]) {
		const agentId = agent();
		// The first sync's training is finished by the next read of the agent (else: 409).
		emulator.trainingReads = 1;
		const { error } = await run(sync(agentId), { input });
		expect(error).toBeUndefined();
		emulator.clearRequests();
		return agentId;
	}
	const outputOf = (items: INodeExecutionData[]) =>
		items.map(({ json }) => [json.key, json.action, json.status]);

	describe('the plan and its writes', () => {
		it("uploads a new file in Document → Upload's three steps, then retrains once", async () => {
			const agentId = agent();

			const { items, error } = await run(sync(agentId), { input: [file('faq.txt', 'Hours: 9-5')] });

			expect(error).toBeUndefined();
			const requests = seen(emulator);
			expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
				`GET /v1/agents/${agentId}`,
				`POST /v1/agents/${agentId}/upload-document`,
				`POST /v1/agents/${agentId}/process-document`,
				`POST /v1/agents/${agentId}/retrain`,
			]);
			expect(requests[1].body).toEqual({
				filename: 'faq.txt',
				contentType: 'text/plain',
				fileSize: 10,
			});
			const [stored] = [...emulator.uploads.values()];
			expect(stored.data.toString()).toBe('Hours: 9-5');
			const [document] = emulator.documentsOf(agentId);
			expect(items).toEqual([
				{
					json: {
						key: 'faq.txt',
						action: 'add',
						id: document.fileKey,
						status: 'done',
						inInput: true,
						fileSize: 10,
						documentStatus: 'processing',
						retrain: 'done',
						trainingStatus: 'pending',
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(emulator.credits).toBe(990);
		});

		it('sends no writing request and does not retrain on a second run with the same files', async () => {
			const input = [file('faq.txt', 'Hours: 9-5'), file('returns.txt', '30 days')];
			const agentId = await syncedAgent(input);
			const credits = emulator.credits;

			const { items, error } = await run(sync(agentId), { input });

			expect(error).toBeUndefined();
			expect(seen(emulator).map((request) => request.method)).toEqual(['GET']);
			expect(emulator.credits).toBe(credits);
			expect(items.map((item) => [item.json.action, item.json.retrain])).toEqual([
				['unchanged', 'notNeeded'],
				['unchanged', 'notNeeded'],
			]);
		});

		it('replaces a file whose size changed: uploads the new version, then removes the old one, then retrains', async () => {
			const agentId = await syncedAgent([file('faq.txt', 'Hours: 9-5')]);
			const [old] = emulator.documentsOf(agentId);

			const { items, error } = await run(sync(agentId), {
				input: [file('faq.txt', 'Hours: 8-6, Sat 10-2')],
			});

			expect(error).toBeUndefined();
			expect(writes().map((request) => `${request.method} ${request.path}`)).toEqual([
				`POST /v1/agents/${agentId}/upload-document`,
				`POST /v1/agents/${agentId}/process-document`,
				`DELETE /v1/agents/${agentId}/documents`,
				`POST /v1/agents/${agentId}/retrain`,
			]);
			expect(writes()[2].body).toEqual({ fileKey: old.fileKey });
			expect(documents(agentId)).toEqual(['faq.txt (20)']);
			expect(items[0].json).toMatchObject({
				key: 'faq.txt',
				action: 'update',
				id: emulator.documentsOf(agentId)[0].fileKey,
				replaced: [old.fileKey],
				retrain: 'done',
			});
		});

		it('does not retrain when Retrain After Changes is off', async () => {
			const agentId = agent();

			const { items } = await run(sync(agentId, { syncOptions: { retrain: false } }), {
				input: [file('faq.txt', 'Hours')],
			});

			expect(writes().some((request) => request.path.endsWith('/retrain'))).toBe(false);
			expect(items[0].json.retrain).toBe('off');
		});

		it('waits for the training to finish with Wait for Training to Finish, using GET on the agent', async () => {
			const agentId = agent();

			const { items, error } = await run(
				sync(agentId, {
					syncOptions: {
						waitForTraining: true,
						trainingPollSeconds: 0.01,
						trainingTimeoutMinutes: 0.05,
					},
				}),
				{ input: [file('faq.txt', 'Hours')] },
			);

			expect(error).toBeUndefined();
			const afterRetrain = seen(emulator).slice(
				seen(emulator).findIndex((request) => request.path.endsWith('/retrain')) + 1,
			);
			expect(afterRetrain.length).toBe(emulator.trainingReads);
			expect(afterRetrain.every((request) => request.method === 'GET')).toBe(true);
			expect(items[0].json).toMatchObject({ retrain: 'done', trainingStatus: 'completed' });
		});
	});

	describe('deletions', () => {
		it('removes nothing the input no longer has while deletions are off, and does not retrain', async () => {
			const agentId = await syncedAgent([file('a.txt', 'a'), file('b.txt', 'b')]);

			const { items } = await run(sync(agentId), { input: [file('a.txt', 'a')] });

			expect(writes()).toEqual([]);
			expect(outputOf(items)).toEqual([['a.txt', 'unchanged', 'done']]);
		});

		it('removes the documents the input no longer has when deletions are on, then retrains', async () => {
			const agentId = await syncedAgent([file('a.txt', 'a'), file('b.txt', 'b')]);
			const b = emulator.documentsOf(agentId)[1];

			const { items, error } = await run(sync(agentId, { deleteMissing: true }), {
				input: [file('a.txt', 'a')],
			});

			expect(error).toBeUndefined();
			expect(writes()).toEqual([
				{ method: 'DELETE', path: `/v1/agents/${agentId}/documents`, body: { fileKey: b.fileKey } },
				{ method: 'POST', path: `/v1/agents/${agentId}/retrain`, body: undefined },
			]);
			expect(documents(agentId)).toEqual(['a.txt (1)']);
			expect(items[1]).toEqual({
				json: {
					key: 'b.txt',
					action: 'delete',
					id: b.fileKey,
					status: 'done',
					inInput: false,
					fileSize: 1,
					documentStatus: 'processing',
					retrain: 'done',
					trainingStatus: 'pending',
				},
				pairedItem: { item: 0 },
			});
		});

		it('counts a document that is already gone (404 on its removal) as removed', async () => {
			// Depends on an assumption: removing a document that is not there gets a 404.
			const agentId = agent();
			emulator.addDocument(agentId, 'gone.txt', 4);
			emulator.injectFault({
				kind: 'status',
				status: 404,
				method: 'DELETE',
				path: /\/documents$/,
				json: { error: 'Not Found', message: 'The requested resource was not found', code: 404 },
			});

			const { items, error } = await run(sync(agentId, { deleteMissing: true }), {
				input: [file('a.txt', 'a')],
			});

			expect(error).toBeUndefined();
			expect(outputOf(items)).toEqual([
				['a.txt', 'add', 'done'],
				['gone.txt', 'delete', 'done'],
			]);
		});

		it('goes on with a plan that removes exactly Max Deletions', async () => {
			const agentId = agent();
			for (const name of ['a.txt', 'b.txt', 'c.txt']) emulator.addDocument(agentId, name, 1);

			const { error } = await run(sync(agentId, { deleteMissing: true, maxDeletions: 2 }), {
				input: [file('a.txt', 'a')],
			});

			expect(error).toBeUndefined();
			expect(documents(agentId)).toEqual(['a.txt (1)']);
		});

		it('stops a plan that removes one more than Max Deletions before any write', async () => {
			const agentId = agent();
			for (const name of ['a.txt', 'b.txt', 'c.txt']) emulator.addDocument(agentId, name, 1);

			const { error } = await run(sync(agentId, { deleteMissing: true, maxDeletions: 1 }), {
				input: [file('a.txt', 'a'), file('new.txt', 'n')],
			});

			expect(error?.message).toBe("The sync would delete 2 entries, more than 'Max Deletions' (1)");
			expect(writes()).toEqual([]);
			expect(emulator.documentsOf(agentId)).toHaveLength(3);
		});

		it('stops before any write under Continue On Fail too, as one error item', async () => {
			const agentId = agent();
			for (const name of ['a.txt', 'b.txt']) emulator.addDocument(agentId, name, 1);

			const { items, error } = await run(sync(agentId, { deleteMissing: true, maxDeletions: 0 }), {
				input: [file('new.txt', 'n')],
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			expect(writes()).toEqual([]);
			expect(items).toEqual([
				{
					json: { error: "The sync would delete 2 entries, more than 'Max Deletions' (0)" },
					pairedItem: { item: 0 },
				},
			]);
		});

		it('removes nothing for an empty input unless that is allowed', async () => {
			const agentId = agent();
			for (const name of ['a.txt', 'b.txt']) emulator.addDocument(agentId, name, 1);
			const parameters = sync(agentId, { deleteMissing: true });

			const refused = await run(parameters, { input: [{ json: {} }] });

			expect(refused.error?.message).toBe(
				'The input is empty, so the sync would delete all 2 entries it manages',
			);
			expect(writes()).toEqual([]);

			const allowed = await run(
				{ ...parameters, syncOptions: { deleteWhenInputIsEmpty: true } },
				{ input: [{ json: {} }] },
			);

			expect(allowed.error).toBeUndefined();
			expect(emulator.documentsOf(agentId)).toEqual([]);
			expect(outputOf(allowed.items)).toEqual([
				['a.txt', 'delete', 'done'],
				['b.txt', 'delete', 'done'],
			]);
		});
	});

	describe('the input', () => {
		it('refuses two items with the same file name, naming both, before any request', async () => {
			const agentId = agent();

			const { error } = await run(sync(agentId), {
				input: [file('faq.txt', 'a'), file('other.txt', 'b'), file('faq.txt', 'c')],
			});

			expect(error?.message).toBe('Items 0 and 2 have the same key "faq.txt" [item 2]');
			expect(emulator.requests).toHaveLength(0);
		});

		it('refuses items that name different agents, before any request', async () => {
			const first = agent();
			const second = emulator.addAgent('Other')._id;
			const withAgent = (item: INodeExecutionData, agentId: string) => ({
				...item,
				json: { agentId },
			});

			const { error } = await run(
				{ ...sync(first), agentId: byId('={{ $json.agentId }}') },
				{ input: [withAgent(file('a.txt', 'a'), first), withAgent(file('b.txt', 'b'), second)] },
			);

			expect(error?.message).toBe(`'Agent' is "${second}", not "${first}" as at item 0 [item 1]`);
			expect(emulator.requests).toHaveLength(0);
		});

		it('syncs nothing when an item is invalid, even with Continue On Fail: only its error item', async () => {
			const agentId = agent();
			emulator.addDocument(agentId, 'old.txt', 3);

			const { items, error } = await run(sync(agentId, { deleteMissing: true }), {
				input: [file('a.txt', 'a'), file('slides.pptx', 'x', 'application/octet-stream')],
				continueOnFail: true,
			});

			// Syncing the valid item alone would remove what the invalid one stands for.
			expect(error).toBeUndefined();
			expect(emulator.requests).toHaveLength(0);
			expect(items).toEqual([
				{
					json: { error: "The file 'slides.pptx' is of a type the service does not take [item 1]" },
					pairedItem: { item: 1 },
				},
			]);
		});
	});

	describe('dry run', () => {
		it('outputs the plan and that it would retrain, and sends only the read of the agent', async () => {
			const agentId = agent();
			emulator.addDocument(agentId, 'same.txt', 4);
			emulator.addDocument(agentId, 'changed.txt', 3);
			emulator.addDocument(agentId, 'gone.txt', 4);

			const { items, error } = await run(sync(agentId, { dryRun: true, deleteMissing: true }), {
				input: [file('same.txt', 'same'), file('changed.txt', 'changed'), file('new.txt', 'new')],
			});

			expect(error).toBeUndefined();
			expect(seen(emulator).map((request) => `${request.method} ${request.path}`)).toEqual([
				`GET /v1/agents/${agentId}`,
			]);
			expect(items.map(({ json }) => [json.key, json.action, json.status, json.retrain])).toEqual([
				['same.txt', 'unchanged', 'planned', 'planned'],
				['changed.txt', 'update', 'planned', 'planned'],
				['new.txt', 'add', 'planned', 'planned'],
				['gone.txt', 'delete', 'planned', 'planned'],
			]);
		});
	});

	describe('the example workflow', () => {
		it("syncs the Code node's files into the demo agent, retrains once, and a second run changes nothing", async () => {
			const example = JSON.parse(
				readFileSync(path.join(PACKAGE_ROOT, 'examples/sendkit-sync-documents.json'), 'utf8'),
			) as { nodes: Array<{ name: string; parameters: IDataObject }> };
			const node = (name: string) => example.nodes.find((entry) => entry.name === name)!;
			// The Code node stands in for the folder: its code, run as n8n would run it.
			// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- this repository's own example code
			const files = new Function('Buffer', String(node('Folder').parameters.jsCode))(
				Buffer,
			) as INodeExecutionData[];
			const [demoAgent] = emulator.seed().agents;
			const parameters = node('Sync').parameters as INodeParameters;
			expect(parameters.agentId).toMatchObject({ value: demoAgent });
			emulator.trainingReads = 1;

			const first = await run(parameters, { input: files });

			expect(first.error).toBeUndefined();
			expect(first.items.map((item) => [item.json.action, item.json.retrain])).toEqual([
				['add', 'done'],
				['add', 'done'],
			]);
			expect(first.items[0].json.trainingStatus).toBe('completed');
			emulator.clearRequests();

			const again = await run(parameters, { input: files });

			expect(again.error).toBeUndefined();
			expect(writes()).toEqual([]);
		});
	});

	describe('a failure halfway', () => {
		const processFails = (fileName: string, times?: number) => ({
			kind: 'status' as const,
			status: 500,
			method: 'POST',
			path: /\/process-document$/,
			where: (request: { body: unknown }) => (request.body as IDataObject)?.fileName === fileName,
			...(times ? { times } : {}),
		});

		it('fails exactly the file that failed, applies and retrains the others, and fails the node after them', async () => {
			const agentId = agent();
			emulator.injectFault(processFails('b.txt'));

			const { error } = await run(sync(agentId), {
				input: [file('a.txt', 'a'), file('b.txt', 'b'), file('c.txt', 'c')],
			});

			expect(error?.message).toMatch(/^1 of 3 entries could not be synced: b\.txt: /);
			expect(documents(agentId)).toEqual(['a.txt (1)', 'c.txt (1)']);
			expect(writes().filter((request) => request.path.endsWith('/retrain'))).toHaveLength(1);
		});

		it('converges when run again: uploads only what failed, nothing twice', async () => {
			const agentId = agent();
			const input = [file('a.txt', 'a'), file('b.txt', 'b'), file('c.txt', 'c')];
			emulator.injectFault(processFails('b.txt', 1));
			emulator.trainingReads = 1;
			await run(sync(agentId), { input });
			emulator.clearRequests();

			const { items, error } = await run(sync(agentId), { input });

			expect(error).toBeUndefined();
			expect(writes().map((request) => request.path)).toEqual([
				`/v1/agents/${agentId}/upload-document`,
				`/v1/agents/${agentId}/process-document`,
				`/v1/agents/${agentId}/retrain`,
			]);
			expect(documents(agentId)).toEqual(['a.txt (1)', 'b.txt (1)', 'c.txt (1)']);
			expect(outputOf(items)).toEqual([
				['a.txt', 'unchanged', 'done'],
				['b.txt', 'add', 'done'],
				['c.txt', 'unchanged', 'done'],
			]);
		});

		it('outputs the failed file as an item with error under Continue On Fail, the others done', async () => {
			const agentId = agent();
			emulator.injectFault(processFails('b.txt'));

			const { items, error } = await run(sync(agentId), {
				input: [file('a.txt', 'a'), file('b.txt', 'b')],
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			expect(items.map(({ json }) => [json.key, json.status])).toEqual([
				['a.txt', 'done'],
				['b.txt', 'failed'],
			]);
			expect(items[1].json.error).toEqual(expect.any(String));
			expect(items[1].pairedItem).toEqual({ item: 1 });
			expect(JSON.stringify(items)).not.toContain(KEY);
		});

		it('keeps the old version when the new one failed, and replaces it on the next run', async () => {
			const agentId = await syncedAgent([file('faq.txt', 'old')]);
			emulator.injectFault(processFails('faq.txt', 1));
			const input = [file('faq.txt', 'newer')];

			const first = await run(sync(agentId), { input });

			expect(first.error).toBeDefined();
			expect(writes().some((request) => request.method === 'DELETE')).toBe(false);
			expect(documents(agentId)).toEqual(['faq.txt (3)']);

			const again = await run(sync(agentId), { input });

			expect(again.error).toBeUndefined();
			expect(documents(agentId)).toEqual(['faq.txt (5)']);
		});

		it('finishes a replacement whose old version could not be removed, without uploading again', async () => {
			const agentId = await syncedAgent([file('faq.txt', 'old')]);
			const [old] = emulator.documentsOf(agentId);
			emulator.injectFault({
				kind: 'status',
				status: 500,
				method: 'DELETE',
				path: /\/documents$/,
				times: 1,
			});
			const input = [file('faq.txt', 'newer')];

			const first = await run(sync(agentId), { input });

			expect(first.error?.message).toMatch(/the old one \(.+\) could not be removed/);
			expect(documents(agentId)).toEqual(['faq.txt (3)', 'faq.txt (5)']);
			emulator.clearRequests();

			const again = await run(sync(agentId), { input });

			expect(again.error).toBeUndefined();
			expect(writes()).toEqual([
				{
					method: 'DELETE',
					path: `/v1/agents/${agentId}/documents`,
					body: { fileKey: old.fileKey },
				},
				{ method: 'POST', path: `/v1/agents/${agentId}/retrain`, body: undefined },
			]);
			expect(documents(agentId)).toEqual(['faq.txt (5)']);
			expect(outputOf(again.items)).toEqual([['faq.txt', 'update', 'done']]);
		});

		it('fails the node after syncing when the retrain is refused, saying the documents are synced', async () => {
			const agentId = agent();
			emulator.credits = 5;

			const { error } = await run(sync(agentId), { input: [file('faq.txt', 'Hours')] });

			expect(error?.message).toBe(
				'The documents are synced, but the retrain did not succeed: Not enough credits (402)',
			);
			expect(documents(agentId)).toEqual(['faq.txt (5)']);
		});

		it('outputs the refused retrain on every item under Continue On Fail', async () => {
			const agentId = agent();
			emulator.credits = 5;

			const { items, error } = await run(sync(agentId), {
				input: [file('faq.txt', 'Hours')],
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				action: 'add',
				status: 'done',
				retrain: 'failed',
				retrainError: 'Not enough credits (402)',
			});
		});
	});
});
