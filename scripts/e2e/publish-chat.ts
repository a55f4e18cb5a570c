/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/*
 * For `npm start`: publishes the Chat Trigger example, so that its hosted chat answers with
 * Chatsby's streamed reply, and prints the chat's URL.
 */
import { N8nApi } from '../../test/e2e/harness/n8n';

const WORKFLOW_ID = 'exampleChatsbyChat';
const CHAT_WEBHOOK_ID = '6e5d4c3b-2a19-4087-b6a5-d4c3b2a1f0e9';

async function main() {
	const baseUrl = `http://127.0.0.1:${process.env.N8N_PORT ?? '5678'}`;
	const api = new N8nApi(baseUrl);
	await api.logIn(process.env.N8N_INSTANCE_OWNER_EMAIL ?? '', process.env.N8N_DEMO_PASSWORD ?? '');
	await api.createApiKey();
	const published = await api.publicApi('POST', `/workflows/${WORKFLOW_ID}/publish`, {});
	if (published.status !== 200)
		throw new Error(`Publishing the chat example answered ${published.status}`);
	console.log(`${baseUrl}/webhook/${CHAT_WEBHOOK_ID}/chat`);
}

main().catch((error) => {
	console.error(`Could not publish the chat example: ${(error as Error).message}`);
	process.exitCode = 1;
});
