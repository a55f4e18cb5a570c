/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- emulator fixtures, not secrets */
import { SendKitEmulator } from '../../emulators/sendkit';
import { byId, usePlatform } from '../setup';
import { KEY, seen, sendKit } from './setup';

describe('SendKit › Agent', () => {
	const { emulator, run } = usePlatform(sendKit);

	it('creates an agent with nested company info and persona, unwrapped from { success, data }', async () => {
		const { items, error } = await run({
			resource: 'agent',
			operation: 'create',
			name: 'Enterprise Sales Agent',
			companyInfo: { name: 'Acme Inc', domain: 'acme.com' },
			persona: { tone: 'friendly', role: 'account executive' },
		});

		expect(error).toBeUndefined();
		expect(seen(emulator)).toEqual([
			{
				method: 'POST',
				path: '/v1/agents',
				body: {
					name: 'Enterprise Sales Agent',
					companyInfo: { name: 'Acme Inc', domain: 'acme.com' },
					persona: { tone: 'friendly', role: 'account executive' },
				},
			},
		]);
		expect(items[0].json).toMatchObject({ name: 'Enterprise Sales Agent', isActive: true });
		expect(items[0].json).not.toHaveProperty('success');
		expect(emulator.credits).toBe(999.5);
	});

	it('gets an agent by its encoded ID', async () => {
		const [agent] = emulator.seed().agents;

		const { items } = await run({ resource: 'agent', operation: 'get', agentId: byId(agent) });

		expect(seen(emulator)).toEqual([
			{ method: 'GET', path: `/v1/agents/${agent}`, body: undefined },
		]);
		expect(items[0].json).toMatchObject({ _id: agent, name: 'Sales Agent' });
	});

	it('lists the agents, newest first, keeping the first Limit', async () => {
		const agents = emulator.seed().agents;

		const { items } = await run({
			resource: 'agent',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});

		expect(seen(emulator)).toEqual([{ method: 'GET', path: '/v1/agents', body: undefined }]);
		expect(items.map((item) => item.json._id)).toEqual([agents[1]]);
	});

	it('patches only the fields set, and SendKit merges the persona', async () => {
		const [agent] = emulator.seed().agents;

		const { items } = await run({
			resource: 'agent',
			operation: 'update',
			agentId: byId(agent),
			updateFields: {
				name: 'Sales Agent v2',
				followupSettings: '{"enabled": true, "maxFollowups": 2}',
			},
			companyInfo: {},
			persona: { tone: 'formal' },
		});

		expect(seen(emulator)).toEqual([
			{
				method: 'PATCH',
				path: `/v1/agents/${agent}`,
				body: {
					name: 'Sales Agent v2',
					followupSettings: { enabled: true, maxFollowups: 2 },
					persona: { tone: 'formal' },
				},
			},
		]);
		expect(items[0].json).toMatchObject({ name: 'Sales Agent v2', persona: { tone: 'formal' } });
	});

	it('rejects an update that changes nothing, before any request', async () => {
		const [agent] = emulator.seed().agents;

		const { error } = await run({
			resource: 'agent',
			operation: 'update',
			agentId: byId(agent),
			updateFields: {},
			companyInfo: {},
			persona: {},
		});

		expect(error?.message).toBe("'Update Fields' is empty [item 0]");
		expect(emulator.requests).toHaveLength(0);
	});

	it('soft-deletes an agent and returns { deleted, agentId }', async () => {
		const [agent] = emulator.seed().agents;

		const { items } = await run({ resource: 'agent', operation: 'delete', agentId: byId(agent) });

		expect(seen(emulator)).toEqual([
			{ method: 'DELETE', path: `/v1/agents/${agent}`, body: undefined },
		]);
		expect(items[0].json).toEqual({ deleted: true, agentId: agent });
		expect(emulator.agents.get(agent)?.isActive).toBe(false);
	});

	it('generates a reply for an inbox conversation', async () => {
		const [agent] = emulator.seed().agents;

		const { items } = await run({
			resource: 'agent',
			operation: 'generateReply',
			agentId: byId(agent),
			conversationId: 'conv_42',
			context: 'Mention the discount',
		});

		expect(seen(emulator)).toEqual([
			{
				method: 'POST',
				path: `/v1/agents/${agent}/generate-reply`,
				body: { conversationId: 'conv_42', context: 'Mention the discount' },
			},
		]);
		expect(items[0].json.response).toMatch(/Mention the discount/);
		expect(emulator.credits).toBe(997);
	});

	it('rejects an agent ID that resolves to empty before any request', async () => {
		const { error } = await run({
			resource: 'agent',
			operation: 'retrain',
			agentId: byId('={{ $json.id }}'),
			retrainOptions: {},
		});

		expect(error?.message).toBe("'Agent' is empty [item 0]");
		expect(emulator.requests).toHaveLength(0);
	});

	it('fails with 404 for an unknown agent, saying so', async () => {
		const { error } = await run({
			resource: 'agent',
			operation: 'get',
			agentId: byId('000000000000000000000000'),
		});

		expect(error).toMatchObject({ httpCode: '404' });
		expect(error?.message).toBe('Agent not found (404)');
	});

	it('keeps the API key out of errors', async () => {
		// Depends on an assumption: a wrong key gets 401.
		const { error } = await run(
			{ resource: 'agent', operation: 'get', agentId: byId('x') },
			{ credential: { apiKey: 'sk_wrong_key_123' } },
		);

		expect(error).toMatchObject({ httpCode: '401' });
		expect(JSON.stringify(error)).not.toContain('sk_wrong_key_123');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});
});

describe('SendKit › platform keys', () => {
	const { emulator, run } = usePlatform(
		sendKit,
		new SendKitEmulator({ apiKey: 'sk_user_platform_1', workspaceId: 'ws_9' }),
	);

	it('sends X-Workspace-Id with a platform key', async () => {
		emulator.seed();

		const { error } = await run(
			{ resource: 'agent', operation: 'getAll', returnAll: true },
			{ credential: { workspaceId: 'ws_9' } },
		);

		expect(error).toBeUndefined();
		expect(emulator.requests[0].headers['x-workspace-id']).toBe('ws_9');
	});

	it('explains the 403 of a platform key without a workspace', async () => {
		// Depends on an assumption: a platform key without X-Workspace-Id gets 403.
		const { error } = await run({ resource: 'agent', operation: 'getAll', returnAll: true });

		expect(error).toMatchObject({ httpCode: '403' });
		expect(error?.description).toMatch(/Workspace ID/);
	});
});
