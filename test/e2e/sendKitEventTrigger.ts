/*
 * The SendKit Event Trigger, which registers its own webhook at SendKit: publishing the example
 * creates exactly one webhook at the emulator; publishing again, unpublishing and publishing, and
 * restarting n8n create none (2.41's publication service does not run checkExists on a restart;
 * with it off, and on 2.0, checkExists runs and finds the webhook by its URL); a delivery the
 * emulator signs starts exactly one execution (in queue mode through the webhook process, run on
 * the worker), a badly signed one gets 401 and starts none; unpublishing leaves the webhook
 * inactive at SendKit. Run last but for the logs: it restarts n8n's main process.
 */
import { nodeOutput, receivedBy, sleep, waitFor } from './harness/n8n';
import { itIf, note, PACKAGE, type RunningProfile } from './harness/profile';

type Webhook = { _id: string; url: string; events: string[]; status: string };

/** How long a restarted 2.41 is watched for a call to SendKit that must not come. */
const RESTART_QUIET_MS = 3000;

export function sendKitEventTrigger(n8n: RunningProfile) {
	const queue = n8n.profile.mode === 'queue';
	const latest = n8n.profile.latest;
	let workflowId = '';
	let hook = '';
	const lead = {
		leadId: 'lead_e2e_0001',
		email: 'jane@acme.example',
		campaignId: 'camp_42',
		reply: 'Sounds great, can we talk on Thursday?',
	};

	/** SendKit's webhooks (the emulator's list) whose URL is `url`. */
	const webhooksAt = async (url: string): Promise<Webhook[]> => {
		const { baseUrl, apiKey } = n8n.emulators.sendKit;
		const answer = await fetch(`${baseUrl}/v1/webhooks?page=1&limit=100`, {
			headers: { 'x-api-key': apiKey },
		});
		const body = (await answer.json()) as { data: Webhook[] };
		return body.data.filter((webhook) => webhook.url === url);
	};
	/** What SendKit received about webhooks since the last forgetRequests, as `METHOD path`. */
	const webhookRequests = async () =>
		(await receivedBy(n8n.emulators, 'sendKit'))
			.filter((request) => request.path.startsWith('/v1/webhooks'))
			.map((request) => `${request.method} ${request.path}`);
	const created = async () =>
		(await webhookRequests()).filter((line) => line === 'POST /v1/webhooks');
	/** Has the emulator sign and send a positive reply; the answer n8n gave at `url`. */
	const deliver = async (url: string, flaw?: 'wrongSecret' | 'unsigned') => {
		const answer = await fetch(`${n8n.emulators.control}/deliveries/sendKit`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ event: 'email.positive_reply', data: lead, flaw }),
		});
		const sent = (await answer.json()) as Array<{ url: string; status?: number; error?: string }>;
		const mine = sent.filter((delivery) => delivery.url === url);
		expect(mine).toHaveLength(1);
		return mine[0];
	};
	/** Publishes (2.41) or activates (2.0) the workflow; the status n8n answered. */
	const publish = async (id: string) => {
		let answer = await n8n.api.publicApi('POST', `/workflows/${id}/publish`, {});
		if (answer.status === 404 || answer.status === 405)
			answer = await n8n.api.publicApi('POST', `/workflows/${id}/activate`);
		return answer.status;
	};
	/** Unpublishes (2.41) or deactivates (2.0) the workflow, then waits for SendKit's webhook to be inactive. */
	const unpublish = async (id: string) => {
		let answer = await n8n.api.publicApi('POST', `/workflows/${id}/unpublish`);
		if (answer.status === 404 || answer.status === 405)
			answer = await n8n.api.publicApi('POST', `/workflows/${id}/deactivate`);
		expect(answer.status).toBe(200);
		await waitFor('the webhook to be inactive at SendKit', async () =>
			(await webhooksAt(hook)).every((webhook) => webhook.status === 'inactive') ? true : undefined,
		);
	};
	/** Exactly one webhook at SendKit for the trigger's URL, active, and none created since forgetRequests. */
	const expectOneActive = async () => {
		const mine = await waitFor('the webhook to be active at SendKit', async () => {
			const found = await webhooksAt(hook);
			return found.length > 0 && found.every((webhook) => webhook.status === 'active')
				? found
				: undefined;
		});
		expect(mine).toHaveLength(1);
		expect(await created()).toEqual([]);
	};
	const live = () => {
		if (!hook)
			throw new Error('the SendKit Event Trigger example was not published (see the first test)');
		return hook;
	};

	it('SendKit Event Trigger example: publishing registers exactly one webhook at SendKit, for its URL and events', async () => {
		await n8n.forgetRequests();
		const example = n8n.fixture('examples/sendkit-positive-reply-to-crm.json');
		if (queue) {
			// In queue mode the workflow also reads an agent, so an action node runs on the worker.
			example.nodes.push({
				id: 'q1',
				name: 'Agent',
				type: `${PACKAGE}.sendKit`,
				typeVersion: 1,
				position: [440, 0],
				parameters: { resource: 'agent', operation: 'getAll', returnAll: false, limit: 1 },
				credentials: { sendKitApi: { id: 'demoSendKit000001', name: 'SendKit (demo)' } },
			});
			example.connections['Create the deal'] = {
				main: [[{ node: 'Agent', type: 'main', index: 0 }]],
			};
		}
		const workflow = await n8n.api.createActiveWorkflow(example);
		const trigger = workflow.nodes.find((node) => node.type === `${PACKAGE}.sendKitEventTrigger`);
		const url = `${n8n.webhookUrl}/webhook/${trigger?.webhookId}/webhook`;

		// 2.41 registers a moment after it answered the publish (its publication service).
		const [webhook] = await waitFor('the trigger to register its webhook at SendKit', async () => {
			const found = await webhooksAt(url);
			return found.length > 0 ? found : undefined;
		});
		expect(webhook).toMatchObject({ status: 'active', events: ['email.positive_reply'] });
		expect(await created()).toHaveLength(1);
		// n8n serves the URL once the registration is stored: an unsigned delivery gets 401 then.
		await waitFor('the trigger URL to be served', async () =>
			(await deliver(url, 'unsigned')).status === 401 ? true : undefined,
		);
		workflowId = workflow.id;
		hook = url;
	});

	it('publishing again, and unpublishing then publishing, register no second webhook (the same one is reused)', async () => {
		live();
		await n8n.forgetRequests();
		const again = await publish(workflowId);

		// n8n may answer a publish of a published workflow 200 or refuse it; neither may register.
		expect([200, 400]).toContain(again);
		await n8n.api.publicationSettled(workflowId);
		await expectOneActive();
		await unpublish(workflowId);
		expect(await publish(workflowId)).toBe(200);
		await n8n.api.publicationSettled(workflowId);
		await expectOneActive();
		// checkExists read SendKit's list before reusing the webhook.
		expect(await webhookRequests()).toContain('GET /v1/webhooks');
	});

	it(
		latest
			? 'restarting n8n registers no second webhook: 2.41 calls SendKit not at all, and with the publication service off checkExists finds the same one'
			: 'restarting n8n registers no second webhook: checkExists finds the same one by its URL',
		async () => {
			live();
			await n8n.forgetRequests();
			await n8n.restartMain('restarted');
			/** checkExists at start-up, then (awaited before n8n says it is up) anything it led to. */
			const checkedAtStartUp = async (log: string) => {
				await waitFor('checkExists at start-up', async () =>
					(await webhookRequests()).includes('GET /v1/webhooks') ? true : undefined,
				);
				await n8n.startedUp(log);
				return await webhookRequests();
			};
			if (latest) {
				// Nothing to wait for but start-up itself: 2.41 with its publication service makes no
				// request, so the test watches a while after n8n finished starting and applying
				// publications (its reconciler runs at start-up).
				await n8n.startedUp('main-restarted');
				await n8n.api.publicationSettled(workflowId);
				await sleep(RESTART_QUIET_MS);
				expect(await webhookRequests()).toEqual([]);
				note(n8n.profile, 'restart, publication service on: no request to SendKit');

				await n8n.forgetRequests();
				await n8n.restartMain('no-publication-service', {
					N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
				});
				const lines = await checkedAtStartUp('main-no-publication-service');
				note(n8n.profile, `restart, publication service off: ${lines.join(', ')}`);
			} else {
				const lines = await checkedAtStartUp('main-restarted');
				note(n8n.profile, `restart: ${lines.join(', ')}`);
			}
			await expectOneActive();
		},
		8 * 60_000,
	);

	it('a delivery SendKit signs gets 200 at the trigger URL; a badly signed one gets 401', async () => {
		const signed = await deliver(live());
		const bad = await deliver(live(), 'wrongSecret');

		expect({ signed: signed.status ?? signed.error, bad: bad.status ?? bad.error }).toEqual({
			signed: 200,
			bad: 401,
		});
	});

	it('exactly one execution, from the signed delivery, with the deal for the lead', async () => {
		live();
		const run = await n8n.onlyExecution(workflowId);

		expect({ status: run.status, mode: run.mode }).toEqual({ status: 'success', mode: 'webhook' });
		expect(nodeOutput(run, 'Create the deal')[0]).toMatchObject({
			dealName: `Positive reply from ${lead.email}`,
			leadId: lead.leadId,
		});
	});

	itIf(queue, 'regular mode runs everything in one process')(
		'the execution ran on the worker, enqueued by the webhook process, and its SendKit action node returned an agent',
		async () => {
			live();
			const [run] = await n8n.api.finishedExecutions(workflowId, 1);

			expect(nodeOutput(run, 'Agent')).toHaveLength(1);
			n8n.expectRanOnWorker(run.id);
		},
	);

	it('unpublishing leaves the webhook inactive at SendKit', async () => {
		live();
		await unpublish(workflowId);

		expect((await webhooksAt(hook)).map(({ status }) => status)).toEqual(['inactive']);
	});
}
