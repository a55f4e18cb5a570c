/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports */
/*
 * The editor walk (harness/editor.ts) in headless Chromium: every operation of every action node
 * picked, filled (editorWalk.fills.ts) and executed the way a user does it, every trigger opened;
 * one test per resource and per trigger, and a screenshot of each into .e2e/screenshots (the
 * README's pictures).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { EditorWalk, walkSteps } from './harness/editor';
import { E2E_DIR, note, ROOT, type RunningProfile } from './harness/profile';

/** How long one resource's operations may take in the editor (each run has 60 s). */
const STEP_TIMEOUT_MS = 15 * 60_000;

export function editorWalk(n8n: RunningProfile) {
	const chromium = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
	let walk: EditorWalk | undefined;
	let started = 0;

	let openError: unknown;

	// Opened once for the walk's tests; a failure is reported by the first test (and named by
	// every step), not as a hook error.
	beforeAll(async () => {
		try {
			if (!existsSync(chromium)) {
				throw new Error(
					`${chromium} is missing: install Debian's chromium (test.sh does this when run as root)`,
				);
			}
			started = Date.now();
			walk = await EditorWalk.open({
				chromium,
				baseUrl: n8n.mainUrl,
				owner: n8n.owner,
				api: n8n.api,
				emulatorsFile: n8n.emulatorsFile,
				out: path.join(E2E_DIR, 'screenshots'),
			});
		} catch (error) {
			openError = error;
		}
	}, 2 * 60_000);

	afterAll(async () => {
		await walk?.close();
		if (started) {
			note(n8n.profile, `the editor walk: ${((Date.now() - started) / 1000).toFixed(0)} s`);
		}
	});

	it('Chromium signs in to the editor for the editor walk', () => {
		if (openError) throw openError;
		expect(walk).toBeDefined();
	});

	for (const step of walkSteps(builtDescriptions())) {
		it(
			step.name,
			async () => {
				if (!walk) throw new Error('Chromium did not open the editor (see the error above)');
				await step.run(walk);
			},
			STEP_TIMEOUT_MS,
		);
	}
}

/**
 * The built nodes' descriptions (dist/, which test.sh packs), by node name: the walk's tests are
 * named from them, since jest names its tests before n8n runs.
 */
function builtDescriptions(): Map<string, INodeTypeDescription> {
	const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[] };
	};
	return new Map(
		packageJson.n8n.nodes.map((file) => {
			const exported = require(path.join(ROOT, file)) as Record<
				string,
				new () => { description: INodeTypeDescription }
			>;
			const { description } = new (Object.values(exported)[0])();
			return [description.name, description];
		}),
	);
}
