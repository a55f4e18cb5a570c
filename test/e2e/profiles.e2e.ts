/*
 * The end-to-end suite: the packed package installed as a community package into a real n8n,
 * against the emulators, in each profile (an n8n version in one execution mode; see
 * harness/profile.ts). Run by `npm run test:e2e` (scripts/e2e/test.sh installs n8n, builds and
 * packs the package once, then runs jest with jest.e2e.config.js).
 *
 * One jest file on purpose: each profile's n8n starts once and stops once (afterAll) around all
 * of its checks, and jest would start it again for every file. Each concern is a function in a
 * file of its own, declaring its tests; this file says which concern runs in which profile, in
 * the order they run.
 */
import { chatsbyTrigger } from './chatsbyTrigger';
import { chatStreaming } from './chatStreaming';
import { cliExamples } from './cliExamples';
import { editorWalk } from './editorWalk';
import { describeIf, PROFILES, useProfile } from './harness/profile';
import { nodeList } from './nodeList';
import { packageLoad } from './packageLoad';
import { pollingTrigger } from './pollingTrigger';
import { queueActions } from './queueActions';
import { sendKitEventTrigger } from './sendKitEventTrigger';
import { fixtures, n8nStarts } from './startup';

describe.each(PROFILES)('$name', (profile) => {
	const n8n = useProfile(profile);
	const regular = profile.mode === 'regular';
	/** A concern that needs n8n running (started by "n8n starts", or here when `-t` left it out). */
	const started = (body: () => void) => () => {
		beforeAll(() => n8n.ensureStarted(), 5 * 60_000);
		body();
	};

	describe('Fixtures', () => fixtures(n8n));
	describeIf(
		regular,
		'Example workflows through n8n execute',
		'n8n execute does not support queue mode (it runs the workflow in regular mode)',
		() => cliExamples(n8n),
	);
	describe('n8n starts', () => n8nStarts(n8n));
	describe(
		'Node list',
		started(() => nodeList(n8n)),
	);
	describe(
		'Chatsby Trigger (webhook)',
		started(() => chatsbyTrigger(n8n)),
	);
	describe(
		'Chat Trigger streaming a Chatsby reply',
		started(() => chatStreaming(n8n)),
	);
	describeIf(
		regular,
		'SendKit Trigger (polling)',
		'run in regular mode: poll() runs on the main process in either mode',
		started(() => pollingTrigger(n8n)),
	);
	describeIf(
		!regular,
		'Action nodes on the queue',
		'needs a worker and a webhook process (queue mode)',
		started(() => queueActions(n8n)),
	);
	describeIf(
		regular && profile.latest,
		'Editor walk',
		'one walk of the editor, on the latest n8n in regular mode',
		started(() => editorWalk(n8n)),
	);
	// Last but for the logs: it restarts n8n's main process (twice on 2.41).
	describe(
		'SendKit Event Trigger (registers its webhook)',
		started(() => sendKitEventTrigger(n8n)),
	);
	describe(
		"n8n's logs",
		started(() => packageLoad(n8n)),
	);
});
