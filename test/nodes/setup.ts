import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import type { PlatformEmulator } from '../emulators/kit';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness/runNode';

/**
 * A platform under test: its node, its emulator and the credential that reaches that emulator.
 * Each platform's definition is in `test/nodes/<Platform>/setup.ts`.
 */
export interface Platform<Emulator extends PlatformEmulator> {
	/** Short node type name, e.g. 'chatsby'. */
	node: string;
	credentialType: string;
	/** A new emulator, not started. */
	createEmulator(): Emulator;
	/** The credential data that the emulator accepts. */
	credential(emulator: Emulator): ICredentialDataDecryptedObject;
}

/** How a test runs the node: the harness's options, and credential fields to change. */
export type RunOptions = Partial<Omit<RunNodeOptions, 'type' | 'parameters' | 'credentials'>> & {
	credential?: ICredentialDataDecryptedObject;
};

/** The platform's credential for this emulator, with `changes` applied, by credential type. */
export function credentialsFor<Emulator extends PlatformEmulator>(
	platform: Platform<Emulator>,
	emulator: Emulator,
	changes: ICredentialDataDecryptedObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	return { [platform.credentialType]: { ...platform.credential(emulator), ...changes } };
}

/** Runs the platform's node in a workflow against the emulator, with the platform's credential. */
export async function runOn<Emulator extends PlatformEmulator>(
	platform: Platform<Emulator>,
	emulator: Emulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunNodeResult> {
	const { credential, ...rest } = options;
	return await runNode({
		type: platform.node,
		parameters,
		credentials: credentialsFor(platform, emulator, credential),
		...rest,
	});
}

/**
 * Starts the platform's emulator for the test file (or the one given) and stops it afterwards.
 * Before each test the emulator is reset: no data, default test controls, an empty request log,
 * no faults or limits. `run` executes the node against it; `credentials` is what a trigger or a
 * list search gets.
 */
export function usePlatform<Emulator extends PlatformEmulator>(
	platform: Platform<Emulator>,
	emulator: Emulator = platform.createEmulator(),
) {
	beforeAll(async () => {
		await emulator.start();
	});
	afterAll(async () => {
		await emulator.stop();
	});
	beforeEach(() => emulator.reset());

	return {
		emulator,
		run: async (parameters: INodeParameters, options: RunOptions = {}) =>
			await runOn(platform, emulator, parameters, options),
		credentials: (changes: ICredentialDataDecryptedObject = {}) =>
			credentialsFor(platform, emulator, changes),
	};
}

/** A resource locator value, as the editor stores one entered "By ID". */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}
