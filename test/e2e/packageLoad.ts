/*
 * n8n's own logs, read last: a package that n8n cannot load is only a warning line there.
 */
import type { RunningProfile } from './harness/profile';

export function packageLoad(n8n: RunningProfile) {
	it('every n8n process and CLI run loaded the package without skipping it', () => {
		const skipped = n8n
			.logs()
			.filter(({ text }) => text.includes('Skipping package'))
			.map(({ file }) => file);

		expect(skipped).toEqual([]);
	});
}
