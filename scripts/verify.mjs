#!/usr/bin/env node
// Verified-node pre-flight: the checks n8n applies to a community package, run locally.
// 1. strict lint with zero errors and zero warnings; 2. Prettier formatting;
// 3. the @n8n/scan-community-package analyser over the source tree and over the packed tarball;
// 4. the tarball holds only dist/, README, LICENSE and package.json; 5. no runtime dependencies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const failures = [];

function step(title, check) {
	process.stdout.write(`\n== ${title}\n`);
	try {
		const note = check();
		if (note) console.log(note);
		console.log('ok');
	} catch (error) {
		failures.push(title);
		console.log(String(error.stdout ?? ''), String(error.stderr ?? ''), error.message);
		console.log('FAILED');
	}
}

function run(command, args, options = {}) {
	return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: 'pipe', ...options });
}

step('n8n-node lint (strict, cloud rules)', () =>
	run('npx', ['n8n-node', 'lint']).trim().split('\n').slice(-3).join('\n'),
);
step('eslint: zero warnings', () => run('npx', ['eslint', '.', '--max-warnings', '0']));
step('prettier --check', () => run('npx', ['prettier', '--check', '.']).trim().split('\n').pop());

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
step('package.json has no runtime dependencies', () => {
	const runtime = Object.keys(packageJson.dependencies ?? {});
	if (runtime.length) throw new Error(`dependencies: ${runtime.join(', ')}`);
	const peers = Object.keys(packageJson.peerDependencies ?? {});
	if (peers.join() !== 'n8n-workflow')
		throw new Error(`peerDependencies must be only n8n-workflow, not ${peers.join(', ')}`);
});

const sourceScan = await analyzePackage(root, SOURCE_FILE_PATTERNS);
step('scanner: source tree', () => {
	if (!sourceScan.passed) throw new Error(`${sourceScan.message}\n${sourceScan.details ?? ''}`);
});

const work = mkdtempSync(path.join(tmpdir(), 'verify-'));
try {
	run('npm', ['run', 'build', '--silent']);
	const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]))[0];
	const tarball = path.join(work, packed.filename);
	run('tar', ['-xzf', tarball, '-C', work]);
	const packageDir = path.join(work, 'package');

	step('tarball contents', () => {
		const allowed = /^(dist\/.+|README\.md|LICENSE|package\.json)$/;
		const stray = packed.files.map((file) => file.path).filter((file) => !allowed.test(file));
		if (stray.length) throw new Error(`unexpected files: ${stray.join(', ')}`);
		// Test files by their place or suffix (test/, __tests__/, *.test.*, *.spec.*), not by the word:
		// SendKit's Send Test Delivery operation lives in sendTest.ts.
		const isTestFile =
			/(^|\/)(tests?|__tests__)\/|\.(test|spec)\.[cm]?[jt]s(\.map)?$|\.(test|spec)\.d\.ts$/i;
		const tests = packed.files.map((file) => file.path).filter((file) => isTestFile.test(file));
		if (tests.length) throw new Error(`test files in the tarball: ${tests.join(', ')}`);
		return `${packed.files.length} files; tarball ${(statSync(tarball).size / 1024).toFixed(1)} kB; unpacked ${(packed.unpackedSize / 1024).toFixed(1)} kB`;
	});

	const tarballScan = await analyzePackage(packageDir, ['**/*.js', 'package.json']);
	step('scanner: packed tarball', () => {
		if (!tarballScan.passed)
			throw new Error(`${tarballScan.message}\n${tarballScan.details ?? ''}`);
	});
} finally {
	rmSync(work, { recursive: true, force: true });
}

console.log(
	failures.length
		? `\nverify: ${failures.length} check(s) failed: ${failures.join('; ')}`
		: '\nverify: all checks passed',
);
process.exit(failures.length ? 1 : 0);
