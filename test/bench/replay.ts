/**
 * Replays requests an emulator recorded, with fetch() in a plain sequential loop: the reference
 * the benchmark tables set a node's time against (the same requests, without n8n around them).
 */
import type { EmulatorServer, RecordedRequest } from '../emulators/kit';

export interface Replayable {
	url: string;
	init: RequestInit;
}

/** Headers fetch() sets itself (or refuses): left out of a replay. */
const TRANSPORT_HEADERS = new Set([
	'host',
	'connection',
	'content-length',
	'transfer-encoding',
	'keep-alive',
]);

/** The recorded requests as fetch() arguments: same method, URL, headers and body. */
export function replayable(server: EmulatorServer, requests: RecordedRequest[]): Replayable[] {
	const origin = new URL(server.url).origin;
	return requests.map((request) => {
		const query = new URLSearchParams(request.query).toString();
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.headers)) {
			if (value === undefined || TRANSPORT_HEADERS.has(name)) continue;
			headers[name] = Array.isArray(value) ? value.join(', ') : value;
		}
		return {
			url: `${origin}${request.path}${query ? `?${query}` : ''}`,
			init: {
				method: request.method,
				headers,
				body: request.rawBody.length > 0 ? new Uint8Array(request.rawBody) : undefined,
			},
		};
	});
}

/**
 * Sends the requests one after the other, each answer read to the end and parsed as JSON, and
 * hands every answer to `onAnswer`. Throws on an answer that is not 2xx.
 */
export async function replay(
	requests: Replayable[],
	onAnswer: (answer: Record<string, unknown>) => void = () => {},
): Promise<void> {
	for (const { url, init } of requests) {
		const response = await fetch(url, init);
		const answer = (await response.json()) as Record<string, unknown>;
		if (!response.ok) {
			throw new Error(`Replay got ${response.status} from ${init.method} ${url}`);
		}
		onAnswer(answer);
	}
}
