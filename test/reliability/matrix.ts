/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The fault matrix: every platform's representative operations run against every fault a hosted
 * API can throw at them. This file holds the fault table (what each case does to the emulator),
 * the outcomes a case can have, and the runner that checks every row against named rules (the
 * message of a failing row starts with the rule it broke):
 *
 * - the outcome: the error item's message in plain words, its class, HTTP code and description
 *   (`expectFails`), after one request (`expectNotRepeated`) or as many as the row says; or a
 *   retry that then succeeds (`expectRetried`), not before Retry-After; or a list's records
 *   (`expectRecords`);
 * - nothing created twice (`expectCreatedOnce`): for creates, the objects the emulator holds;
 * - nothing lost (`expectNothingLost`): two input items under Continue On Fail give item 0's
 *   outcome and item 1's result, each paired with its own input item;
 * - no secret (`expectNoSecret`): no credential value in any output item, error or log line.
 *
 * The platform files (`<platform>.faults.test.ts`) hold each platform's table of expected
 * outcomes: one row per case, one column per operation. Rows run concurrently, each against its
 * own emulator, so that their waits (Retry-After, backoff, timeouts) overlap.
 */
import util from 'node:util';

import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import type {
	EmulatorRequest,
	FaultSpec,
	PlatformEmulator,
	RecordedRequest,
} from '../emulators/kit';
import { coreLogger } from '../harness/logs';
import type { RunNodeResult } from '../harness/runNode';
import { dispatchClockPerTask, SkippingClock, withClock } from '../harness/virtualClock';
import { packageRequestClock } from '../harness/workflow';
import { type Platform, runOn, type RunOptions } from '../nodes/setup';

/** Rows run at the same time: each gets a clock of its own for the package's requests. */
const clockPerRow = packageRequestClock().then(dispatchClockPerTask);

/** The node's Timeout (Request Options → Timeout) in the rows that wait for one, in ms. */
export const TIMEOUT_MS = 1000;
/** The Retry-After of the 429 case, in seconds. */
export const RETRY_AFTER_SECONDS = 1;

// ---------------------------------------------------------------------------------------------
// The faults
// ---------------------------------------------------------------------------------------------

export type CaseId =
	| '401'
	| '403'
	| '404'
	| '409'
	| '422'
	| '429'
	| '500'
	| '502'
	| '503'
	| '504'
	| 'reset'
	| 'slow'
	| 'hang'
	| 'malformedJson'
	| 'htmlErrorPage'
	| 'htmlPage200'
	| 'truncated'
	| 'stalled'
	| 'repeatedCursor'
	| 'emptyFirstPage'
	| 'emptyLaterPage';

/** How the platform words an error: its error body for a status. */
export interface PlatformShapes {
	errorBody(status: number): unknown;
}

export interface FaultCase {
	title: string;
	/** The fault, without what it matches (the runner aims it at one item's request). */
	fault(platform: PlatformShapes, operation: Operation): FaultSpec;
	/** Whether the service did the work before the fault hit (a create then exists once). */
	processed: boolean;
	/** Aimed at every request of item 0 (a lasting state, a page shape), not at one request. */
	everyRequest?: boolean;
	/** The run sets the node's Timeout to TIMEOUT_MS (other runs keep n8n's default). */
	usesTimeout?: boolean;
}

const status = (code: number, extra: Partial<Extract<FaultSpec, { kind: 'status' }>> = {}) =>
	((platform: PlatformShapes) => ({
		kind: 'status',
		status: code,
		json: platform.errorBody(code),
		...extra,
	})) as FaultCase['fault'];

const pageOf = (operation: Operation, records: number, nextCursor: string | null) => {
	if (!operation.page) throw new Error(`${operation.name} has no pages`);
	return operation.page(records, nextCursor);
};

/**
 * The fault table. Faults that may come after the service did the work (a 500, a gateway's
 * 502/504, a reset, a timeout, a broken body) are applied after the emulator processed the
 * request, the worst case for a create: repeating it would create a second object.
 */
export const FAULTS: Record<CaseId, FaultCase> = {
	// A refused key stays refused. n8n itself sends a request again once after a 401 (in case the
	// credential can refresh itself), so a 401 costs two requests; neither was processed.
	'401': {
		title: '401 Unauthorized on every request',
		fault: status(401),
		processed: false,
		everyRequest: true,
	},
	'403': { title: '403 Forbidden', fault: status(403), processed: false },
	'404': { title: '404 Not Found', fault: status(404), processed: false },
	'409': { title: '409 Conflict', fault: status(409), processed: false },
	'422': { title: '422 Unprocessable Entity', fault: status(422), processed: false },
	'429': {
		title: `429 Too Many Requests with Retry-After: ${RETRY_AFTER_SECONDS}`,
		fault: status(429, { retryAfterSeconds: RETRY_AFTER_SECONDS }),
		processed: false,
	},
	'500': {
		title: '500 Internal Server Error after the work was done',
		fault: status(500, { afterProcessing: true }),
		processed: true,
	},
	'502': {
		title: '502 Bad Gateway after the work was done',
		fault: status(502, { afterProcessing: true }),
		processed: true,
	},
	'503': { title: '503 Service Unavailable', fault: status(503), processed: false },
	'504': {
		title: '504 Gateway Timeout after the work was done',
		fault: status(504, { afterProcessing: true }),
		processed: true,
	},
	reset: {
		title: 'connection reset after the work was done',
		fault: () => ({ kind: 'reset', afterProcessing: true }),
		processed: true,
	},
	slow: {
		title: `an answer 3× slower than the ${TIMEOUT_MS} ms Timeout`,
		fault: () => ({ kind: 'slow', delayMs: TIMEOUT_MS * 3, afterProcessing: true }),
		processed: true,
		usesTimeout: true,
	},
	hang: {
		title: 'no answer at all',
		fault: () => ({ kind: 'hang', afterProcessing: true }),
		processed: true,
		usesTimeout: true,
	},
	malformedJson: {
		title: '200 with a body that is not valid JSON',
		fault: () => ({ kind: 'malformedJson', afterProcessing: true }),
		processed: true,
	},
	htmlErrorPage: {
		title: "a proxy's HTML error page with status 500",
		fault: () => ({ kind: 'htmlError', status: 500, afterProcessing: true }),
		processed: true,
	},
	htmlPage200: {
		title: 'an HTML page with status 200 (a Base URL that points at a website)',
		fault: () => ({ kind: 'htmlError', status: 200 }),
		processed: false,
	},
	truncated: {
		title: 'an answer that breaks off midway (truncated body or stream)',
		fault: () => ({ kind: 'truncate' }),
		processed: true,
	},
	stalled: {
		title: `a stream that stops arriving for longer than the Timeout`,
		fault: () => ({ kind: 'truncate', stall: true }),
		processed: true,
		usesTimeout: true,
	},
	repeatedCursor: {
		title: 'a page cursor that comes back again',
		fault: (_platform, operation) => ({
			kind: 'status',
			status: 200,
			json: pageOf(operation, operation.pageSize ?? 100, 'cursor-that-repeats'),
		}),
		processed: false,
		everyRequest: true,
	},
	emptyFirstPage: {
		title: 'an empty first page that claims there is more',
		fault: (_platform, operation) => ({
			kind: 'status',
			status: 200,
			json: pageOf(operation, 0, 'cursor-after-nothing'),
		}),
		processed: false,
		everyRequest: true,
	},
	emptyLaterPage: {
		title: 'an empty second page that claims there is more',
		fault: (_platform, operation) => ({
			kind: 'status',
			status: 200,
			json: pageOf(operation, 0, 'cursor-after-nothing'),
		}),
		processed: false,
	},
};

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

export type Outcome =
	| {
			kind: 'retried';
			/** Requests item 0 made to the faulted endpoint: the failed ones and the one that worked. */
			attempts: number;
			/** The least time between the failed attempt and the retry (Retry-After). */
			waitedAtLeastMs?: number;
	  }
	| {
			kind: 'fails';
			message: string;
			/** Requests item 0 made to the faulted endpoint. */
			attempts: number;
			httpCode?: string;
			description?: RegExp;
			/** The error is a NodeApiError (the service's answer) or a NodeOperationError. */
			errorClass: 'NodeApiError' | 'NodeOperationError';
			/** A streamed reply's error keeps the text received so far. */
			partialResponse?: boolean;
	  }
	| { kind: 'records'; count: number; attempts: number };

/** Item 0 succeeds on its second request (a retry); for a 429, after Retry-After. */
export const retried = (
	options: { attempts?: number; waitedAtLeastMs?: number } = {},
): Outcome => ({
	kind: 'retried',
	attempts: options.attempts ?? 2,
	...(options.waitedAtLeastMs !== undefined ? { waitedAtLeastMs: options.waitedAtLeastMs } : {}),
});

/** A 429 honoured: retried once, not before Retry-After. */
export const retriedAfterRetryAfter = (): Outcome =>
	retried({ waitedAtLeastMs: RETRY_AFTER_SECONDS * 1000 - 50 });

/** Item 0 fails with a NodeApiError with this message, after one request (no retry). */
export const fails = (
	message: string,
	options: Partial<Omit<Extract<Outcome, { kind: 'fails' }>, 'kind' | 'message'>> = {},
): Outcome => ({
	kind: 'fails',
	message,
	attempts: 1,
	errorClass: 'NodeApiError',
	...options,
});

/**
 * Item 0 fails after one request, which is not repeated because the service may have carried it
 * out, and the error says so (a create or a message must not happen twice).
 */
export const notRepeated = (message: string, httpCode?: string): Outcome =>
	fails(message, {
		...(httpCode ? { httpCode } : {}),
		description: /not sent again/,
	});

/** A list: item 0 returns this many records after this many requests. */
export const records = (count: number, attempts: number): Outcome => ({
	kind: 'records',
	count,
	attempts,
});

type OperationKind = 'create' | 'read' | 'list' | 'stream';

/** The same outcome for each of the operations given (they are named by their kind). */
export function each<Op extends OperationKind>(ops: readonly Op[], outcome: Outcome) {
	return Object.fromEntries(ops.map((op) => [op, outcome])) as Record<Op, Outcome>;
}

/**
 * A request that may have reached the service with no answer saying it was not carried out (a
 * reset connection, a timeout, a cut-off body, a 502 or 504): the shared request path repeats a
 * read or a list, never a create or a message, whose error says it was not sent again.
 */
export function unanswered<Op extends OperationKind>(
	ops: readonly Op[],
	message: string,
	httpCode?: string,
) {
	return Object.fromEntries(
		ops.map((op) => [
			op,
			op === 'read' || op === 'list' ? retried() : notRepeated(message, httpCode),
		]),
	) as Record<Op, Outcome>;
}

/** A JSON body where the reply stream belongs: it carries no reply events. */
export const replyEndedEarly = fails('The reply stream ended before it was complete', {
	partialResponse: true,
});

/** A reply stream cut off midway: the text so far is kept, the message is not sent again. */
export const replyBrokeOff = fails('The reply stream broke off before it was complete', {
	partialResponse: true,
	description: /not sent again/,
});

/**
 * The rows of the shared reply-stream reader and cursor-page walker, the same on every platform
 * that streams replies and pages its lists.
 */
export const streamAndPageOutcomes = {
	stalled: {
		stream: fails('The reply stream stopped arriving before it was complete', {
			partialResponse: true,
			description: /Nothing arrived for 1 s.*not sent again/,
		}),
	},
	repeatedCursor: {
		list: fails('The service sent the same page cursor twice', {
			attempts: 2,
			description: /not read further/,
		}),
	},
	emptyFirstPage: { list: records(0, 1) },
	emptyLaterPage: { list: records(100, 1) },
} satisfies ExpectedOutcomes<'stream' | 'list'>;

export function describeOutcome(outcome: Outcome): string {
	switch (outcome.kind) {
		case 'retried':
			return outcome.waitedAtLeastMs !== undefined
				? `waits for Retry-After, retries and succeeds (${outcome.attempts} requests)`
				: `retries and succeeds (${outcome.attempts} requests)`;
		case 'fails':
			return `fails after ${outcome.attempts} request${outcome.attempts > 1 ? 's' : ''}: "${outcome.message}"${
				outcome.description?.source === 'not sent again' ? ', not sent again' : ''
			}`;
		case 'records':
			return `returns ${outcome.count} records after ${outcome.attempts} request${outcome.attempts > 1 ? 's' : ''}, no error`;
	}
}

// ---------------------------------------------------------------------------------------------
// Operations and platforms
// ---------------------------------------------------------------------------------------------

export interface Operation {
	/** e.g. 'Chatbot › Create'. */
	name: string;
	kind: OperationKind;
	/** Runs as code (customOperations): its error items carry the message only. */
	programmatic?: boolean;
	/** The requests of the operation the faults are aimed at. */
	target: { method: string; path: RegExp };
	/** Which input item (0 or 1) a request belongs to, told by its path, query or body. */
	itemOf(request: EmulatorRequest): number | undefined;
	/** Lists: the request of item 0 a single-request fault hits (the second page). */
	faultedPage?(request: EmulatorRequest): boolean;
	/** Seeds the emulator; returns the node's parameters and the two input items. */
	prepare(): { parameters: INodeParameters; input: INodeExecutionData[] };
	/** Checks an input item's outputs: the right result for that item. */
	expectResult(outputs: INodeExecutionData[], itemIndex: number): void;
	/** Creates: the objects the emulator holds for an input item. */
	held?(itemIndex: number): number;
	/** Lists: a page of `records` made-up records as the platform sends it. */
	page?(records: number, nextCursor: string | null): unknown;
	/** Lists: the page size Return All asks for. */
	pageSize?: number;
	/** How a failure's message reads in an error item (batched writes name the batch). */
	itemMessage?(message: string, itemIndex: number): string;
}

/**
 * A platform under faults. Every row starts its own emulator, so that rows run concurrently
 * (their waits for Retry-After, backoff and timeouts overlap) without sharing state.
 */
export interface MatrixPlatform<Emulator extends PlatformEmulator, Op extends string>
	extends PlatformShapes {
	/** The node, its emulator and its credential, as the node tests define them. */
	definition: Platform<Emulator>;
	/** Credential fields the rows add (a webhook secret: it must not leak either). */
	credential?: ICredentialDataDecryptedObject;
	/** The credential's secret values: none may appear in an output, an error or a log line. */
	secrets: string[];
	/** The operations, bound to one emulator. */
	operations(emulator: Emulator): Record<Op, Operation>;
}

/** A platform's expected outcomes: per case, per operation (absent: not applicable). */
export type ExpectedOutcomes<Op extends string> = Partial<
	Record<CaseId, Partial<Record<Op, Outcome>>>
>;

// ---------------------------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------------------------

interface Row<Op extends string> {
	caseId: CaseId;
	op: Op;
	outcome: Outcome;
}

/** Everything a run made visible: output items, errors (with their hidden fields). */
function everythingSaid(result: RunNodeResult): string {
	const errors = [result.error, ...result.items.map((item) => item.error)].filter(Boolean);
	return [
		JSON.stringify(result.items),
		...errors.map((error) =>
			[
				error?.message,
				error?.description,
				JSON.stringify(error),
				util.inspect(error, { depth: 8, showHidden: true }),
			].join('\n'),
		),
	].join('\n');
}

/**
 * Every line n8n's logger is given while the file's rows run (rows run concurrently, so lines
 * are not told apart by row: none may hold a secret anyway).
 */
function captureAllLogs(): unknown[][] {
	const logged: unknown[][] = [];
	let spies: jest.SpyInstance[] = [];
	beforeAll(() => {
		const logger = coreLogger();
		spies = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
			jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
				logged.push([level, ...args]);
			}),
		);
	});
	afterAll(() => spies.forEach((spy) => spy.mockRestore()));
	return logged;
}

/**
 * Declares the platform's fault matrix: one test per row (case × operation), each with its
 * expected outcome in its name. Rows run concurrently, each against its own emulator.
 */
export function describeFaultMatrix<Emulator extends PlatformEmulator, Op extends string>(
	platform: MatrixPlatform<Emulator, Op>,
	expected: ExpectedOutcomes<Op>,
): void {
	const logged = captureAllLogs();
	const operations = platform.operations(platform.definition.createEmulator());
	const rows: Array<[string, Row<Op>]> = [];
	for (const [caseId, byOperation] of Object.entries(expected) as Array<
		[CaseId, Partial<Record<Op, Outcome>>]
	>) {
		for (const [op, outcome] of Object.entries(byOperation) as Array<[Op, Outcome]>) {
			const title = `${FAULTS[caseId].title} › ${operations[op].name}: ${describeOutcome(outcome)}`;
			rows.push([title, { caseId, op, outcome }]);
		}
	}

	test.concurrent.each(rows)('%s', async (_title, row) => {
		const emulator = platform.definition.createEmulator();
		await emulator.start();
		try {
			await runRow(platform, emulator, row);
		} finally {
			await emulator.stop();
		}
	});

	test('no log line holds a secret', () => {
		expect(logged.length).toBeGreaterThan(0);
		expectNoSecret(platform.secrets, util.inspect(logged, { depth: 8 }));
	});
}

/** Runs the node against a row's emulator, with the credential and the matrix's additions. */
async function run<Emulator extends PlatformEmulator, Op extends string>(
	{ definition, credential }: MatrixPlatform<Emulator, Op>,
	emulator: Emulator,
	parameters: INodeParameters,
	options: RunOptions,
): Promise<RunNodeResult> {
	return await runOn(definition, emulator, parameters, { ...options, credential });
}

/**
 * Installs the case's fault on the operation's endpoint, on the requests `where` accepts (any when
 * omitted): on every one of them for a lasting state, else on the first.
 */
function injectCaseFault(
	emulator: PlatformEmulator,
	platform: PlatformShapes,
	operation: Operation,
	faultCase: FaultCase,
	where?: (request: EmulatorRequest) => boolean,
): void {
	emulator.injectFault({
		...faultCase.fault(platform, operation),
		method: operation.target.method,
		path: operation.target.path,
		...(where ? { where } : {}),
		...(faultCase.everyRequest ? {} : { times: 1 }),
	});
}

/** The run's Request Options: a short Timeout where the case waits for one, n8n's default otherwise. */
function requestOptions(caseId: CaseId) {
	return FAULTS[caseId].usesTimeout ? { timeout: TIMEOUT_MS } : {};
}

async function runRow<Emulator extends PlatformEmulator, Op extends string>(
	platform: MatrixPlatform<Emulator, Op>,
	emulator: Emulator,
	{ caseId, op, outcome }: Row<Op>,
): Promise<void> {
	const operation = platform.operations(emulator)[op];
	const faultCase = FAULTS[caseId];
	const { parameters, input } = operation.prepare();
	const isItem0 = (request: EmulatorRequest) =>
		request.method === operation.target.method.toUpperCase() &&
		operation.target.path.test(request.routePath) &&
		operation.itemOf(request) === 0;
	const aimedAt = (request: EmulatorRequest) =>
		isItem0(request) && (faultCase.everyRequest || (operation.faultedPage?.(request) ?? true));
	injectCaseFault(emulator, platform, operation, faultCase, aimedAt);

	// The request path's waits are skipped and recorded: a retry after Retry-After takes no time,
	// and the rule reads the wait the path asked for instead of the time that passed.
	await clockPerRow;
	const clock = new SkippingClock();
	const result = await withClock(
		clock,
		async () =>
			await run(
				platform,
				emulator,
				{ ...parameters, requestOptions: requestOptions(caseId) },
				{ input, continueOnFail: true },
			),
	);

	const [item0] = expectNothingLost(result, operation);
	expectFaultHitItem0Only(emulator.requests, isItem0);
	const attempts = emulator.requests.filter(aimedAt);
	if (outcome.kind === 'retried') expectRetried(operation, item0, attempts, outcome, clock.waits);
	if (outcome.kind === 'records') expectRecords(item0, attempts, outcome);
	if (outcome.kind === 'fails') expectFails(operation, item0, attempts, outcome);
	if (operation.held) {
		// Item 0's object exists once if the service did the work (or the retry did), else not at all.
		const item0Done =
			outcome.kind === 'retried' || (outcome.kind === 'fails' && faultCase.processed);
		expectCreatedOnce(operation, item0Done);
	}
	expectNoSecret(platform.secrets, everythingSaid(result));
	// Code-run operations show the error itself only when the node stops on it: run item 0 alone.
	if (outcome.kind === 'fails' && operation.programmatic) {
		await expectFailsWhenRunAlone(platform, caseId, op, outcome);
	}
}

// ---------------------------------------------------------------------------------------------
// The rules a row is checked against
// ---------------------------------------------------------------------------------------------

/** Runs one rule's assertions; when one fails, its message starts with the rule it broke. */
function rule(name: string, check: () => void): void {
	try {
		check();
	} catch (error) {
		if (error instanceof Error)
			error.message = `Fault matrix rule broken: ${name}\n\n${error.message}`;
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- jest's own assertion error, renamed
		throw error;
	}
}

/**
 * Nothing lost: the run goes on (Continue On Fail), every output item is paired with its own
 * input item, and item 1 gets its normal result. Returns item 0's and item 1's outputs.
 */
function expectNothingLost(
	result: RunNodeResult,
	operation: Operation,
): [INodeExecutionData[], INodeExecutionData[]] {
	const groups: [INodeExecutionData[], INodeExecutionData[]] = [[], []];
	rule('nothing lost: each input item gets its own outcome and item 1 its result', () => {
		expect(result.error).toBeUndefined();
		for (const item of result.items) {
			const paired = item.pairedItem as { item: number } | undefined;
			expect(paired).toEqual({ item: expect.any(Number) });
			groups[paired!.item].push(item);
		}
		operation.expectResult(groups[1], 1);
	});
	return groups;
}

/** The fault hit item 0's requests only (the row is aimed right). */
function expectFaultHitItem0Only(
	requests: RecordedRequest[],
	isItem0: (request: EmulatorRequest) => boolean,
): void {
	rule("the fault hit only item 0's requests", () => {
		const faulted = requests.filter((request) => request.fault !== undefined);
		expect(faulted.every(isItem0)).toBe(true);
	});
}

/** Retried: item 0 gets its normal result after this many requests, the later not before Retry-After. */
function expectRetried(
	operation: Operation,
	item0: INodeExecutionData[],
	attempts: RecordedRequest[],
	outcome: Extract<Outcome, { kind: 'retried' }>,
	waits: number[],
): void {
	rule(`retried: item 0 succeeds after ${outcome.attempts} requests`, () => {
		operation.expectResult(item0, 0);
		expect(attempts).toHaveLength(outcome.attempts);
	});
	const { waitedAtLeastMs } = outcome;
	if (waitedAtLeastMs === undefined) return;
	rule(`retried after Retry-After: the request path waited at least ${waitedAtLeastMs} ms`, () => {
		expect(Math.max(0, ...waits)).toBeGreaterThanOrEqual(waitedAtLeastMs);
	});
}

/** A list that returns what it got: item 0 has this many records, none an error. */
function expectRecords(
	item0: INodeExecutionData[],
	attempts: RecordedRequest[],
	outcome: Extract<Outcome, { kind: 'records' }>,
): void {
	rule(`records: item 0 returns ${outcome.count} records and no error`, () => {
		expect(item0.every((item) => item.error === undefined && !('error' in item.json))).toBe(true);
		expect(item0).toHaveLength(outcome.count);
	});
	expectRequestCount(attempts, outcome.attempts);
}

/**
 * Fails in plain words: item 0 gives exactly one error item with the message (and the reply so far,
 * for a stream), the error's class, HTTP code and description, after this many requests.
 */
function expectFails(
	operation: Operation,
	item0: INodeExecutionData[],
	attempts: RecordedRequest[],
	outcome: Extract<Outcome, { kind: 'fails' }>,
): void {
	const message = operation.itemMessage?.(outcome.message, 0) ?? outcome.message;
	rule(`fails: item 0 gives one error item "${message}"`, () => {
		expect(item0).toHaveLength(1);
		expect(item0[0].json.error).toBe(message);
	});
	if (outcome.partialResponse) {
		rule('fails keeping the partial response: the reply text received so far', () => {
			expect(item0[0].json.partialResponse).toEqual(expect.any(String));
		});
	}
	if (!operation.programmatic) expectErrorDetails(item0[0].error, outcome, message);
	if (outcome.attempts === 1) expectNotRepeated(attempts);
	else expectRequestCount(attempts, outcome.attempts);
}

/** The error's class and message, and its HTTP code and description where the row names them. */
function expectErrorDetails(
	error: unknown,
	outcome: Extract<Outcome, { kind: 'fails' }>,
	message: string,
): void {
	rule(
		`the error is a ${outcome.errorClass} with the row's message, HTTP code and description`,
		() => {
			expect(error).toMatchObject({ name: outcome.errorClass, message });
			const { httpCode, description } = error as { httpCode?: string | null; description?: string };
			if (outcome.httpCode !== undefined) expect(httpCode).toBe(outcome.httpCode);
			if (outcome.description !== undefined) expect(description).toMatch(outcome.description);
		},
	);
}

/** Not repeated: item 0 sent its request to the faulted endpoint once. */
function expectNotRepeated(attempts: RecordedRequest[]): void {
	rule('not repeated: item 0 sent one request', () => expect(attempts).toHaveLength(1));
}

/** Item 0 sent this many requests to the faulted endpoint. */
function expectRequestCount(attempts: RecordedRequest[], count: number): void {
	rule(`item 0 sent ${count} request${count > 1 ? 's' : ''}`, () =>
		expect(attempts).toHaveLength(count),
	);
}

/** Nothing created twice: item 1's object exists once, item 0's once if its work was done, else never. */
function expectCreatedOnce(operation: Operation, item0Done: boolean): void {
	rule(`created once: item 1's object once, item 0's ${item0Done ? 'once' : 'never'}`, () => {
		expect(operation.held!(1)).toBe(1);
		expect(operation.held!(0)).toBe(item0Done ? 1 : 0);
	});
}

/** No secret: no credential value in what the run made visible (items, errors, log lines). */
function expectNoSecret(secrets: string[], said: string): void {
	rule('no secret in any output item, error or log line', () => {
		for (const secret of secrets) expect(said).not.toContain(secret);
	});
}

/** Fails when run alone: item 0 by itself stops the node with the row's error. */
async function expectFailsWhenRunAlone<Emulator extends PlatformEmulator, Op extends string>(
	platform: MatrixPlatform<Emulator, Op>,
	caseId: CaseId,
	op: Op,
	outcome: Extract<Outcome, { kind: 'fails' }>,
): Promise<void> {
	const emulator = platform.definition.createEmulator();
	await emulator.start();
	try {
		const operation = platform.operations(emulator)[op];
		const { parameters, input } = operation.prepare();
		injectCaseFault(emulator, platform, operation, FAULTS[caseId]);
		const result = await run(
			platform,
			emulator,
			{ ...parameters, requestOptions: requestOptions(caseId) },
			{ input: [input[0]] },
		);
		rule('fails when run alone: the node stops with no output', () => {
			expect(result.items).toHaveLength(0);
		});
		expectErrorDetails(
			result.error,
			outcome,
			operation.itemMessage?.(outcome.message, 0) ?? outcome.message,
		);
		expectNoSecret(platform.secrets, everythingSaid(result));
	} finally {
		await emulator.stop();
	}
}
