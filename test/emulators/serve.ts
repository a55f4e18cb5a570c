/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/*
 * Runs the four platform emulators on fixed loopback ports with demo data, for `npm start` and the
 * end-to-end tests. Writes what a client needs (URLs, keys, seeded IDs) to the JSON file named by
 * the first argument, and runs until it gets SIGINT or SIGTERM.
 */
import { writeFileSync } from 'node:fs';

import { AiChatbotHubEmulator } from './aichatbothub';
import { ChatsbyEmulator } from './chatsby';
import { ChatThingEmulator } from './chatthing';
import { SendKitEmulator } from './sendkit';

// Ports from E2E_EMULATOR_PORT (default 5701) on: the demo and the end-to-end test use different ones.
const base = Number(process.env.E2E_EMULATOR_PORT ?? 5701);
const PORTS = { aiChatbotHub: base, chatThing: base + 1, sendKit: base + 2, chatsby: base + 3 };
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
			seed: sendKit.seed(),
		},
		chatsby: {
			baseUrl: await chatsby.start(PORTS.chatsby),
			apiKey: DEMO.chatsbyKey,
			seed: chatsby.seed(),
		},
	};
	// Training in the demo should finish by itself: sources and agents advance on reads.
	if (out) writeFileSync(out, JSON.stringify(info, null, 2));
	console.log(
		`Emulators ready: ${Object.values(info)
			.map((entry) => entry.baseUrl)
			.join(', ')}`,
	);
	const stop = async () => {
		await Promise.all([aiChatbotHub.stop(), chatThing.stop(), sendKit.stop(), chatsby.stop()]);
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main();
