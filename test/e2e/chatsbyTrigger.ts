/*
 * The Chatsby Trigger example, live: Chatsby's signed deliveries to n8n's own Production URL (the
 * main process, or in queue mode the webhook process). The example's alert is followed by a
 * Chatsby action node (Agent → Get Many), so that an action runs where the executions run.
 */
import { chatsbyDelivery, deliverTo, type DeliveryFlaw } from '../emulators/chatsby';
import { nodeOutput, waitFor } from './harness/n8n';
import { itIf, PACKAGE, type RunningProfile } from './harness/profile';

export function chatsbyTrigger(n8n: RunningProfile) {
	let workflowId = '';
	let hook = '';
	const delivery = (flaw: DeliveryFlaw) =>
		chatsbyDelivery(
			n8n.credential('chatsbyApi').webhookSecret,
			'source.failed',
			{
				id: 'src_e2efailed1',
				type: 'website',
				content: 'https://acme.com/help',
				status: 'failed',
				agent_id: 'agent_demosupprt',
				error_message: 'The website could not be reached',
			},
			{ flaw },
		);
	const live = () => {
		if (!hook) throw new Error('the Chatsby Trigger example did not go live (see the first test)');
		return hook;
	};

	it('the Chatsby Trigger example goes live and its Production URL refuses an unsigned delivery', async () => {
		const example = n8n.fixture('examples/chatsby-source-failed-alert.json');
		example.nodes.push({
			id: 'e2e-agent',
			name: 'Agent',
			type: `${PACKAGE}.chatsby`,
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'agent',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
				filters: { status: 'active' },
			},
			credentials: { chatsbyApi: { id: 'demoChatsby000001', name: 'Chatsby (demo)' } },
		});
		example.connections['Alert text'] = { main: [[{ node: 'Agent', type: 'main', index: 0 }]] };
		const workflow = await n8n.api.createActiveWorkflow(example);
		const trigger = workflow.nodes.find((node) => node.type === `${PACKAGE}.chatsbyTrigger`);
		const url = `${n8n.webhookUrl}/webhook/${trigger?.webhookId}/webhook`;

		// Going live registers the webhook path a moment later: until then n8n answers 404.
		await waitFor('the trigger webhook to be registered', async () =>
			(await deliverTo(url, delivery('unsigned'))) === 401 ? true : undefined,
		);
		workflowId = workflow.id;
		hook = url;
	});

	it("accepts a signed delivery, and the same one again (a sender's retry), with 200", async () => {
		const signed = delivery('none');

		expect(await deliverTo(live(), signed)).toBe(200);
		// A sender keeps the delivery's ID when it retries; the count of executions below proves
		// that the retry starts no second one.
		expect(await deliverTo(live(), signed)).toBe(200);
	});

	it('answers 401 to unsigned, wrongly signed and stale deliveries', async () => {
		const answers: Record<string, number> = {};
		for (const flaw of ['unsigned', 'wrongSecret', 'stale'] as const) {
			answers[flaw] = await deliverTo(live(), delivery(flaw));
		}

		expect(answers).toEqual({ unsigned: 401, wrongSecret: 401, stale: 401 });
	});

	it('starts exactly one execution, from the signed delivery (none from its retry), with the alert text and the agent', async () => {
		live();
		const run = await n8n.onlyExecution(workflowId);

		expect({ status: run.status, mode: run.mode }).toEqual({ status: 'success', mode: 'webhook' });
		const alert = String(nodeOutput(run, 'Alert text')[0]?.alert);
		expect(alert).toMatch(/src_e2efailed1 .* failed: The website could not be reached/);
		expect(nodeOutput(run, 'Agent')[0]?.id).toBe('agent_demosupprt');
	});

	itIf(n8n.profile.mode === 'queue', 'regular mode runs everything in one process')(
		'the execution was enqueued by the webhook process and ran on the worker',
		async () => {
			live();
			const [run] = await n8n.api.finishedExecutions(workflowId, 1);

			n8n.expectRanOnWorker(run.id);
		},
	);
}
