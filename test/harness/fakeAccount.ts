import type { IExecuteFunctions } from 'n8n-workflow';
import type { Clock } from '../../nodes/HubspotAssociations/transport/throttle';

/** What the fake HubSpot does with one request: answer (any status, any body) or fail without an answer. */
export type FakeAnswer =
	| { statusCode: number; headers?: Record<string, string>; body?: unknown }
	/** No answer: the request helper throws this (a reset connection, a proxy's odd error). */
	| { throws: unknown };

export interface FakeRequest {
	url: string;
	body: unknown;
	/** Virtual time at which HubSpot counted it: half an answer's time after it was sent. */
	arrivedAt: number;
}

/**
 * One HubSpot account in virtual time, answered by `answer`, and the n8n contexts of the runs that
 * use it (virtual time with a FakeClock): each context names the same credential (id `credentialId`), so runs of this fake share
 * the account's throttles as executions of one n8n process do.
 */
export function fakeAccount(clock: Clock, answer: (request: FakeRequest, index: number) => FakeAnswer, options: { latencyMs?: number; credentialId?: string } = {}) {
	const latencyMs = options.latencyMs ?? 100;
	const requests: FakeRequest[] = [];
	const httpRequestWithAuthentication = async (_type: string, sent: { url: string; body?: unknown }) => {
		await clock.sleep(latencyMs / 2);
		const request = { url: sent.url, body: sent.body, arrivedAt: clock.now() };
		requests.push(request);
		const answered = answer(request, requests.length - 1);
		await clock.sleep(latencyMs / 2);
		if ('throws' in answered) throw answered.throws;
		const headers = answered.headers ?? {};
		if (answered.statusCode >= 400) throw Object.assign(new Error(`Request failed with status code ${answered.statusCode}`), { response: { status: answered.statusCode, headers, data: answered.body } });
		return { statusCode: answered.statusCode, headers, body: answered.body };
	};
	/** The n8n context of one run; `signal` stands in for n8n's execution cancel signal. */
	const context = (signal?: AbortSignal) =>
		({
			getNodeParameter: () => 'appToken',
			getCredentials: async () => ({ baseUrl: 'https://api.hubapi.com' }),
			getNode: () => ({ credentials: { hubspotAssociationsAppTokenApi: { id: options.credentialId ?? 'cred-fake', name: 'HubSpot' } } }),
			getExecutionCancelSignal: () => signal,
			helpers: { httpRequestWithAuthentication },
		}) as unknown as IExecuteFunctions;
	return { requests, context };
}

/** The most requests HubSpot counted in any rolling window of `intervalMs`. */
export function mostInOneWindow(arrivals: number[], intervalMs: number): number {
	const sorted = [...arrivals].sort((a, b) => a - b);
	let most = 0;
	for (let first = 0, last = 0; last < sorted.length; last++) {
		while (sorted[first] <= sorted[last] - intervalMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}
