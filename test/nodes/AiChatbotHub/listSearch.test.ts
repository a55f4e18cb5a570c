import { searchList } from '../../harness/listSearch';
import { usePlatform } from '../setup';
import { aiChatbotHub } from './setup';

describe('AI Chatbot Hub › lists of the resource locators', () => {
	const { emulator, credentials } = usePlatform(aiChatbotHub);

	it('lists chatbots by name, filtered by what the user types', async () => {
		const { chatbots } = emulator.seed();

		const all = await searchList({
			type: 'aiChatbotHub',
			method: 'searchChatbots',
			parameters: {},
			credentials: credentials(),
		});
		const filtered = await searchList({
			type: 'aiChatbotHub',
			method: 'searchChatbots',
			parameters: {},
			credentials: credentials(),
			filter: 'sales',
		});

		expect(all.results).toEqual([
			{ name: 'Sales Bot', value: chatbots.sales },
			{ name: 'Support Bot', value: chatbots.support },
		]);
		expect(filtered.results).toEqual([{ name: 'Sales Bot', value: chatbots.sales }]);
	});

	it("lists only the chosen chatbot's agents when the node has a chatbot", async () => {
		const { chatbots, agents } = emulator.seed();

		const { results, paginationToken } = await searchList({
			type: 'aiChatbotHub',
			method: 'searchAgents',
			parameters: { chatbot: { __rl: true, mode: 'id', value: chatbots.support } },
			credentials: credentials(),
		});

		expect(results.map((result) => result.value).sort()).toEqual(
			[agents.supportGeneral, agents.supportEscalation].sort(),
		);
		expect(paginationToken).toBeUndefined();
	});

	it('pages through the chatbots one at a time when the node has no chatbot', async () => {
		const { agents } = emulator.seed();
		const page = (paginationToken?: string) =>
			searchList({
				type: 'aiChatbotHub',
				method: 'searchAgents',
				parameters: {},
				credentials: credentials(),
				paginationToken,
			});

		const first = await page();
		const second = await page(first.paginationToken);

		// Chatbots are sorted by name: Sales Bot first.
		expect(first.results).toEqual([
			{ name: 'General Q&A · user-facing (Sales Bot)', value: agents.salesGeneral },
		]);
		expect(second.results.map((result) => result.value).sort()).toEqual(
			[agents.supportGeneral, agents.supportEscalation].sort(),
		);
		expect(second.paginationToken).toBeUndefined();
	});

	it("skips a chatbot without matching children, so that a search shows the next chatbot's", async () => {
		const { sources } = emulator.seed();

		// Sales Bot comes first and has no source called "Help center"; Support Bot has one.
		const { results, paginationToken } = await searchList({
			type: 'aiChatbotHub',
			method: 'searchDataSources',
			parameters: {},
			credentials: credentials(),
			filter: 'help center',
		});

		expect(results).toEqual([
			{ name: 'Help center · link (Support Bot)', value: sources.supportHelpCenterLink },
		]);
		expect(paginationToken).toBeUndefined();
	});

	it('answers an empty last page when no chatbot has matching children', async () => {
		emulator.seed();

		const { results, paginationToken } = await searchList({
			type: 'aiChatbotHub',
			method: 'searchSourceTags',
			parameters: {},
			credentials: credentials(),
			filter: 'no such tag',
		});

		expect(results).toEqual([]);
		expect(paginationToken).toBeUndefined();
	});

	it('fails with the vendor message when the token is refused', async () => {
		// Depends on an assumption: a refused token gets 401.
		await expect(
			searchList({
				type: 'aiChatbotHub',
				method: 'searchChatbots',
				parameters: {},
				credentials: credentials({ apiToken: 'wrong' }),
			}),
		).rejects.toMatchObject({ httpCode: '401' });
	});
});
