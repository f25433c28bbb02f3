import type { SeededRandom } from './random';
import type { SimulatorState } from './state';

export interface SimRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the fields of a form-urlencoded body, or undefined when empty. */
	body: unknown;
	/** Characters in the body as sent. */
	bodyLength: number;
}

export interface SimResponse {
	status: number;
	/** Serialized as JSON; a string is sent as-is (used for deliberately broken answers). */
	body?: unknown;
	headers?: Record<string, string>;
}

export interface OAuthClient {
	clientId: string;
	clientSecret: string;
}

export interface RouteContext {
	state: SimulatorState;
	random: SeededRandom;
	oauthClient: OAuthClient;
}

export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Matched against the path without query; capture groups become `params`. */
	pattern: RegExp;
	/** Name used in statistics, e.g. `associations/batch/create`. */
	kind: string;
	/** Whether the route sits behind bearer auth, rate limits and faults (every `/crm*` route). */
	crm: boolean;
	/** `search`: counted against the CRM search limit instead of the rolling window, answered without rate-limit headers. */
	rateLimit?: 'search';
	handle(request: SimRequest, params: string[], context: RouteContext): SimResponse;
}

export function json(status: number, body: unknown): SimResponse {
	return { status, body };
}

export function noContent(): SimResponse {
	return { status: 204 };
}

export function findRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | undefined {
	for (const route of routes) {
		if (route.method !== method) continue;
		const match = route.pattern.exec(path);
		if (match) return { route, params: match.slice(1).map(decodeURIComponent) };
	}
	return undefined;
}

/** ISO timestamps HubSpot puts on every batch answer. */
export function batchTimes(startedAt: Date): { startedAt: string; completedAt: string } {
	return { startedAt: startedAt.toISOString(), completedAt: new Date().toISOString() };
}
