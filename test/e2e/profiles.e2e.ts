/*
 * The end-to-end suite: the packed package installed as a community package into a real n8n,
 * against the emulators, in each profile (an n8n version in one execution mode; see
 * harness/profile.ts). Run by `npm run test:e2e` (scripts/e2e/test.sh installs n8n, builds and
 * packs the package once, then runs jest with jest.e2e.config.js).
 *
 * One jest file on purpose: each profile's n8n starts once (beforeAll) and stops once (afterAll)
 * around all of its checks, and jest would start it again for every file. Each concern is a
 * function in a file of its own, declaring its tests; this file says which concern runs in which
 * profile, in the order they run.
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

describe.each(PROFILES)('$name', (profile) => {
	const n8n = useProfile(profile);
	const regular = profile.mode === 'regular';

	describeIf(
		regular,
		'Example workflows through n8n execute',
		'n8n execute does not support queue mode (it runs the workflow in regular mode)',
		() => cliExamples(n8n),
	);
	describe('Node list', () => nodeList(n8n));
	describe('Chatsby Trigger (webhook)', () => chatsbyTrigger(n8n));
	describe('Chat Trigger streaming a Chatsby reply', () => chatStreaming(n8n));
	describeIf(
		regular,
		'SendKit Trigger (polling)',
		'run in regular mode: poll() runs on the main process in either mode',
		() => pollingTrigger(n8n),
	);
	describeIf(
		!regular,
		'Action nodes on the queue',
		'needs a worker and a webhook process (queue mode)',
		() => queueActions(n8n),
	);
	describeIf(
		regular && profile.latest,
		'Editor walk',
		'one walk of the editor, on the latest n8n in regular mode',
		() => editorWalk(n8n),
	);
	describe("n8n's logs", () => packageLoad(n8n));
});
