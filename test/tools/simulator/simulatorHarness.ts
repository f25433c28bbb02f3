import { assertValidResponse } from '../../contract/validate';
import { startSimulator, type HubSpotSimulator, type SimulatorOptions } from '../../../tools/simulator';

export interface Answer {
	status: number;
	headers: Headers;
	/** Parsed JSON, or the raw text when the body is not JSON, or undefined when empty. */
	body: any;
}

export interface TestSimulator {
	sim: HubSpotSimulator;
	token: string;
	call(method: string, path: string, body?: unknown, init?: { token?: string | null; form?: Record<string, string> }): Promise<Answer>;
}

export async function startTestSimulator(options?: SimulatorOptions): Promise<TestSimulator> {
	const sim = await startSimulator(options);
	const { accessToken } = sim.issueToken();
	return {
		sim,
		token: accessToken,
		async call(method, path, body, init = {}) {
			const headers: Record<string, string> = {};
			const bearer = init.token === undefined ? accessToken : init.token;
			if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
			let payload: string | undefined;
			if (init.form) {
				headers['Content-Type'] = 'application/x-www-form-urlencoded';
				payload = new URLSearchParams(init.form).toString();
			} else if (body !== undefined) {
				headers['Content-Type'] = 'application/json';
				payload = JSON.stringify(body);
			}
			const response = await fetch(`${sim.baseUrl}${path}`, { method, headers, body: payload, redirect: 'manual' });
			const text = await response.text();
			let parsed: unknown = text === '' ? undefined : text;
			try {
				parsed = text === '' ? undefined : JSON.parse(text);
			} catch {
				// kept as text: broken bodies are what some faults produce
			}
			return { status: response.status, headers: response.headers, body: parsed };
		},
	};
}

/**
 * Every answer the simulator gave must match HubSpot's contract wherever the contract has the
 * endpoint; deliberately broken answers (no answer, non-JSON bodies) are the only exceptions.
 */
export function expectEveryResponseMatchesContract(sim: HubSpotSimulator): number {
	let checked = 0;
	for (const request of sim.requests) {
		if (request.status === 0 || typeof request.responseBody === 'string') continue;
		try {
			assertValidResponse(request.method, request.path, request.status, request.responseBody);
			checked++;
		} catch (error) {
			if (/^no contract entry/.test((error as Error).message)) continue;
			throw new Error(`${request.method} ${request.path} → ${request.status}: ${(error as Error).message}`);
		}
	}
	return checked;
}

/** Declares, as the last spec of a suite, that everything answered so far matched the contract. */
export function itAnsweredEverythingPerContract(simulator: () => TestSimulator): void {
	it('answered every request in a shape that matches HubSpot’s contract', () => {
		expect(expectEveryResponseMatchesContract(simulator().sim)).toBeGreaterThan(0);
	});
}

export const V3 = '/crm/associations/2026-03';
export const V9 = '/crm/associations/2026-09';

export function createInput(fromId: string, toId: string, types: Array<[category: string, typeId: number]>) {
	return { from: { id: fromId }, to: { id: toId }, types: types.map(([associationCategory, associationTypeId]) => ({ associationCategory, associationTypeId })) };
}
