/*
 * The CI log of `npm run test:e2e`: a line per test as it ends (`ok   [profile] concern › test
 * (ms)`, `FAIL [profile] …` with the reason under it, `skip [profile] …`), and at the end one line
 * per profile with what the suite noted for it below (how long it ran, the editor walk's time, the
 * streaming latency, the restarts; see note() in profile.ts). The profile is a test's outermost
 * describe.
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

	onTestCaseResult(_test, result) {
		const [profile, ...concerns] = result.ancestorTitles;
		const name = [...concerns, result.title].join(' › ');
		if (result.status === 'passed') {
			process.stdout.write(`ok   [${profile}] ${name} (${result.duration ?? 0} ms)\n`);
		} else if (result.status === 'failed') {
			// The reason without jest's stack: the default reporter prints the whole of it at the end.
			const reason = result.failureMessages
				.map((message) => message.split('\n    at ')[0].trim())
				.join('\n')
				.split('\n')
				.slice(0, 20)
				.map((line) => `     ${line}`)
				.join('\n');
			process.stdout.write(`FAIL [${profile}] ${name} (${result.duration ?? 0} ms)\n${reason}\n`);
		} else {
			process.stdout.write(`skip [${profile}] ${name}\n`);
		}
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
