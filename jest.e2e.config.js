/**
 * The end-to-end suite (`npm run test:e2e`, which installs n8n, builds and packs first): real n8n
 * processes on fixed ports, so one file, in band, with long timeouts. `npm test` (jest.config.js)
 * matches `*.test.ts` only and never runs it.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	maxWorkers: 1,
	testTimeout: 5 * 60_000,
	slowTestThreshold: 30,
	// One line per test comes from the reporter as each test ends; the default reporter adds the
	// failures in full and the totals at the end.
	verbose: false,
	reporters: ['default', '<rootDir>/test/e2e/harness/reporter.js'],
};
