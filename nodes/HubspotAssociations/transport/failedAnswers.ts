import { readFailedExchange, type FailedExchange } from '../helpers/hubspotErrors';
import { isByteStream, readText } from './responseText';

/** A failed request's answer comes as a stream too: its text is put in its place, for HubSpot's message to be read. */
export async function readErrorBodies(error: unknown, read: { text?: string }): Promise<void> {
	for (let current = error as ThrownResponse | undefined, depth = 0; current && depth < 4; current = current.cause as ThrownResponse | undefined, depth++) {
		const response = current.response;
		if (!response || !isByteStream(response.data)) continue;
		await readText(response.data, read).catch(() => undefined);
		response.data = read.text;
		read.text = undefined;
	}
}

type ThrownResponse = { response?: { data?: unknown }; cause?: unknown };

/** What a failed request left behind; something thrown that cannot even be read is a failure without an answer. */
export function failedExchangeOf(error: unknown): FailedExchange {
	try {
		return readFailedExchange(error);
	} catch {
		return { headers: {}, rawMessage: 'the request failed with an error that could not be read' };
	}
}
