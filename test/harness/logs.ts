/* eslint-disable @typescript-eslint/no-require-imports, @n8n/community-nodes/no-restricted-imports */
import type { Logger } from '@n8n/backend-common';

/**
 * The logger n8n-core's node contexts write to. n8n-core may carry its own copies of `@n8n/di` and
 * `@n8n/backend-common`, so they are resolved from n8n-core, not from the project root.
 */
export function coreLogger(): Logger {
	const corePath = require.resolve('n8n-core');
	const { Container } = require(
		require.resolve('@n8n/di', { paths: [corePath] }),
	) as typeof import('@n8n/di');
	const { Logger: LoggerClass } = require(
		require.resolve('@n8n/backend-common', { paths: [corePath] }),
	) as typeof import('@n8n/backend-common');
	return Container.get(LoggerClass);
}

/** Runs `work` and returns it with every log call made meanwhile (as [level, ...args]). */
export async function captureLogs<T>(
	work: () => Promise<T>,
): Promise<{ result: T; logged: unknown[][] }> {
	const logger = coreLogger();
	const logged: unknown[][] = [];
	const spies = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
		jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
			logged.push([level, ...args]);
		}),
	);
	try {
		return { result: await work(), logged };
	} finally {
		spies.forEach((spy) => spy.mockRestore());
	}
}
