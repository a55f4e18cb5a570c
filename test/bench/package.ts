/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/*
 * Benchmark table (a command, not a test): what installing and loading the package costs. The
 * tarball as `npm pack` makes it (run `npm run build` first: it packs dist/), and the time to load
 * every node and credential cold, each measurement in a fresh Node.js process so that no module
 * cache hides the cost: requiring every file package.json's "n8n" section lists and instantiating
 * each class; n8n-core's PackageDirectoryLoader.loadAll(), as n8n loads a community package; and,
 * for reference, requiring n8n-workflow alone, which every n8n node pays anyway.
 */
process.env.N8N_LOG_LEVEL ??= 'silent';

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { PACKAGE_ROOT } from '../harness/workflow';
import { percentile, type BenchTable } from './table';

const run = promisify(execFile);

/** Fresh processes per measurement; the table shows the median and the slowest. */
const RUNS = 5;

interface PackedFile {
	path: string;
	size: number;
}

interface Packed {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: PackedFile[];
}

/** What a child process reports: the measured milliseconds and what it checked. */
interface ChildReport {
	ms: number;
	loaded?: number;
	coreMs?: number;
}

/*
 * The child scripts. Each times only its own work, from just before the first require to just
 * after the last step, with process.hrtime; the process start itself is not counted.
 */
const CHILD_PRELUDE = `
process.env.N8N_LOG_LEVEL = 'silent';
const ms = (since) => Math.round(Number(process.hrtime.bigint() - since) / 1e5) / 10;
const report = (value) => process.stdout.write(JSON.stringify(value));
`;

const REQUIRE_WORKFLOW = `${CHILD_PRELUDE}
const started = process.hrtime.bigint();
const workflow = require('n8n-workflow');
if (typeof workflow.NodeHelpers !== 'object') throw new Error('n8n-workflow did not load');
report({ ms: ms(started) });
`;

const REQUIRE_EVERY_FILE = `${CHILD_PRELUDE}
const path = require('path');
const { n8n } = JSON.parse(require('fs').readFileSync('package.json', 'utf8'));
const started = process.hrtime.bigint();
let loaded = 0;
for (const file of [...n8n.nodes, ...n8n.credentials]) {
	const exported = require(path.resolve(file));
	const className = path.basename(file).split('.')[0];
	const Type = exported[className];
	if (typeof Type !== 'function') throw new Error(file + ' exports no class ' + className);
	const instance = new Type();
	const described = file.endsWith('.node.js')
		? instance.description && instance.description.name && instance.description.properties
		: instance.name && instance.properties;
	if (!described) throw new Error(file + ': ' + className + ' has no description');
	loaded++;
}
report({ ms: ms(started), loaded });
`;

const LOAD_ALL = `${CHILD_PRELUDE}
const coreStarted = process.hrtime.bigint();
const { PackageDirectoryLoader } = require('n8n-core');
const coreMs = ms(coreStarted);
(async () => {
	const started = process.hrtime.bigint();
	const loader = new PackageDirectoryLoader(process.cwd());
	await loader.loadAll();
	const loaded = Object.keys(loader.known.nodes).length + Object.keys(loader.known.credentials).length;
	report({ ms: ms(started), loaded, coreMs });
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
`;

async function child(script: string): Promise<ChildReport> {
	const { stdout } = await run(process.execPath, ['-e', script], {
		cwd: PACKAGE_ROOT,
		env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
		maxBuffer: 1 << 20,
	});
	return JSON.parse(stdout) as ChildReport;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function byKind(files: PackedFile[]): string {
	const kinds = new Map<string, { count: number; bytes: number }>();
	for (const file of files) {
		const kind = /(\.d\.ts|\.js\.map|\.[a-z]+)$/i.exec(file.path)?.[1] ?? path.basename(file.path);
		const entry = kinds.get(kind) ?? { count: 0, bytes: 0 };
		entry.count++;
		entry.bytes += file.size;
		kinds.set(kind, entry);
	}
	return [...kinds]
		.sort((a, b) => b[1].bytes - a[1].bytes)
		.map(([kind, { count, bytes }]) => `${kind} ${count} (${kB(bytes)})`)
		.join(', ');
}

export async function benchPackage(): Promise<BenchTable> {
	const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: PACKAGE_ROOT,
		maxBuffer: 16 << 20,
	});
	const [packed] = JSON.parse(stdout) as Packed[];

	const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const listed = manifest.n8n.nodes.length + manifest.n8n.credentials.length;
	const unpacked = manifest.n8n.nodes
		.concat(manifest.n8n.credentials)
		.filter((file) => !packed.files.some((entry) => entry.path === file));

	// Round-robin, so that a busy moment of the machine spreads over the three measurements.
	const workflow: ChildReport[] = [];
	const files: ChildReport[] = [];
	const loadAll: ChildReport[] = [];
	for (let i = 0; i < RUNS; i++) {
		workflow.push(await child(REQUIRE_WORKFLOW));
		files.push(await child(REQUIRE_EVERY_FILE));
		loadAll.push(await child(LOAD_ALL));
	}
	const stats = (reports: ChildReport[], pick: (report: ChildReport) => number = (r) => r.ms) => {
		const values = reports.map(pick);
		return { 'median (ms)': percentile(values, 50), 'max (ms)': Math.max(...values), runs: RUNS };
	};
	const loadedEvery = (reports: ChildReport[]) =>
		reports.every((report) => report.loaded === listed);

	const met = unpacked.length === 0 && loadedEvery(files) && loadedEvery(loadAll);
	const none = { 'median (ms)': '', 'max (ms)': '', runs: '' };
	return {
		title: 'Package: tarball size, time to load every node and credential cold',
		rows: [
			{ measure: `tarball (${packed.filename})`, value: kB(packed.size), ...none },
			{ measure: 'unpacked', value: kB(packed.unpackedSize), ...none },
			{ measure: 'files in the tarball', value: packed.entryCount, ...none },
			{
				measure: `require + new + read description, ${manifest.n8n.nodes.length} nodes and ${manifest.n8n.credentials.length} credentials`,
				value: `${files[0].loaded} loaded`,
				...stats(files),
			},
			{
				measure: "n8n-core's PackageDirectoryLoader.loadAll()",
				value: `${loadAll[0].loaded} loaded`,
				...stats(loadAll),
			},
			{ measure: 'reference: require n8n-workflow alone', value: '', ...stats(workflow) },
			{
				measure: "the package's own share of the require row (its median − the reference's)",
				value: '',
				'median (ms)':
					Math.round((stats(files)['median (ms)'] - stats(workflow)['median (ms)']) * 10) / 10,
				'max (ms)': '',
				runs: '',
			},
		],
		target: `every node and credential of package.json's "n8n" section is in the tarball and loads in a fresh process (${listed})`,
		met,
		notes: [
			`Tarball from \`npm pack --dry-run --json\` (dist/ as built, plus README, LICENSE, package.json), by kind: ${byKind(packed.files)}.`,
			...(unpacked.length ? [`Listed in package.json but not packed: ${unpacked.join(', ')}`] : []),
			`Each time is measured inside a fresh \`node -e\` process (${RUNS} processes per row, run in turn), from just before the first require to the end of the work; the process start is not counted. The disk cache is warm: "cold" means no module loaded yet.`,
			`The require row includes n8n-workflow, which the nodes require; the last row is the difference of the two medians. loadAll() is timed after n8n-core is loaded (requiring n8n-core itself, which n8n has done long before it loads a package: median ${percentile(
				loadAll.map((report) => report.coreMs ?? NaN),
				50,
			)} ms).`,
		],
	};
}
