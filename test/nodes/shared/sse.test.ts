import { SseReader, type SseEvent } from '../../../nodes/shared/sse';

function readAll(chunks: Array<Buffer | string>, options = {}): SseEvent[] {
	const reader = new SseReader(options);
	return [...chunks.flatMap((chunk) => reader.push(chunk)), ...reader.end()];
}

const STREAM =
	': keep-alive comment\r\n' +
	'event: token\r\ndata: {"content":"Grüße"}\r\n\r\n' +
	'event: token\nid: 2\ndata: {"content":" 東京 🙂"}\n\n' +
	'event: done\rdata: {}\r\r' +
	'data: line one\ndata: line two\n\n';

const EXPECTED: SseEvent[] = [
	{ event: 'token', data: '{"content":"Grüße"}' },
	{ event: 'token', id: '2', data: '{"content":" 東京 🙂"}' },
	{ event: 'done', data: '{}' },
	{ data: 'line one\nline two' },
];

describe('SSE reader', () => {
	it('reads events with LF, CRLF and CR line ends, comments, ids and multi-line data', () => {
		expect(readAll([STREAM])).toEqual(EXPECTED);
	});

	it('gives the same events however the bytes are cut, even inside a multi-byte character', () => {
		const bytes = Buffer.from(STREAM);
		for (let size = 1; size <= 17; size++) {
			const chunks: Buffer[] = [];
			for (let start = 0; start < bytes.length; start += size)
				chunks.push(bytes.subarray(start, start + size));
			expect(readAll(chunks)).toEqual(EXPECTED);
		}
	});

	it('cuts a CRLF across two reads without seeing an empty line in between', () => {
		expect(readAll(['data: a\r', '\ndata: b\r\n\r\n'])).toEqual([{ data: 'a\nb' }]);
	});

	it('makes each data line an event of its own when asked (Chat Thing)', () => {
		expect(
			readAll(['data: {"n":1}\ndata: {"n":2}\ndata: [DONE]'], { dataLinePerEvent: true }),
		).toEqual([{ data: '{"n":1}' }, { data: '{"n":2}' }, { data: '[DONE]' }]);
	});

	it('returns an unterminated last event at the end of the body', () => {
		expect(readAll(['event: done\ndata: {}'])).toEqual([{ event: 'done', data: '{}' }]);
	});
});
