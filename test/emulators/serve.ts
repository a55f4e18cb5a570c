/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/*
 * Runs the four platform emulators on fixed loopback ports with demo data, for `npm start` and the
 * end-to-end tests. Writes what a client needs (URLs, keys, seeded IDs) to the JSON file named by
 * the first argument, and runs until it gets SIGINT or SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';

import { AiChatbotHubEmulator } from './aichatbothub';
import { ChatsbyEmulator } from './chatsby';
import { ChatThingEmulator } from './chatthing';
import type { EmulatorServer } from './kit';
import { SendKitEmulator, type SendKitDeliveryFlaw } from './sendkit';

// Ports from E2E_EMULATOR_PORT (default 5701) on: the demo and the end-to-end test use different ones.
const base = Number(process.env.E2E_EMULATOR_PORT ?? 5701);
const PORTS = {
	aiChatbotHub: base,
	chatThing: base + 1,
	sendKit: base + 2,
	chatsby: base + 3,
	control: base + 4,
};
export const DEMO = {
	aiChatbotHubToken: 'demo-aichatbothub-token',
	chatThingChannel: '2f1e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
	chatThingSecret: 'demo-chatthing-secret',
	sendKitKey: 'sk_demo_sendkit_key',
	chatsbyKey: 'chtb_test_demo_key',
};

async function main() {
	const out = process.argv[2];
	const aiChatbotHub = new AiChatbotHubEmulator({ token: DEMO.aiChatbotHubToken });
	const chatThing = new ChatThingEmulator({
		channelId: DEMO.chatThingChannel,
		secretKey: DEMO.chatThingSecret,
	});
	const sendKit = new SendKitEmulator({ apiKey: DEMO.sendKitKey });
	const chatsby = new ChatsbyEmulator({ apiKey: DEMO.chatsbyKey });
	const info = {
		aiChatbotHub: {
			baseUrl: await aiChatbotHub.start(PORTS.aiChatbotHub),
			token: DEMO.aiChatbotHubToken,
			seed: aiChatbotHub.seed(),
		},
		chatThing: {
			baseUrl: await chatThing.start(PORTS.chatThing),
			channelId: DEMO.chatThingChannel,
			secretKey: DEMO.chatThingSecret,
			seed: chatThing.seed(),
		},
		sendKit: {
			baseUrl: await sendKit.start(PORTS.sendKit),
			apiKey: DEMO.sendKitKey,
			seed: seedSendKit(sendKit),
		},
		chatsby: {
			baseUrl: await chatsby.start(PORTS.chatsby),
			apiKey: DEMO.chatsbyKey,
			seed: chatsby.seed(),
		},
	};
	const control = await startControl(
		{
			aiChatbotHub: aiChatbotHub.server,
			chatThing: chatThing.server,
			sendKit: sendKit.server,
			chatsby: chatsby.server,
		},
		sendKit,
	);
	// Training in the demo should finish by itself: sources and agents advance on reads.
	if (out) writeFileSync(out, JSON.stringify({ ...info, control: control.url }, null, 2));
	console.log(
		`Emulators ready: ${Object.values(info)
			.map((entry) => entry.baseUrl)
			.join(', ')}`,
	);
	const stop = async () => {
		await Promise.all([aiChatbotHub.stop(), chatThing.stop(), sendKit.stop(), chatsby.stop()]);
		control.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

/** SendKit's agents, and documents of the first one (the example workflows name its ID). */
function seedSendKit(sendKit: SendKitEmulator) {
	const seed = sendKit.seed();
	return { ...seed, documents: sendKit.seedDocuments(seed.agents[0]) };
}

/**
 * A control port for the end-to-end tests, which run the emulators in another process: `GET
 * /requests/<platform>` answers what that emulator received (method, path, query, body, status,
 * timings), `DELETE /requests` forgets all of it. `POST /deliveries/sendKit` with `{ event, data,
 * flaw? }` has SendKit send that event, signed, to its webhooks, and answers what each URL said.
 */
async function startControl(
	servers: Record<string, EmulatorServer>,
	sendKit: SendKitEmulator,
): Promise<{ url: string; close: () => void }> {
	const server = http.createServer((req, res) => {
		const [, what, platform] = (req.url ?? '').split('/');
		if (what === 'deliveries' && platform === 'sendKit' && req.method === 'POST') {
			void sendKitDeliveries(req, res, sendKit);
		} else if (what === 'requests' && req.method === 'DELETE') {
			for (const emulator of Object.values(servers)) emulator.clearRequests();
			res.writeHead(204).end();
		} else if (what === 'requests' && req.method === 'GET' && servers[platform]) {
			const requests = servers[platform].requests.map((request) => ({
				method: request.method,
				path: request.path,
				query: request.query,
				body: request.body,
				status: request.status,
				startedAt: request.startedAt,
				finishedAt: request.finishedAt,
				firstChunkAt: request.firstChunkAt,
			}));
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(requests));
		} else {
			res.writeHead(404).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(PORTS.control, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${PORTS.control}`, close: () => server.close() };
}

async function sendKitDeliveries(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	sendKit: SendKitEmulator,
): Promise<void> {
	try {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const { event, data, flaw } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
			event: string;
			data?: Record<string, unknown>;
			flaw?: SendKitDeliveryFlaw;
		};
		const sent = await sendKit.deliverEvent(event, data ?? {}, { flaw });
		res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sent));
	} catch (error) {
		res.writeHead(400).end(String((error as Error).message));
	}
}

void main();
