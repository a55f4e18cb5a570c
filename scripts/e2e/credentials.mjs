// Writes the n8n credentials that point at the running emulators (from the emulators' JSON file)
// in the form `n8n import:credentials` takes. Their IDs are the ones the example workflows use.
import { readFileSync, writeFileSync } from 'node:fs';

const [emulatorsFile, out] = process.argv.slice(2);
const emulators = JSON.parse(readFileSync(emulatorsFile, 'utf8'));
const credentials = [
	{
		id: 'demoAiChatbotHub',
		name: 'AI Chatbot Hub (demo)',
		type: 'aiChatbotHubApi',
		data: { apiToken: emulators.aiChatbotHub.token, baseUrl: emulators.aiChatbotHub.baseUrl },
	},
	{
		id: 'demoChatThing0001',
		name: 'Chat Thing (demo)',
		type: 'chatThingApi',
		data: {
			channelId: emulators.chatThing.channelId,
			secretKey: emulators.chatThing.secretKey,
			webhookSecret: 'demo-chatthing-webhook-secret',
			baseUrl: emulators.chatThing.baseUrl,
		},
	},
	{
		id: 'demoSendKit000001',
		name: 'SendKit (demo)',
		type: 'sendKitApi',
		data: { apiKey: emulators.sendKit.apiKey, workspaceId: '', baseUrl: emulators.sendKit.baseUrl },
	},
	{
		id: 'demoChatsby000001',
		name: 'Chatsby (demo)',
		type: 'chatsbyApi',
		data: {
			apiKey: emulators.chatsby.apiKey,
			webhookSecret: 'whsec_ZGVtby1jaGF0c2J5LXNpZ25pbmctc2VjcmV0',
			baseUrl: emulators.chatsby.baseUrl,
		},
	},
];
writeFileSync(out, JSON.stringify(credentials, null, 2));
