import { byId, usePlatform } from '../setup';
import { aiChatbotHub, seen } from './setup';

describe('AI Chatbot Hub › Agent', () => {
	const { emulator, run } = usePlatform(aiChatbotHub);

	describe('Create', () => {
		it('posts the agent to /chatbot/{uuid}/agent/create with the API field names', async () => {
			const { chatbots } = emulator.seed();

			const { items, error } = await run({
				resource: 'agent',
				operation: 'create',
				chatbot: byId(chatbots.support),
				name: 'Pricing expert',
				type: 'user-facing',
				additionalFields: {
					description: 'Answers pricing questions',
					prompt: 'Be concise.',
					model: 'gpt-4o-mini-4k',
					temperature: 0.3,
					bias: 0.5,
					stickiness: 0.7,
					useAllSources: true,
					tags: '{"name": "Lead", "color": "#088F8F"}',
				},
			});

			expect(error).toBeUndefined();
			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/chatbot/${chatbots.support}/agent/create`,
					body: {
						name: 'Pricing expert',
						type: 'user-facing',
						description: 'Answers pricing questions',
						prompt: 'Be concise.',
						model: 'gpt-4o-mini-4k',
						temperature: 0.3,
						bias: 0.5,
						stickness: 0.7,
						use_all_sources: true,
						tags: { name: 'Lead', color: '#088F8F' },
					},
				},
			]);
			expect(items[0].json).toMatchObject({ name: 'Pricing expert', type: 'user-facing' });
			// The API answers `enabled: 0`; the node outputs a boolean.
			expect(items[0].json.enabled).toBe(false);
			expect(items[0].pairedItem).toEqual({ item: 0 });
		});

		it('rejects a temperature above 1 before any request', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'agent',
				operation: 'create',
				chatbot: byId(chatbots.support),
				name: 'Hot',
				type: 'user-facing',
				additionalFields: { temperature: '={{ 1.5 }}' },
			});

			expect(error?.message).toBe("'Temperature' must be from 0 to 1, not 1.5 [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});

		it('rejects Tags that are not valid JSON before any request', async () => {
			const { chatbots } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'agent',
				operation: 'create',
				chatbot: byId(chatbots.support),
				name: 'Tagger',
				type: 'background',
				additionalFields: { tags: '{"name": ' },
			});

			expect(error?.message).toMatch(/^'Tags' is not valid JSON: .* \[item 0\]$/);
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Get Many', () => {
		it("lists a chatbot's agents with enabled as a boolean", async () => {
			const { chatbots, agents } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'agent',
				operation: 'getAll',
				chatbot: byId(chatbots.support),
				returnAll: true,
			});

			expect(seen(emulator)).toEqual([
				{ method: 'GET', path: `/api/v1/chatbot/${chatbots.support}/agents`, body: undefined },
			]);
			expect(items.map((item) => item.json.uuid)).toEqual([
				agents.supportGeneral,
				agents.supportEscalation,
			]);
			expect(items.every((item) => typeof item.json.enabled === 'boolean')).toBe(true);
		});
	});

	describe('Update', () => {
		it('posts only the set fields to /agent/{uuid}/update, lists and nested settings included', async () => {
			const { agents, sources } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'agent',
				operation: 'update',
				agent: byId(agents.supportEscalation),
				updateFields: {
					enabled: true,
					dataSourceIds: `${sources.supportReturnsQa}, ${sources.supportHelpCenterLink}`,
					humanEscalationSettings: {
						monitoredMessages: 'talk to a human, agent please',
						notificationsEnabled: false,
					},
					variables: '[{"name": "user_email", "type": "string"}]',
				},
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'POST',
					path: `/api/v1/agent/${agents.supportEscalation}/update`,
					body: {
						enabled: true,
						data_source_uuids: [sources.supportReturnsQa, sources.supportHelpCenterLink],
						human_escalation_settings: {
							monitored_messages: ['talk to a human', 'agent please'],
							notifications_enabled: false,
						},
						variables: [{ name: 'user_email', type: 'string' }],
					},
				},
			]);
			expect(items[0].json).toMatchObject({ uuid: agents.supportEscalation, enabled: true });
		});

		it('rejects Variables that are an object instead of an array', async () => {
			const { agents } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'agent',
				operation: 'update',
				agent: byId(agents.supportGeneral),
				updateFields: { variables: '{"name": "x"}' },
			});

			expect(error?.message).toBe(
				`'Variables' must be a JSON array, e.g. [{"name": "value"}] [item 0]`,
			);
			expect(emulator.requests).toHaveLength(0);
		});

		it('rejects an update without fields before any request', async () => {
			const { agents } = emulator.seed();
			emulator.clearRequests();

			const { error } = await run({
				resource: 'agent',
				operation: 'update',
				agent: byId(agents.supportGeneral),
				updateFields: {},
			});

			expect(error?.message).toBe("'Update Fields' is empty [item 0]");
			expect(emulator.requests).toHaveLength(0);
		});
	});

	describe('Delete', () => {
		it('sends DELETE to /agent/{uuid}/delete and returns { deleted, uuid }', async () => {
			const { agents } = emulator.seed();
			emulator.clearRequests();

			const { items } = await run({
				resource: 'agent',
				operation: 'delete',
				agent: byId(agents.supportEscalation),
			});

			expect(seen(emulator)).toEqual([
				{
					method: 'DELETE',
					path: `/api/v1/agent/${agents.supportEscalation}/delete`,
					body: undefined,
				},
			]);
			expect(items[0].json).toEqual({ deleted: true, uuid: agents.supportEscalation });
			expect(emulator.getAgent(agents.supportEscalation)).toBeUndefined();
		});
	});
});
