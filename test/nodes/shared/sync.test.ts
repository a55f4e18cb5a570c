/*
 * The rules every platform's Sync follows (nodes/shared/sync.ts): the plan, the deletion guard,
 * duplicate keys in the input, and the output. Each platform's own test runs them through the
 * node against its emulator.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	checkPlan,
	outcomeKey,
	planSync,
	readSyncInput,
	syncOutput,
	type Present,
	type SyncSettings,
	type Wanted,
} from '../../../nodes/shared/sync';

const settings = (extra: Partial<SyncSettings> = {}): SyncSettings => ({
	dryRun: false,
	deleteMissing: false,
	maxDeletions: 10,
	deleteWhenInputIsEmpty: false,
	...extra,
});

const wanted = (key: string, value: string, itemIndex = 0): Wanted<string> => ({
	key,
	value,
	itemIndex,
});
const present = (key: string, id: string, record: string): Present<string> => ({
	key,
	id,
	record,
});
const sameText = {
	isUnchanged: (entry: Wanted<string>, match: Present<string>) => entry.value === match.record,
};

/** An execute context with these input items, whose parameter 'name' is the item's `name`. */
function contextWith(items: INodeExecutionData[], continueOnFail = false) {
	return {
		getNode: () => ({ name: 'Sync' }) as INode,
		getInputData: () => items,
		getExecuteData: () => ({}),
		continueOnFail: () => continueOnFail,
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) =>
			(items[itemIndex]?.json as IDataObject)[name] ?? fallback,
	} as never;
}

describe('Sync › the plan', () => {
	it('adds what is missing, updates what differs and leaves the rest unchanged', () => {
		const plan = planSync(
			[wanted('a', 'new'), wanted('b', 'same', 1), wanted('c', 'changed', 2)],
			[present('b', 'id-b', 'same'), present('c', 'id-c', 'old'), present('d', 'id-d', 'gone')],
			settings(),
			sameText,
		);

		expect(plan.map((entry) => [entry.key, entry.action])).toEqual([
			['a', 'add'],
			['b', 'unchanged'],
			['c', 'update'],
		]);
	});

	it('deletes what the input no longer has only when deletions are on', () => {
		const plan = planSync(
			[wanted('a', 'x')],
			[present('a', 'id-a', 'x'), present('d', 'id-d', 'gone')],
			settings({ deleteMissing: true }),
			sameText,
		);

		expect(plan.map((entry) => [entry.key, entry.action])).toEqual([
			['a', 'unchanged'],
			['d', 'delete'],
		]);
	});

	it('keeps the first of several present entries with one key and counts the others as not in the input', () => {
		const plan = planSync(
			[wanted('a', 'x')],
			[present('a', 'first', 'x'), present('a', 'second', 'x'), present('a', 'third', 'y')],
			settings({ deleteMissing: true }),
			sameText,
		);

		expect(plan.map((entry) => [entry.action, entry.present?.id])).toEqual([
			['unchanged', 'first'],
			['delete', 'second'],
			['delete', 'third'],
		]);
		expect(new Set(plan.map(outcomeKey)).size).toBe(3);
	});

	it('deletes only entries the sync manages, and refreshes the unchanged ones it is told to', () => {
		const plan = planSync(
			[wanted('site', 'https://a.example')],
			[
				present('site', 'id-site', 'https://a.example'),
				present('mine', 'id-mine', 'x'),
				present('theirs', 'id-theirs', 'y'),
			],
			settings({ deleteMissing: true }),
			{ ...sameText, manages: (entry) => entry.id !== 'id-theirs', refreshes: () => true },
		);

		expect(plan.map((entry) => [entry.key, entry.action])).toEqual([
			['site', 'refresh'],
			['mine', 'delete'],
		]);
	});
});

describe('Sync › the guard on deletions', () => {
	const deletingPlan = (count: number) =>
		planSync(
			[],
			Array.from({ length: count }, (_, i) => present(`k${i}`, `id${i}`, 'x')),
			settings({ deleteMissing: true }),
			sameText,
		);
	const context = contextWith([]);

	it('stops a plan that deletes more than Max Deletions, saying how many and how to allow it', () => {
		const plan = deletingPlan(11);

		expect(() => checkPlan(context, plan, 1, settings({ maxDeletions: 10 }))).toThrow(
			"The sync would delete 11 entries, more than 'Max Deletions' (10)",
		);
		try {
			checkPlan(context, plan, 1, settings({ maxDeletions: 10 }));
		} catch (error) {
			expect((error as { description: string }).description).toMatch(
				/set 'Max Deletions' to 11 or more/,
			);
		}
	});

	it('lets a plan that deletes exactly Max Deletions go on', () => {
		expect(() =>
			checkPlan(context, deletingPlan(10), 1, settings({ maxDeletions: 10 })),
		).not.toThrow();
	});

	it('deletes nothing for an empty input unless that is allowed', () => {
		const plan = deletingPlan(3);

		expect(() => checkPlan(context, plan, 0, settings())).toThrow(/The input is empty/);
		expect(() =>
			checkPlan(context, plan, 0, settings({ deleteWhenInputIsEmpty: true })),
		).not.toThrow();
	});

	it('lets a dry run show a plan that would be stopped', () => {
		expect(() => checkPlan(context, deletingPlan(50), 0, settings({ dryRun: true }))).not.toThrow();
	});
});

describe('Sync › the input', () => {
	const read = (scope: { value: (name: string) => unknown }) => ({
		key: String(scope.value('name')),
		value: 'x',
	});

	it('refuses two items with the same key, naming both, before anything else', async () => {
		const items = [{ json: { name: 'a' } }, { json: { name: 'b' } }, { json: { name: 'a' } }];

		await expect(readSyncInput(contextWith(items), read)).rejects.toThrow(
			'Items 0 and 2 have the same key "a" [item 2]',
		);
	});

	it('gives the duplicate as one error item under Continue On Fail', async () => {
		const items = [{ json: { name: 'a' } }, { json: { name: 'a' } }];

		await expect(readSyncInput(contextWith(items, true), read)).resolves.toEqual({
			errorItems: [
				{
					json: { error: 'Items 0 and 1 have the same key "a" [item 1]' },
					pairedItem: { item: 1 },
				},
			],
		});
	});

	it('counts an item with nothing in it, whose fields give nothing either, as no entry', async () => {
		const nothing = (scope: { value: (name: string) => unknown }) => {
			if (!scope.value('name')) throw new NodeOperationError({} as INode, "'Name' is empty");
			return read(scope);
		};

		await expect(readSyncInput(contextWith([{ json: {} }]), nothing)).resolves.toEqual({
			wanted: [],
		});
	});

	it('counts an empty item whose fields are typed into the node (a Manual Trigger before it) as an entry', async () => {
		const typed = () => ({ key: 'typed', value: 'x' });

		await expect(readSyncInput(contextWith([{ json: {} }]), typed)).resolves.toEqual({
			wanted: [{ key: 'typed', itemIndex: 0, value: 'x' }],
		});
	});

	it('stops at an invalid item, or under Continue On Fail gives each invalid item as an error item', async () => {
		const items = [{ json: { name: 'a' } }, { json: { name: '' } }, { json: { name: '' } }];
		const strict = (scope: { value: (name: string) => unknown; itemIndex: number }) => {
			if (!scope.value('name'))
				throw new NodeOperationError({} as INode, `'Name' is empty [item ${scope.itemIndex}]`);
			return read(scope);
		};

		await expect(readSyncInput(contextWith(items), strict)).rejects.toThrow(
			"'Name' is empty [item 1]",
		);
		const input = await readSyncInput(contextWith(items, true), strict);
		expect(input).toEqual({
			errorItems: [
				{ json: { error: "'Name' is empty [item 1]" }, pairedItem: { item: 1 } },
				{ json: { error: "'Name' is empty [item 2]" }, pairedItem: { item: 2 } },
			],
		});
	});
});

describe('Sync › the output', () => {
	it('outputs one item per key, paired with its input item; a deleted one with the first and inInput false', () => {
		const plan = planSync(
			[wanted('a', 'new', 3)],
			[present('d', 'id-d', 'gone')],
			settings({ deleteMissing: true }),
			sameText,
		);
		const outcomes = new Map([
			[outcomeKey(plan[0]), { id: 'id-a' }],
			[outcomeKey(plan[1]), { error: 'Not found (404)' }],
		]);

		expect(syncOutput(plan, outcomes, settings())).toEqual([
			{
				json: { key: 'a', action: 'add', id: 'id-a', status: 'done', inInput: true },
				pairedItem: { item: 3 },
			},
			{
				json: {
					key: 'd',
					action: 'delete',
					id: 'id-d',
					status: 'failed',
					error: 'Not found (404)',
					inInput: false,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('marks every entry of a dry run as planned', () => {
		const plan = planSync([wanted('a', 'x')], [], settings({ dryRun: true }), sameText);

		expect(syncOutput(plan, new Map(), settings({ dryRun: true }))[0].json.status).toBe('planned');
	});
});
