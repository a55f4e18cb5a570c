/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/*
 * Posts one Chatsby webhook delivery to a URL, as the emulator builds it, and prints the HTTP status:
 * node -r ts-node/register/transpile-only scripts/e2e/delivery.ts URL SECRET FLAW
 */
import { chatsbyDelivery, deliverTo, type DeliveryFlaw } from '../../test/emulators/chatsby';

async function main() {
	const [url, secret, flaw = 'none'] = process.argv.slice(2);
	const delivery = chatsbyDelivery(
		secret,
		'source.failed',
		{
			id: 'src_e2efailed1',
			type: 'website',
			content: 'https://acme.com/help',
			status: 'failed',
			agent_id: 'agent_1a2b3c4d5e',
			error_message: 'The website could not be reached',
		},
		{ flaw: flaw as DeliveryFlaw },
	);
	console.log(await deliverTo(url, delivery));
}

void main();
