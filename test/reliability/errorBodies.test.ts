/*
 * Errors whose body is not in the platform's own format — a proxy's JSON, plain text, or an error
 * the platform's reference does not describe — still show what the body says, shortened, with the
 * credential's secrets hidden; and a 500 on a request that creates something says that it may have
 * been created, as the 502 and 504 paths already do. One block per platform: each explains errors
 * in its own words, but the request path adds the body and the note the same way for all four.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { EmulatorServer } from '../emulators/kit';
import type { RunNodeResult } from '../harness/runNode';
import { aiChatbotHub, TOKEN } from '../nodes/AiChatbotHub/setup';
import { API_KEY, chatsby } from '../nodes/Chatsby/setup';
import { chatThing, SECRET } from '../nodes/ChatThing/setup';
import { KEY, sendKit } from '../nodes/SendKit/setup';
import { byId as hubId, usePlatform } from '../nodes/setup';

const MAY_HAVE_BEEN_CREATED =
	/may already have carried it out: check on the platform before running this item again/;

interface Platform {
	name: string;
	secret: string;
	server: () => EmulatorServer;
	run: (parameters: INodeParameters) => Promise<RunNodeResult>;
	/** A request that creates something (never repeated) and one that reads. */
	create: () => INodeParameters;
	read: () => INodeParameters;
	/** How the message starts when the body says `injected` in no format the platform documents. */
	injectedMessage: string;
}

const hub = usePlatform(aiChatbotHub);
const thing = usePlatform(chatThing);
const kit = usePlatform(sendKit);
const by = usePlatform(chatsby);

const PLATFORMS: Platform[] = [
	{
		name: 'AI Chatbot Hub',
		secret: TOKEN,
		server: () => hub.emulator.server,
		run: async (parameters) => await hub.run(parameters),
		create: () => ({ resource: 'chatbot', operation: 'create', name: 'Bot', additionalFields: {} }),
		read: () => ({
			resource: 'chatbot',
			operation: 'get',
			chatbot: hubId(hub.emulator.seed().chatbots.support),
		}),
		injectedMessage: 'injected',
	},
	{
		name: 'Chat Thing',
		secret: SECRET,
		server: () => thing.emulator.server,
		run: async (parameters) => await thing.run(parameters),
		create: () => ({ resource: 'dataSource', operation: 'create' }),
		read: () => ({ resource: 'dataSource', operation: 'getAll', returnAll: true }),
		injectedMessage: 'injected',
	},
	{
		name: 'SendKit',
		secret: KEY,
		server: () => kit.emulator.server,
		run: async (parameters) => await kit.run(parameters),
		create: () => ({ resource: 'agent', operation: 'create', name: 'Agent' }),
		read: () => ({ resource: 'agent', operation: 'getAll', returnAll: true }),
		injectedMessage: 'injected',
	},
	{
		name: 'Chatsby',
		secret: API_KEY,
		server: () => by.emulator.server,
		run: async (parameters) => await by.run(parameters),
		create: () => ({ resource: 'agent', operation: 'create', name: 'Agent', additionalFields: {} }),
		read: () => ({ resource: 'agent', operation: 'getAll', returnAll: true, filters: {} }),
		injectedMessage: 'Chatsby answered with status 500: injected',
	},
];

describe.each(PLATFORMS.map((platform) => [platform.name, platform] as const))(
	'%s › errors in no format the platform documents',
	(_name, platform) => {
		const fail = (fault: Record<string, unknown>) =>
			platform.server().injectFault({ kind: 'status', status: 500, ...fault } as never);

		it('shows what a JSON body says, and the HTTP code', async () => {
			fail({ json: { error: 'injected' } });

			const { error } = await platform.run(platform.read());

			expect(error?.message).toBe(platform.injectedMessage);
			expect(error).toMatchObject({ httpCode: '500' });
		});

		it('shows a plain-text body, shortened to about 200 characters', async () => {
			const text = `upstream exploded ${'x'.repeat(1000)}`;
			fail({ text });

			const { error } = await platform.run(platform.read());
			const shown = `${error?.message} ${error?.description}`;

			expect(shown).toContain('upstream exploded xxx');
			expect(shown).not.toContain('x'.repeat(260));
		});

		it('shows a JSON body without a message as it is', async () => {
			fail({ json: { code: 17, trace: 'abc-123' } });

			const { error } = await platform.run(platform.read());

			expect(error?.description).toContain('The service answered: {"code":17,"trace":"abc-123"}');
		});

		it('hides the credential secret that a body echoes back', async () => {
			fail({ text: `token ${platform.secret} is not allowed here` });

			const { error } = await platform.run(platform.read());
			const everything = JSON.stringify({ ...error, message: error?.message });

			expect(everything).not.toContain(platform.secret);
			expect(`${error?.message} ${error?.description}`).toContain('token [hidden] is not allowed');
		});

		it('says that a create answered 500 may have been carried out, and sends it once', async () => {
			fail({ json: { error: 'injected' }, afterProcessing: true });

			const { error } = await platform.run(platform.create());

			expect(error?.description).toMatch(MAY_HAVE_BEEN_CREATED);
			expect(platform.server().requests).toHaveLength(1);
		});

		it('does not say so for a read answered 500', async () => {
			fail({ json: { error: 'injected' } });

			const { error } = await platform.run(platform.read());

			expect(error?.description ?? '').not.toMatch(MAY_HAVE_BEEN_CREATED);
		});
	},
);
