/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
/*
 * The editor walk: headless Chromium in n8n's editor, the way a user meets our nodes. For every
 * action node, every resource and every operation, picked with the Resource and Operation
 * dropdowns: each resource locator's From List is opened and an entry of the emulators' demo data
 * picked, the other required fields are filled (editorWalk.fills.ts), Execute Step is pressed, and
 * the output panel must show items and no error, and n8n's issue marker must be on no parameter
 * and no canvas node. Each trigger opens without issues, and the webhook triggers show their
 * Production URL. One screenshot per resource and per trigger.
 *
 * The operations come from the node descriptions n8n serves to the editor (/types/nodes.json),
 * not from the table, so an operation the table forgot fails the walk instead of being skipped.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { chromium as playwright, selectors, type Browser, type Page } from 'playwright-core';

import { operationsOf, type OfferedOperation } from '../../description/offered';
import {
	TRIGGER_PICKS,
	walkTable,
	type OperationRow,
	type WalkSeeds,
	type WalkTable,
} from '../editorWalk.fills';
import { ensure, waitFor, type N8nApi, type WorkflowJson } from './n8n';

const PACKAGE = 'n8n-nodes-chatbot-platforms';
const TABLE_FILE = 'test/e2e/editorWalk.fills.ts';

/** Our nodes as the node panel lists them (by app name), and the names of their screenshots. */
const ACTION_NODES = [
	{ type: 'aiChatbotHub', app: 'AI Chatbot Hub', file: 'ai-chatbot-hub' },
	{ type: 'chatThing', app: 'Chat Thing', file: 'chat-thing' },
	{ type: 'sendKit', app: 'SendKit', file: 'sendkit' },
	{ type: 'chatsby', app: 'Chatsby', file: 'chatsby' },
];
const TRIGGER_NODES: Array<{ type: string; app: string; file: string }> = [
	...ACTION_NODES.map((node) => ({
		type: `${node.type}Trigger`,
		app: node.app,
		file: `${node.file}-trigger`,
	})),
	// An entry of its own in the panel ("SendKit Event": n8n drops the word "Trigger"), next to
	// SendKit's (polling) trigger.
	{ type: 'sendKitEventTrigger', app: 'SendKit Event', file: 'sendkit-event-trigger' },
];
type WalkedNode = (typeof ACTION_NODES)[number];

/** How long an execution may take (Retrain and Add wait for training at the emulators). */
const EXECUTION_TIMEOUT_MS = 60_000;

export interface WalkOptions {
	chromium: string;
	baseUrl: string;
	owner: { email: string; password: string };
	/** The owner's API, for the descriptions n8n serves and for creating canvases. */
	api: N8nApi;
	/** The emulators' file (serve.ts): URLs and the demo data's IDs. */
	emulatorsFile: string;
	/** Where the screenshots go (emptied first). */
	out: string;
}

export interface WalkStep {
	name: string;
	run: (walk: EditorWalk) => Promise<void> | void;
}

/** Deleting operations consume demo data: within a resource they run after the others. */
const deletes = (operation: string) => /^(delete|remove)/.test(operation);

export class EditorWalk {
	/** The action node whose parameters are open on the page, if any. */
	private open: string | undefined;
	/** The resource the walk last picked in the open node's Resource dropdown. */
	private pickedResource: string | undefined;
	/** How many of n8n's push messages said that an execution finished. */
	private finishedRuns = 0;

	private constructor(
		private readonly options: WalkOptions,
		private readonly browser: Browser,
		private readonly page: Page,
		private readonly descriptions: Map<string, INodeTypeDescription>,
		private readonly table: WalkTable,
	) {
		// The editor learns of finished executions over its push connection; so does the walk, to
		// know that the output panel is about to show the new run, not the previous one.
		page.on('websocket', (socket) =>
			socket.on('framereceived', (frame) => {
				if (String(frame.payload).includes('"type":"executionFinished"')) this.finishedRuns++;
			}),
		);
		// Leaving a canvas with unsaved changes asks; the walk always leaves.
		page.on('dialog', (dialog) => void dialog.accept());
	}

	static async open(options: WalkOptions): Promise<EditorWalk> {
		rmSync(options.out, { recursive: true, force: true });
		mkdirSync(options.out, { recursive: true });
		const types = await options.api.editorFile<INodeTypeDescription[]>('/types/nodes.json');
		const descriptions = new Map(
			types
				.filter((type) => type.name.startsWith(`${PACKAGE}.`))
				.map((type) => [type.name.slice(PACKAGE.length + 1), type]),
		);
		const seeds = JSON.parse(readFileSync(options.emulatorsFile, 'utf8')) as WalkSeeds;
		selectors.setTestIdAttribute('data-test-id');
		const browser = await playwright.launch({
			executablePath: options.chromium,
			// Without the background-networking switches Chromium calls Google's hosts at start.
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(20_000);
		const walk = new EditorWalk(options, browser, page, descriptions, walkTable(seeds));
		try {
			await walk.signIn();
		} catch (error) {
			await browser.close();
			throw error;
		}
		return walk;
	}

	async close(): Promise<void> {
		await this.browser.close();
	}

	/**
	 * The table's rows against what n8n serves: every row is an operation a node offers, and n8n
	 * serves every resource that the built nodes have (the walk's steps are named from those).
	 */
	checkTableRows(built: Map<string, INodeTypeDescription>) {
		const stale: string[] = [];
		for (const [type, resources] of Object.entries(this.table)) {
			const description = this.descriptions.get(type);
			const offered = new Set(
				(description ? operationsOf(description) : []).map(
					({ resource, operation }) => `${String(resource.value)}/${String(operation.value)}`,
				),
			);
			for (const [resource, operations] of Object.entries(resources)) {
				for (const operation of Object.keys(operations)) {
					if (!offered.has(`${resource}/${operation}`))
						stale.push(`${type} ${resource}/${operation}`);
				}
			}
		}
		ensure(stale.length === 0, `rows for operations the nodes do not offer: ${stale.join(', ')}`);
		const resourcesOf = (descriptions: Map<string, INodeTypeDescription>) =>
			ACTION_NODES.flatMap((node) => {
				const description = descriptions.get(node.type);
				return description
					? [...byResource(walkedOperations(description)).keys()].map(
							(resource) => `${node.type} ${String(resource.value)}`,
						)
					: [`${node.type} (not served)`];
			}).join(', ');
		ensure(
			resourcesOf(this.descriptions) === resourcesOf(built),
			`n8n serves the resources ${resourcesOf(this.descriptions)}; the built nodes have ${resourcesOf(built)}`,
		);
	}

	// -------------------------------------------------------------------------------------------
	// Action nodes
	// -------------------------------------------------------------------------------------------

	/** Every operation of one resource, as n8n serves the node; a failure names each failing operation. */
	async walkResource(node: WalkedNode, resourceValue: string) {
		const description = this.descriptions.get(node.type);
		ensure(description, `n8n does not serve ${PACKAGE}.${node.type}`);
		const served = [...byResource(walkedOperations(description))].find(
			([candidate]) => candidate.value === resourceValue,
		);
		ensure(served, `n8n's ${PACKAGE}.${node.type} has no resource ${resourceValue}`);
		const [resource, operations] = served;
		const rows = this.table[node.type]?.[String(resource.value)] ?? {};
		const ordered = [
			...operations.filter((operation) => !deletes(String(operation.value))),
			...operations.filter((operation) => deletes(String(operation.value))),
		];
		const failures: string[] = [];
		let screenshotTaken = false;
		for (const operation of ordered) {
			const row = rows[String(operation.value)];
			if (!row) {
				failures.push(
					`${operation.name}: no row for ${node.type} ${String(resource.value)}/${String(operation.value)} in ${TABLE_FILE}`,
				);
				continue;
			}
			const label = `${node.file}-${kebab(String(resource.value))}-${kebab(String(operation.value))}`;
			try {
				await this.openNode(node);
				await this.runOperation(description, resource, operation, row);
				const wanted = Object.values(rows).some((candidate) => candidate.screenshot);
				if (!screenshotTaken && (row.screenshot || !wanted)) {
					await this.screenshot(`${node.file}-${kebab(String(resource.value))}`);
					screenshotTaken = true;
				}
			} catch (error) {
				failures.push(`${operation.name}: ${firstLine(error)}`);
				await this.page
					.screenshot({ path: path.join(this.options.out, `failed-${label}.png`) })
					.catch(() => undefined);
				// Start the next operation on a fresh canvas.
				this.open = undefined;
			}
		}
		ensure(failures.length === 0, failures.join('\n     '));
	}

	/**
	 * A canvas with a Manual Trigger (and, when an operation of the node needs a file, Edit Fields →
	 * Convert to File), created over the public API; the node is added after the last of them from
	 * the node panel, its parameters open. Kept open for the node's next operations.
	 */
	private async openNode(node: WalkedNode) {
		if (this.open === node.type) return;
		this.open = undefined;
		this.pickedResource = undefined;
		const needsFile = Object.values(this.table[node.type] ?? {}).some((rows) =>
			Object.values(rows).some((row) => row.input === 'file'),
		);
		const canvas = await this.createCanvas(`Editor walk: ${node.app}`, needsFile);
		await this.page.goto(`${this.options.baseUrl}/workflow/${canvas.id}`);
		await this.addFromNodePanel(node.app, canvas.nodes.at(-1)?.name);
		this.open = node.type;
	}

	private async createCanvas(
		name: string,
		withFile: boolean,
	): Promise<WorkflowJson & { id: string }> {
		const nodes: WorkflowJson['nodes'] = [
			{
				id: 'w1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		];
		const connections: Record<string, unknown> = {};
		if (withFile) {
			nodes.push(
				{
					id: 'w2',
					name: 'Text',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [220, 0],
					parameters: {
						assignments: {
							assignments: [
								{
									id: 'a1',
									name: 'text',
									type: 'string',
									value:
										'We ship to 40 countries within 5 days. Refunds arrive within 5 business days.',
								},
							],
						},
						options: {},
					},
				},
				{
					id: 'w3',
					name: 'Convert to File',
					type: 'n8n-nodes-base.convertToFile',
					typeVersion: 1.1,
					position: [440, 0],
					parameters: {
						operation: 'toText',
						sourceProperty: 'text',
						options: { fileName: 'shipping.txt' },
					},
				},
			);
			connections.Start = { main: [[{ node: 'Text', type: 'main', index: 0 }]] };
			connections.Text = { main: [[{ node: 'Convert to File', type: 'main', index: 0 }]] };
		}
		const created = await this.options.api.publicApi<WorkflowJson & { id: string }>(
			'POST',
			'/workflows',
			{ name, nodes, connections, settings: {} },
		);
		ensure(created.status === 200, `creating a canvas answered ${created.status}`);
		return created.body;
	}

	private async runOperation(
		description: INodeTypeDescription,
		resource: INodePropertyOptions,
		operation: INodePropertyOptions,
		row: OperationRow,
	) {
		// The resource is picked once for its operations, the operation every time.
		if (this.pickedResource !== resource.value) {
			await this.choose('resource', resource.name);
			this.pickedResource = String(resource.value);
		}
		await this.choose('operation', operation.name);
		const chosen: INodeParameters = { resource: resource.value, operation: operation.value };
		for (const [name, optionName] of Object.entries(row.choose ?? {})) {
			await this.choose(name, optionName);
			const option = shownParameters(description, chosen)
				.filter((property) => property.name === name)
				.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
				.find((candidate) => candidate.name === optionName);
			ensure(option, `'${name}' offers no option "${optionName}"`);
			chosen[name] = option.value;
		}
		const shown = shownParameters(description, chosen);
		const named = [
			...Object.keys(row.pick ?? {}),
			...Object.keys(row.type ?? {}),
			...Object.keys(row.add ?? {}),
		];
		const unshown = named.filter((name) => !shown.some((property) => property.name === name));
		ensure(
			unshown.length === 0,
			`the table names fields this operation does not show: ${unshown.join(', ')}`,
		);

		for (const property of shown.filter((candidate) => candidate.type === 'resourceLocator')) {
			await this.pickFromList(property, row.pick?.[property.name]);
		}
		for (const property of shown) {
			if (!['string', 'number'].includes(property.type)) continue;
			const text = row.type?.[property.name];
			if (text !== undefined) {
				await this.typeInto(property.name, text);
			} else if (property.required && (property.default === '' || property.default === undefined)) {
				throw new Error(`'${property.displayName}' is required and ${TABLE_FILE} gives no value`);
			}
		}
		for (const [collection, fields] of Object.entries(row.add ?? {})) {
			const property = shown.find((candidate) => candidate.name === collection);
			await this.addToCollection(property as INodeProperties, fields);
		}
		await this.execute();
	}

	/** Picks an option of an options parameter from its dropdown, by the name it shows. */
	private async choose(parameter: string, optionName: string) {
		await this.parameters().getByTestId(`parameter-input-${parameter}`).click();
		const options = this.page.locator('[data-test-id="parameter-input-item"]:visible');
		// An option shows its name as a headline above its description, or alone.
		const option = options
			.filter({ has: this.page.getByText(optionName, { exact: true }) })
			.or(options.filter({ hasText: new RegExp(`^${escapeRegExp(optionName)}$`) }))
			.first();
		await option.click();
		await option.waitFor({ state: 'hidden' });
	}

	/**
	 * Opens a resource locator's From List, types `search` into the list's search box (when given),
	 * and picks the first entry that shows it.
	 */
	private async pickFromList(property: INodeProperties, search: string | undefined) {
		const locator = this.parameters().getByTestId(`resource-locator-${property.name}`);
		await locator.getByTestId('rlc-input').click();
		// The list opens in a popover of its own, outside the parameters.
		const visible = (testId: string) => this.page.getByTestId(testId).filter({ visible: true });
		if (search) await visible('rlc-search').fill(search);
		const entry = visible('rlc-item')
			.filter(search ? { hasText: search } : {})
			.first();
		try {
			await entry.waitFor({ timeout: 15_000 });
		} catch {
			const error = await visible('rlc-error-message')
				.innerText({ timeout: 500 })
				.catch(() => '');
			throw new Error(
				`the '${property.displayName}' list shows no entry${search ? ` with "${search}"` : ''}${error ? `: ${error}` : ''}`,
			);
		}
		await entry.click();
		await entry.waitFor({ state: 'hidden' });
		const value = await locator.getByTestId('rlc-input').inputValue();
		ensure(value.trim() !== '', `picking from the '${property.displayName}' list left it empty`);
	}

	private async typeInto(parameter: string, text: string) {
		const field = this.parameters()
			.getByTestId(`parameter-input-${parameter}`)
			.locator('input, textarea')
			.first();
		await field.fill(text);
		// Leaving the field commits its value, as a user's next click does.
		await field.blur();
	}

	/** Adds fields to a collection with its Add button and types their values. */
	private async addToCollection(collection: INodeProperties, fields: Record<string, string>) {
		const item = this.parameters()
			.getByTestId('parameter-item')
			.filter({ has: this.page.locator(`label[for="${collection.name}"]`) })
			.first();
		for (const [name, text] of Object.entries(fields)) {
			const option = ((collection.options ?? []) as INodeProperties[]).find(
				(candidate) => candidate.name === name,
			);
			ensure(option, `'${collection.displayName}' has no field ${name}`);
			const input = item.getByTestId(`parameter-input-${name}`);
			if ((await input.count()) === 0) {
				await item.getByTestId('collection-parameter-add').click();
				await this.page
					.locator('.el-select-dropdown__item:visible')
					.filter({ hasText: new RegExp(`^${escapeRegExp(option.displayName)}$`) })
					.first()
					.click();
			}
			const field = input.locator('input, textarea').first();
			await field.fill(text);
			await field.blur();
		}
	}

	/**
	 * Presses Execute Step and reads the output panel once n8n has told the editor that the run
	 * finished: it must show items and no error, and no parameter may show its issue marker.
	 */
	private async execute() {
		const ndv = this.page.getByTestId('ndv');
		const issues = ndv.getByTestId('parameter-issues').filter({ visible: true });
		const before = this.finishedRuns;
		await ndv.getByTestId('node-execute-button').click();
		// A run that n8n refuses to start (a required field is empty) shows issue markers instead.
		const outcome = await waitFor(
			'the run to finish (or an issue marker)',
			async () =>
				this.finishedRuns > before ? 'finished' : (await issues.count()) > 0 ? 'issues' : undefined,
			EXECUTION_TIMEOUT_MS,
			100,
		);
		const output = this.page.getByTestId('output-panel');
		if (outcome === 'finished') {
			await output.getByTestId('ndv-executing').waitFor({ state: 'hidden' });
			const error = output.getByTestId('node-error-message');
			const items = output.getByTestId('ndv-items-count');
			try {
				await items.or(error).first().waitFor();
			} catch {
				const text = (await output.innerText()).replace(/\s+/g, ' ').slice(0, 200);
				throw new Error(`the output panel shows no items: "${text}"`);
			}
			if (await error.isVisible()) {
				const description = await output
					.getByTestId('node-error-description')
					.innerText({ timeout: 500 })
					.catch(() => '');
				throw new Error(
					`the output panel shows an error: ${await error.innerText()}${description ? ` (${description})` : ''}`,
				);
			}
			const count = Number(/\d+/.exec(await items.innerText())?.[0] ?? 0);
			ensure(count > 0, `the output panel shows "${await items.innerText()}"`);
		}
		await this.expectNoIssues();
	}

	/**
	 * No issue marker: none on a parameter of the open node, none on a node of the canvas (the
	 * editor marks a node whose parameters have issues even while it hides them on untouched
	 * fields). The message names the parameters, or the issues the canvas lists for the node.
	 */
	private async expectNoIssues() {
		const { page } = this;
		const onParameters = page
			.getByTestId('ndv')
			.getByTestId('parameter-issues')
			.filter({ visible: true });
		const names: string[] = [];
		for (let index = 0; index < (await onParameters.count()); index++) {
			const label = onParameters
				.nth(index)
				.locator('xpath=ancestor::*[@data-test-id="parameter-item"][1]//label')
				.first();
			names.push(`'${(await label.getAttribute('for').catch(() => null)) ?? '?'}'`);
		}
		const onCanvas = page
			.getByTestId('canvas-node')
			.filter({ has: page.getByTestId('node-issues') });
		// The canvas updates its marker a moment after a parameter changed.
		await onCanvas
			.first()
			.waitFor({ state: 'detached', timeout: 5_000 })
			.catch(() => undefined);
		if (names.length === 0 && (await onCanvas.count()) === 0) return;
		const marked: string[] = [];
		if ((await onCanvas.count()) > 0) {
			// The canvas lists a node's issues in a tooltip: close the parameters to hover it.
			const close = page.getByTestId('ndv-close-button');
			if (await close.isVisible()) await close.click();
			for (let index = 0; index < (await onCanvas.count()); index++) {
				const node = onCanvas.nth(index);
				await node.getByTestId('node-issues').hover();
				const listed = page.locator('.titled-list-item').filter({ visible: true });
				await listed
					.first()
					.waitFor({ timeout: 5_000 })
					.catch(() => undefined);
				const issues = await listed.allInnerTexts();
				marked.push(`${await node.getAttribute('data-node-name')} (${issues.join(' ') || '?'})`);
			}
		}
		throw new Error(
			`issue markers: ${[...(names.length ? [`on ${names.join(', ')}`] : []), ...(marked.length ? [`on the canvas: ${marked.join(', ')}`] : [])].join('; ')}`,
		);
	}

	// -------------------------------------------------------------------------------------------
	// Triggers
	// -------------------------------------------------------------------------------------------

	/** A trigger added to an empty canvas: no issue marker, and a webhook trigger's Production URL. */
	async walkTrigger(trigger: (typeof TRIGGER_NODES)[number], webhook: boolean) {
		this.open = undefined;
		const description = this.descriptions.get(trigger.type);
		ensure(description, `n8n does not serve ${PACKAGE}.${trigger.type}`);
		try {
			await this.page.goto(`${this.options.baseUrl}/workflow/new`);
			await this.addFromNodePanel(trigger.app);
			for (const property of shownParameters(description, {})) {
				if (property.type === 'resourceLocator' && property.required) {
					await this.pickFromList(property, TRIGGER_PICKS[trigger.type]?.[property.name]);
				}
			}
			await this.expectNoIssues();
			if (webhook) await this.expectProductionUrl();
			await this.screenshot(trigger.file);
		} catch (error) {
			await this.page
				.screenshot({ path: path.join(this.options.out, `failed-${trigger.file}.png`) })
				.catch(() => undefined);
			throw error;
		}
	}

	/** The trigger's Webhook URLs, switched to Production URL, show n8n's production webhook URL. */
	private async expectProductionUrl() {
		const ndv = this.page.getByTestId('ndv');
		await ndv.getByText('Webhook URLs', { exact: true }).click();
		await ndv.getByText('Production URL', { exact: true }).click();
		const url = ndv.getByText(`${this.options.baseUrl}/webhook/`);
		await url.first().waitFor();
		const text = await url.first().innerText();
		ensure(
			/\/webhook\/[0-9a-f-]{36}\/webhook$/.test(text.trim()),
			`the Production URL reads "${text}"`,
		);
	}

	// -------------------------------------------------------------------------------------------
	// The editor
	// -------------------------------------------------------------------------------------------

	private async signIn() {
		const { page } = this;
		await page.goto(`${this.options.baseUrl}/signin`);
		await page.getByTestId('emailOrLdapLoginId').locator('input').fill(this.options.owner.email);
		await page.getByTestId('password').locator('input').fill(this.options.owner.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	private parameters() {
		return this.page.getByTestId('ndv').getByTestId('node-parameters');
	}

	/**
	 * The node panel, opened from the output of `after` (or from the canvas' plus button), searched
	 * by the app's name; the app's page lists its actions (after a node) or its triggers (on an
	 * empty canvas), and its first entry adds the node and opens its parameters.
	 */
	private async addFromNodePanel(app: string, after?: string) {
		const { page } = this;
		if (after) {
			await page
				.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${after}"]`)
				.getByTestId('canvas-handle-plus')
				.click();
		} else {
			await page.getByTestId('node-creator-plus-button').click();
		}
		await page.getByTestId('node-creator-search-bar').waitFor();
		await page.keyboard.type(app);
		const names = page.getByTestId('node-creator-item-name');
		try {
			await names.getByText(app, { exact: true }).first().click();
		} catch (error) {
			const shown = await names.allInnerTexts();
			throw new Error(
				`the node panel lists ${JSON.stringify(shown)}, no entry named ${app}: ${String((error as Error).message).split('\n')[0]}`,
			);
		}
		// The app's page lists section labels and entries; the first entry with a name is the node.
		// On a busy machine a click can land while the panel still slides in and add nothing: the
		// entry is clicked again (at most three times) until the parameters open.
		const firstEntry = page
			.getByTestId('item-iterator-item')
			.filter({ has: page.getByTestId('node-creator-item-name') })
			.first();
		// A node without actions of its own (SendKit Event Trigger) may open at once instead.
		await Promise.race([
			firstEntry.waitFor().catch(() => undefined),
			this.parameters()
				.waitFor()
				.catch(() => undefined),
		]);
		for (let attempt = 1; !(await this.parameters().isVisible()); attempt++) {
			if (await firstEntry.isVisible()) await firstEntry.click();
			try {
				await this.parameters().waitFor({ timeout: 10_000 });
				break;
			} catch (error) {
				if (attempt === 3) throw error;
			}
		}
		await page.getByTestId('ndv').getByTestId('node-credentials-select').waitFor();
	}

	private async screenshot(name: string) {
		const file = path.join(this.options.out, `${name}.png`);
		await this.page.screenshot({ path: file });
	}
}

/** The top-level parameters the editor shows for these choices (the rest at their defaults). */
function shownParameters(
	description: INodeTypeDescription,
	chosen: INodeParameters,
): INodeProperties[] {
	const values: INodeParameters = { ...chosen };
	const node = { typeVersion: 1 };
	const shows = (property: INodeProperties) =>
		NodeHelpers.displayParameter(values, property, node, description);
	// Defaults decide what else is shown (Return All → Limit): two passes settle them.
	for (let pass = 0; pass < 2; pass++) {
		for (const property of description.properties) {
			if (!(property.name in values) && shows(property)) values[property.name] = property.default;
		}
	}
	const seen = new Set<string>();
	return description.properties.filter((property) => {
		if (property.type === 'notice' || seen.has(property.name) || !shows(property)) return false;
		seen.add(property.name);
		return !['resource', 'operation'].includes(property.name);
	});
}

/**
 * The walk's steps: first the table's check, then one per resource of each action node, then one
 * per trigger. jest names its tests before any n8n runs, so the steps are named from the built
 * nodes' descriptions (n8n loads the same files from the packed tarball); each step then walks
 * what n8n serves, and the first one checks that n8n serves the same resources.
 */
export function walkSteps(built: Map<string, INodeTypeDescription>): WalkStep[] {
	const steps: WalkStep[] = [
		{
			name: `Editor walk: every row of the table (${TABLE_FILE}) is an operation the nodes offer`,
			run: (walk) => walk.checkTableRows(built),
		},
	];
	for (const node of ACTION_NODES) {
		const description = built.get(node.type);
		if (!description) {
			steps.push({
				name: `Editor walk: ${node.app}`,
				run: () => {
					throw new Error(`the built package has no node ${node.type}`);
				},
			});
			continue;
		}
		for (const [resource, operations] of byResource(walkedOperations(description))) {
			steps.push({
				name: `Editor walk: ${node.app} › ${resource.name}, ${operations.length} operation(s) from the dropdowns, lists and Execute Step`,
				run: async (walk) => await walk.walkResource(node, String(resource.value)),
			});
		}
	}
	for (const trigger of TRIGGER_NODES) {
		const webhook = (built.get(trigger.type)?.webhooks ?? []).length > 0;
		steps.push({
			name: `Editor walk: ${trigger.app} Trigger opens without issues${webhook ? ' and shows its Production URL' : ''}`,
			run: async (walk) => await walk.walkTrigger(trigger, webhook),
		});
	}
	return steps;
}

/**
 * The operations the walk picks. n8n adds Custom API Call to nodes whose credential it can reuse:
 * it only points to the HTTP Request node, so it is not one of ours to walk.
 */
function walkedOperations(description: INodeTypeDescription): OfferedOperation[] {
	return operationsOf(description).filter(
		({ operation }) => operation.value !== '__CUSTOM_API_CALL__',
	);
}

function byResource(
	offered: OfferedOperation[],
): Map<INodePropertyOptions, INodePropertyOptions[]> {
	const resources = new Map<
		string,
		{ resource: INodePropertyOptions; operations: INodePropertyOptions[] }
	>();
	for (const { resource, operation } of offered) {
		const key = String(resource.value);
		if (!resources.has(key)) resources.set(key, { resource, operations: [] });
		resources.get(key)?.operations.push(operation);
	}
	return new Map([...resources.values()].map(({ resource, operations }) => [resource, operations]));
}

const kebab = (value: string) => value.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const firstLine = (error: unknown) =>
	String((error as Error)?.message ?? error)
		.split('\n')[0]
		.slice(0, 400);
