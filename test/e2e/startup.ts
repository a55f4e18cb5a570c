/*
 * n8n set up and started for a profile, in the order the other checks need: the fixtures imported
 * with n8n's CLI (before any server, as a user seeds an instance), then, after the CLI examples in
 * regular mode, the profile's processes and the owner's session.
 */
import type { RunningProfile } from './harness/profile';

/** n8n's import commands: the demo credentials, the example workflows and the e2e fixtures. */
export function fixtures(n8n: RunningProfile) {
	it('the demo credentials and the example workflows import', async () => {
		await n8n.importFixtures();
	});
}

/** The profile's n8n processes start, and the owner logs in. */
export function n8nStarts(n8n: RunningProfile) {
	it(
		n8n.profile.mode === 'queue'
			? 'Redis, a main, a worker and a webhook process start'
			: 'the main process starts',
		async () => {
			await n8n.startProcesses();
		},
	);

	it('the owner logs in and gets an API key', async () => {
		await n8n.logIn();

		expect((await n8n.api.publicApi('GET', '/workflows?limit=1')).status).toBe(200);
	});
}
