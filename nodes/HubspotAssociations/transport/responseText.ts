/*
 * HubSpot's answers are read as streams and parsed here, not by n8n's request helper. A promise or
 * async function that waits across a request outlives V8's young-generation collections, and what
 * it is resolved or resumed with stays in memory until V8's next full collection, which a large run
 * may not make before it ends. Parsed inside n8n's helper, every batch's answer (its bytes, its text
 * and its objects, about a megabyte) was held that way; read from the stream, only our own frames
 * see the text, and they let it go (see `readText` and `takeBody`).
 */

/** A response body as n8n's request helper hands it over with `encoding: 'stream'`. */
export interface ByteStream {
	readonly readableEnded?: boolean;
	on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
}

export const isByteStream = (value: unknown): value is ByteStream =>
	value !== null && typeof value === 'object' && typeof (value as ByteStream).on === 'function';

/** A body whose connection closed before its end: read like a reset connection, which the retry policy knows. */
function cutOff(): Error {
	return Object.assign(new Error('The connection closed before the whole answer arrived'), { code: 'ECONNRESET' });
}

/**
 * Reads a body to its text and leaves it in `into.text`, for the caller to take: resolved with the
 * text, the promise would hold it. A body already read (or never to end) leaves `into.text` unset.
 */
export async function readText(stream: ByteStream, into: { text?: string }): Promise<void> {
	if (stream.readableEnded) return;
	await new Promise<void>((resolve, reject) => {
		const decoder = new TextDecoder();
		let parts: string[] = [];
		let ended = false;
		stream.on('data', (chunk) => parts.push(decoder.decode(chunk, { stream: true })));
		stream.on('error', reject);
		stream.on('end', () => {
			ended = true;
			parts.push(decoder.decode());
			into.text = parts.join('');
			parts = [];
			resolve();
		});
		stream.on('close', () => {
			if (!ended) reject(cutOff());
		});
	});
}
