/*
 * One line per profile at the end of `npm run test:e2e` (the CI log's summary), with what the
 * suite noted for the profile below it (how long it ran, the editor walk's time, the streaming
 * latency; see note() in profile.ts). The profile is a test's outermost describe.
 */
const { existsSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

class ProfileSummary {
	constructor(globalConfig) {
		const e2e = process.env.E2E_DIR ?? path.join(globalConfig.rootDir, '.e2e');
		this.notesFile = path.join(e2e, 'e2e-notes.jsonl');
	}

	onRunStart() {
		rmSync(this.notesFile, { force: true });
	}

	onRunComplete(_contexts, results) {
		const profiles = new Map();
		const profile = (name) => {
			if (!profiles.has(name)) profiles.set(name, { passed: 0, failed: 0, skipped: 0, notes: [] });
			return profiles.get(name);
		};
		const lines = [];
		for (const file of results.testResults) {
			if (file.testExecError) {
				lines.push(
					`e2e: ${path.basename(file.testFilePath)} did not run: ${file.testExecError.message}`,
				);
			}
			for (const test of file.testResults) {
				const counts = profile(test.ancestorTitles[0] ?? path.basename(file.testFilePath));
				if (test.status === 'passed') counts.passed++;
				else if (test.status === 'failed') counts.failed++;
				else counts.skipped++;
			}
		}
		if (existsSync(this.notesFile)) {
			for (const line of readFileSync(this.notesFile, 'utf8').split('\n').filter(Boolean)) {
				const { profile: name, text } = JSON.parse(line);
				profile(name).notes.push(text);
			}
		}
		for (const [name, { passed, failed, skipped, notes }] of profiles) {
			lines.push(`e2e [${name}]: ${passed} passed, ${failed} failed, ${skipped} skipped`);
			for (const text of notes) lines.push(`     ${text}`);
		}
		process.stdout.write(`\n${lines.join('\n')}\n`);
	}
}

module.exports = ProfileSummary;
