/*
 * A server-sent events reader for streamed chat replies. It takes the body as it arrives, in
 * chunks cut anywhere — in the middle of a line, or of a multi-byte UTF-8 character — and gives
 * back whole events. Lines end in LF, CRLF or CR; comment lines (`:`) are skipped.
 */

export interface SseEvent {
	event?: string;
	data: string;
	id?: string;
}

export interface SseOptions {
	/**
	 * Each `data:` line is an event of its own, without waiting for a blank line (Chat Thing's
	 * stream, whose documented client splits on newlines). Otherwise events end at a blank line and
	 * several `data:` lines join with a newline, as the SSE standard says (Chatsby).
	 */
	dataLinePerEvent?: boolean;
}

export class SseReader {
	private readonly decoder = new TextDecoder('utf-8');
	private buffer = '';
	private pending: { event?: string; id?: string; data: string[] } = { data: [] };

	constructor(private readonly options: SseOptions = {}) {}

	/** Reads one chunk of the body; returns the events it completed. */
	push(chunk: Uint8Array | string): SseEvent[] {
		this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
		return this.drainLines(false);
	}

	/** The body has ended: returns the events still held (a last line without a line break). */
	end(): SseEvent[] {
		this.buffer += this.decoder.decode();
		const events = this.drainLines(true);
		const last = this.dispatch();
		return last ? [...events, last] : events;
	}

	private drainLines(final: boolean): SseEvent[] {
		const events: SseEvent[] = [];
		for (;;) {
			const match = /\r\n|\n|\r/.exec(this.buffer);
			// A CR at the very end may be the first half of a CRLF still to arrive.
			if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1 && !final)) {
				if (final && this.buffer !== '') {
					const event = this.readLine(this.buffer);
					this.buffer = '';
					if (event) events.push(event);
				}
				return events;
			}
			const line = this.buffer.slice(0, match.index);
			this.buffer = this.buffer.slice(match.index + match[0].length);
			const event = this.readLine(line);
			if (event) events.push(event);
		}
	}

	private readLine(line: string): SseEvent | undefined {
		if (line === '') return this.dispatch();
		if (line.startsWith(':')) return undefined;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'data') {
			this.pending.data.push(value);
			if (this.options.dataLinePerEvent) return this.dispatch();
		} else if (field === 'event') {
			this.pending.event = value;
		} else if (field === 'id') {
			this.pending.id = value;
		}
		return undefined;
	}

	private dispatch(): SseEvent | undefined {
		const { event, id, data } = this.pending;
		this.pending = { data: [] };
		if (data.length === 0) return undefined;
		return {
			data: data.join('\n'),
			...(event !== undefined ? { event } : {}),
			...(id !== undefined ? { id } : {}),
		};
	}
}
