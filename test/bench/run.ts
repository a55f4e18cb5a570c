/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * `npm run bench`: the seven benchmark tables, each measured in this one run with its reference
 * beside it. Tables 1, 2, 5 and 6 run inside real n8n (scripts/bench.sh installs it and exports its
 * environment); 3, 4 and 7 run through n8n-core's engine and plain Node.js.
 */
process.env.N8N_LOG_LEVEL ??= 'silent';

import { cpus, totalmem } from 'node:os';

import { benchBulk } from './bulk';
import { benchOverhead } from './overhead';
import { benchPackage } from './package';
import { benchPagination } from './pagination';
import { benchRateLimits } from './rateLimits';
import { BenchN8n } from './realN8n';
import { benchStreaming } from './streaming';
import { printTable, type BenchTable } from './table';
import { benchWebhook } from './webhook';

async function main() {
	console.log(
		`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version} (n8n on Node ${process.env.NODE_VERSION ?? '?'}, n8n ${process.env.N8N_VERSION ?? '?'})`,
	);
	const tables: BenchTable[] = [];
	const n8n = new BenchN8n();
	try {
		await n8n.setUp();
		tables.push(await benchOverhead(n8n));
		printTable(1, tables[0]);
		tables.push(await benchRateLimits(n8n));
		printTable(2, tables[1]);
		tables.push(await benchPagination());
		printTable(3, tables[2]);
		tables.push(await benchBulk());
		printTable(4, tables[3]);
		tables.push(await benchStreaming(n8n));
		printTable(5, tables[4]);
		tables.push(await benchWebhook(n8n));
		printTable(6, tables[5]);
	} finally {
		await n8n.tearDown();
	}
	tables.push(await benchPackage());
	printTable(7, tables[6]);
	const missed = tables.flatMap((table, index) => (table.met === false ? [index + 1] : []));
	console.log(
		missed.length ? `\nTargets missed in tables ${missed.join(', ')}.` : '\nEvery target met.',
	);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
