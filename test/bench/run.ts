/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * `npm run bench`: the benchmark tables, each measured in this one run with its reference beside
 * it. Tables 1, 2, 5, 6 and 9 run inside real n8n (scripts/bench.sh installs it and exports its
 * environment); 3, 4, 7 and 8 run through n8n-core's engine and plain Node.js. Table 9 starts n8n
 * processes of its own (regular and queue mode), so it does not need the shared server.
 */
process.env.N8N_LOG_LEVEL ??= 'silent';

import { cpus, totalmem } from 'node:os';

import { benchBulk } from './bulk';
import { benchConcurrentExecutions } from './concurrentExecutions';
import { benchOverhead } from './overhead';
import { benchPackage } from './package';
import { benchPagination } from './pagination';
import { benchRateLimits } from './rateLimits';
import { BenchN8n } from './realN8n';
import { benchStreaming } from './streaming';
import { benchSync } from './sync';
import { printTable, type BenchTable } from './table';
import { benchWebhook } from './webhook';

async function main() {
	console.log(
		`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version} (n8n on Node ${process.env.NODE_VERSION ?? '?'}, n8n ${process.env.N8N_VERSION ?? '?'})`,
	);
	// `npm run bench -- 2 5` runs only those tables; without numbers, all of them.
	const chosen = process.argv.slice(2).map(Number);
	const wanted = (number: number) => chosen.length === 0 || chosen.includes(number);
	const n8n = new BenchN8n();
	const tables: Array<[number, () => Promise<BenchTable>]> = [
		[1, async () => await benchOverhead(n8n)],
		[2, async () => await benchRateLimits(n8n)],
		[3, benchPagination],
		[4, benchBulk],
		[5, async () => await benchStreaming(n8n)],
		[6, async () => await benchWebhook(n8n)],
		[7, benchPackage],
		[8, benchSync],
		[9, benchConcurrentExecutions],
	];
	const missed: number[] = [];
	try {
		if ([1, 2, 5, 6].some(wanted)) await n8n.setUp();
		for (const [number, measure] of tables.filter(([number]) => wanted(number))) {
			const table = await measure();
			printTable(number, table);
			if (table.met === false) missed.push(number);
		}
	} finally {
		await n8n.tearDown();
	}
	console.log(
		missed.length ? `\nTargets missed in tables ${missed.join(', ')}.` : '\nEvery target met.',
	);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
