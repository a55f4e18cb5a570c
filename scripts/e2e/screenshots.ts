/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
/*
 * Headless Chromium in n8n's editor, the way a user meets our nodes: sign in, open a new workflow,
 * add the node from the node panel (search by name, pick an action or the trigger), and screenshot
 * the open parameters panel. One PNG per node, named after it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium as playwright, selectors, type Page } from 'playwright-core';

/** Each node as the node panel lists it: the app's name, then its first trigger or first action. */
const NODES = [
	{ file: 'ai-chatbot-hub', app: 'AI Chatbot Hub', trigger: false },
	{ file: 'ai-chatbot-hub-trigger', app: 'AI Chatbot Hub', trigger: true },
	{ file: 'chat-thing', app: 'Chat Thing', trigger: false },
	{ file: 'chat-thing-trigger', app: 'Chat Thing', trigger: true },
	{ file: 'sendkit', app: 'SendKit', trigger: false },
	{ file: 'sendkit-trigger', app: 'SendKit', trigger: true },
	{ file: 'chatsby', app: 'Chatsby', trigger: false },
	{ file: 'chatsby-trigger', app: 'Chatsby', trigger: true },
];

export async function screenshotEveryNode(options: {
	chromium: string;
	baseUrl: string;
	owner: { email: string; password: string };
	/** Creates a workflow with only a Manual Trigger, for an action node to be added after it. */
	newActionCanvas: () => Promise<string>;
	out: string;
}): Promise<string[]> {
	mkdirSync(options.out, { recursive: true });
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
	const saved: string[] = [];
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(20_000);
		await signIn(page, options.baseUrl, options.owner);
		for (const node of NODES) {
			const canvas = node.trigger ? 'new' : await options.newActionCanvas();
			const file = path.join(options.out, `${node.file}.png`);
			try {
				await page.goto(`${options.baseUrl}/workflow/${canvas}`);
				await addFromNodePanel(page, node.app);
			} catch (error) {
				await page.screenshot({ path: path.join(options.out, `failed-${node.file}.png`) });
				throw new Error(`${node.file}: ${(error as Error).message.split('\n')[0]}`);
			}
			await page.screenshot({ path: file });
			saved.push(file);
		}
	} finally {
		await browser.close();
	}
	return saved;
}

async function signIn(page: Page, baseUrl: string, owner: { email: string; password: string }) {
	await page.goto(`${baseUrl}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(owner.email);
	await page.getByTestId('password').locator('input').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/**
 * The node panel, searched by the app's name; the app's page lists its triggers (on an empty
 * canvas) or its actions (after a trigger), and its first entry adds the node and opens its
 * parameters.
 */
async function addFromNodePanel(page: Page, app: string) {
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').waitFor();
	await page.keyboard.type(app);
	await page.getByTestId('node-creator-item-name').getByText(app, { exact: true }).first().click();
	// The app's page lists section labels and entries; the first entry with a name is the node.
	// On a busy machine a click can land while the panel still slides in and add nothing: the
	// entry is clicked again (at most three times) until the parameters open.
	const firstEntry = page
		.getByTestId('item-iterator-item')
		.filter({ has: page.getByTestId('node-creator-item-name') })
		.first();
	const parameters = page.getByTestId('ndv').getByTestId('node-parameters');
	await firstEntry.waitFor();
	for (let attempt = 1; ; attempt++) {
		await page.waitForTimeout(300);
		if (await firstEntry.isVisible()) await firstEntry.click();
		try {
			await parameters.waitFor({ timeout: 10_000 });
			break;
		} catch (error) {
			if (attempt === 3) throw error;
		}
	}
	await page.getByTestId('ndv').getByTestId('node-credentials-select').waitFor();
	// Let the parameter panel settle (list searches, hints) before the picture.
	await page.waitForTimeout(750);
}
