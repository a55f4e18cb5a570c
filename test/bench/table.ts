/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * One result of `npm run bench`: a titled table, measured in one run, with the reference measured
 * side by side where there is one, the target, and notes (what was measured, how, what it means).
 */
export interface BenchTable {
	title: string;
	rows: Array<Record<string, string | number>>;
	/** The target in words, e.g. "ratio ≤ 1.0"; absent when the table has no target. */
	target?: string;
	/** Whether the target was met in this run. */
	met?: boolean;
	notes?: string[];
}

export function printTable(number: number, table: BenchTable): void {
	console.log(`\n${number}. ${table.title}`);
	console.table(table.rows);
	if (table.target !== undefined) {
		console.log(`   target: ${table.target} → ${table.met ? 'met' : 'MISSED'}`);
	}
	for (const note of table.notes ?? []) console.log(`   ${note}`);
}

/** Milliseconds since `started` (from `process.hrtime.bigint()`), to 0.1 ms. */
export function msSince(started: bigint): number {
	return Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
