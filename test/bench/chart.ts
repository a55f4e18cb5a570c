/**
 * A small SVG chart written by hand (no chart library): a grid of panels, one row per scenario and
 * one column per workflow, each panel a bar per second of the run — answered at the bottom, failed
 * stacked on top — with a dashed line at the platform's rate. Panels of one row share their axes,
 * so that the two workflows of a scenario compare at a glance.
 */

export interface PerSecondSeries {
	/** Answers that arrived in second `s` of the run, counted from the first message sent. */
	answered: number[];
	failed: number[];
	/** One line under the panel, e.g. "ours: 200 answered, 0 failed, 10.4 s". */
	caption: string;
}

export interface ChartRow {
	title: string;
	/** One series per column. */
	cells: PerSecondSeries[];
}

export interface PerSecondChart {
	title: string;
	subtitle: string[];
	columns: string[];
	rows: ChartRow[];
	/** A dashed line at this many per second (the platform's rate). */
	rateLine: number;
}

const COLORS = { answered: '#2f855a', failed: '#c53030', axis: '#4a5568', rate: '#718096' };
const LAYOUT = {
	left: 190,
	cellWidth: 420,
	cellGap: 40,
	plotHeight: 110,
	// Above a panel: nothing; below it: the x labels and the caption.
	rowHeight: 110 + 58,
	top: 64,
	columnTitle: 24,
	right: 20,
};

/** The number put in a text node or an attribute, safe for XML. */
function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A round number at or above `value`, for the top of the y axis. */
function niceCeiling(value: number): number {
	for (const step of [5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]) {
		if (value <= step * 5) return Math.ceil(value / step) * step;
	}
	return Math.ceil(value / 1000) * 1000;
}

/** Seconds between x ticks, so that a panel has at most 8 of them. */
function tickStep(seconds: number): number {
	return [1, 2, 5, 10, 15, 20, 30, 60, 120, 300].find((step) => seconds / step <= 8) ?? 600;
}

export function perSecondChartSvg(chart: PerSecondChart): string {
	const columns = chart.columns.length;
	const width =
		LAYOUT.left + columns * LAYOUT.cellWidth + (columns - 1) * LAYOUT.cellGap + LAYOUT.right;
	const gridTop = LAYOUT.top + chart.subtitle.length * 16 + LAYOUT.columnTitle;
	const height = gridTop + chart.rows.length * LAYOUT.rowHeight + 10;
	const out: string[] = [];
	const text = (x: number, y: number, value: string, attributes = '') =>
		out.push(`<text x="${x}" y="${y}" ${attributes}>${escape(value)}</text>`);

	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" fill="#1a202c">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
	);
	text(16, 26, chart.title, 'font-size="16" font-weight="bold"');
	chart.subtitle.forEach((line, index) => text(16, 46 + index * 16, line, 'fill="#4a5568"'));

	// Legend, top right.
	const legendX = width - 330;
	out.push(`<rect x="${legendX}" y="14" width="12" height="12" fill="${COLORS.answered}"/>`);
	text(legendX + 16, 24, 'answered');
	out.push(`<rect x="${legendX + 86}" y="14" width="12" height="12" fill="${COLORS.failed}"/>`);
	text(legendX + 102, 24, 'failed');
	out.push(
		`<line x1="${legendX + 156}" y1="20" x2="${legendX + 180}" y2="20" stroke="${COLORS.rate}" stroke-dasharray="4 3"/>`,
	);
	text(legendX + 184, 24, `platform limit (${chart.rateLine}/s)`);

	chart.columns.forEach((column, index) => {
		const x = LAYOUT.left + index * (LAYOUT.cellWidth + LAYOUT.cellGap);
		text(x, gridTop - 8, column, 'font-weight="bold"');
	});

	chart.rows.forEach((row, rowIndex) => {
		const top = gridTop + rowIndex * LAYOUT.rowHeight;
		const baseline = top + LAYOUT.plotHeight;
		// Both panels of a row share the seconds and the counts, so their bars compare directly.
		const seconds = Math.max(1, ...row.cells.map((cell) => cell.answered.length));
		const peak = Math.max(
			chart.rateLine,
			...row.cells.flatMap((cell) => cell.answered.map((count, s) => count + cell.failed[s])),
		);
		const yMax = niceCeiling(peak);
		const y = (count: number) => baseline - (count / yMax) * LAYOUT.plotHeight;
		row.title.split('\n').forEach((line, index) => {
			text(16, top + 16 + index * 16, line, index === 0 ? 'font-weight="bold"' : '');
		});

		row.cells.forEach((cell, cellIndex) => {
			const left = LAYOUT.left + cellIndex * (LAYOUT.cellWidth + LAYOUT.cellGap);
			const barWidth = LAYOUT.cellWidth / seconds;
			const gap = barWidth > 4 ? 1 : 0;
			cell.answered.forEach((answered, s) => {
				const failed = cell.failed[s];
				const x = (left + s * barWidth).toFixed(1);
				const w = (barWidth - gap).toFixed(1);
				if (answered > 0) {
					out.push(
						`<rect x="${x}" y="${y(answered).toFixed(1)}" width="${w}" height="${(baseline - y(answered)).toFixed(1)}" fill="${COLORS.answered}"/>`,
					);
				}
				if (failed > 0) {
					out.push(
						`<rect x="${x}" y="${y(answered + failed).toFixed(1)}" width="${w}" height="${(y(answered) - y(answered + failed)).toFixed(1)}" fill="${COLORS.failed}"/>`,
					);
				}
			});
			// Axes: the baseline, the top count, the platform's rate, seconds below.
			out.push(
				`<line x1="${left}" y1="${baseline}" x2="${left + LAYOUT.cellWidth}" y2="${baseline}" stroke="${COLORS.axis}"/>`,
				`<line x1="${left}" y1="${top}" x2="${left}" y2="${baseline}" stroke="${COLORS.axis}"/>`,
				`<line x1="${left}" y1="${y(chart.rateLine).toFixed(1)}" x2="${left + LAYOUT.cellWidth}" y2="${y(chart.rateLine).toFixed(1)}" stroke="${COLORS.rate}" stroke-dasharray="4 3"/>`,
			);
			text(left - 4, top + 4, String(yMax), 'text-anchor="end" fill="#4a5568" font-size="10"');
			text(left - 4, baseline, '0', 'text-anchor="end" fill="#4a5568" font-size="10"');
			const step = tickStep(seconds);
			for (let s = 0; s <= seconds; s += step) {
				const x = left + s * barWidth;
				out.push(
					`<line x1="${x.toFixed(1)}" y1="${baseline}" x2="${x.toFixed(1)}" y2="${baseline + 4}" stroke="${COLORS.axis}"/>`,
				);
				text(x, baseline + 16, `${s} s`, 'text-anchor="middle" fill="#4a5568" font-size="10"');
			}
			text(left, baseline + 36, cell.caption);
		});
	});
	out.push('</svg>');
	return `${out.join('\n')}\n`;
}
