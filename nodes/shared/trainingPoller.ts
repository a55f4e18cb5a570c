import type { DeclarativeRestApiSettings, IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { responseError } from './errors';
import { requestClock } from './request/clock';
import type { RequestPlan } from './request/declarative';
import type { Outcome } from './statusWatch';

/** The 'Wait for Training' options shared by the operations that start a training. */
export function waitForTrainingOptions(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Training to Finish',
			name: 'waitForTraining',
			type: 'boolean',
			default: false,
			description: `Whether to check the ${what} until its training finishes or fails, and output its final state`,
		},
		{
			displayName: 'If Training Fails',
			name: 'onTrainingFailure',
			type: 'options',
			options: [
				{
					name: 'Fail the Item',
					value: 'error',
					description: 'The item fails with the training error',
				},
				{
					name: 'Output It',
					value: 'flag',
					description: `Output the ${what} with "trainingFailed": true`,
				},
			],
			default: 'error',
			displayOptions: { show: { waitForTraining: [true] } },
		},
		{
			displayName: 'Timeout (Minutes)',
			name: 'trainingTimeoutMinutes',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 15,
			description: 'How long to wait at most; the item then fails and says how far training got',
			displayOptions: { show: { waitForTraining: [true] } },
		},
		{
			displayName: 'First Check After (Seconds)',
			name: 'trainingPollSeconds',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 5,
			description:
				'The wait before the first check; each next wait is 1.5 times longer, up to a minute',
			displayOptions: { show: { waitForTraining: [true] } },
		},
	];
}

export interface TrainingWait {
	waitForTraining?: boolean;
	onTrainingFailure?: 'error' | 'flag';
	trainingTimeoutMinutes?: number;
	trainingPollSeconds?: number;
}

export interface TrainingState {
	outcome: Outcome;
	status: string;
	progress?: unknown;
	error?: unknown;
}

const MAX_INTERVAL_MS = 60_000;

/**
 * Checks a record with growing intervals until its training finishes or fails, or the timeout
 * passes. Failure is an error or a `trainingFailed: true` flag, as the user chose; a timeout is
 * an error that says the last status and progress.
 */
export async function waitForTraining(options: {
	node: INode;
	itemIndex: number;
	settings: TrainingWait;
	what: string;
	first: IDataObject;
	check: () => Promise<IDataObject>;
	read: (record: IDataObject) => TrainingState;
}): Promise<IDataObject> {
	const { settings } = options;
	const deadline = requestClock.now() + (settings.trainingTimeoutMinutes ?? 15) * 60_000;
	let interval = Math.max(10, (settings.trainingPollSeconds ?? 5) * 1000);
	let record = options.first;
	let state = options.read(record);
	let checks = 0;
	while (state.outcome === 'inProgress') {
		const left = deadline - requestClock.now();
		if (left <= 0) {
			const progress = state.progress === undefined ? '' : `, progress ${String(state.progress)}`;
			throw responseError(
				options.node,
				options.itemIndex,
				`The ${options.what} did not finish training within ${settings.trainingTimeoutMinutes ?? 15} minutes`,
				`Last status "${state.status}"${progress} after ${checks} checks. Training goes on at the platform; raise 'Timeout (Minutes)' or check again later.`,
			);
		}
		await requestClock.sleep(Math.min(interval, left));
		interval = Math.min(MAX_INTERVAL_MS, interval * 1.5);
		record = await options.check();
		checks++;
		state = options.read(record);
	}
	if (state.outcome === 'failed') {
		if (settings.onTrainingFailure === 'flag') return { ...record, trainingFailed: true };
		throw responseError(
			options.node,
			options.itemIndex,
			`The ${options.what} failed to train${state.error ? `: ${String(state.error)}` : ''}`,
			`Status "${state.status}". To output the ${options.what} instead of failing, set 'If Training Fails' to 'Output It'.`,
		);
	}
	return settings.onTrainingFailure === 'flag' ? { ...record, trainingFailed: false } : record;
}

/**
 * The request plan of an operation that starts a training (retrain, add, refresh): send it once
 * (it is never repeated), then, with 'Wait for Training to Finish', check the record with a GET of
 * `checkPath(started)` until it is trained or failed.
 */
export function sendThenWaitForTraining(options: {
	/** The collection parameter holding the TrainingWait options. */
	optionsParameter: string;
	what: string;
	checkPath: (started: IDataObject, request: DeclarativeRestApiSettings.ResultOptions) => string;
	read: (record: IDataObject) => TrainingState;
}): RequestPlan {
	return async function sendThenWait(send, requestData) {
		const [started] = await send(requestData);
		const settings = this.getNodeParameter(options.optionsParameter, {}) as TrainingWait;
		if (!settings.waitForTraining) return [started];
		const check: DeclarativeRestApiSettings.ResultOptions = {
			...requestData,
			options: {
				...requestData.options,
				method: 'GET',
				url: options.checkPath(started.json, requestData),
				body: undefined,
			},
		};
		const record = await waitForTraining({
			node: this.getNode(),
			itemIndex: this.getItemIndex(),
			settings,
			what: options.what,
			first: started.json,
			check: async () => (await send(check))[0].json,
			read: options.read,
		});
		return [{ json: record }];
	};
}
