/**
 * Figures of a run against a simulator rate window: requests sent, how many HubSpot refused
 * with 429, and the wall time against the rate-limit-bound optimum (the requests needed, sent
 * evenly at the window's rate: no client can finish sooner without a 429).
 */
import type { RecordedRequest } from '../simulator';

export interface RateFigures {
	requests: number;
	rateLimited: number;
	rateLimitedShare: number;
	wallMs: number;
	/** From the first request to the last: the part the rate limit bounds. */
	sendSpanMs: number;
	optimumMs: number;
	/** optimum ÷ wall time: 1 is as fast as the limit allows. */
	efficiency: number;
}

export function rateFigures(requests: Array<Pick<RecordedRequest, 'kind' | 'status' | 'at'>>, options: { kind: string; needed: number; ratePerSecond: number; wallMs: number }): RateFigures {
	const sent = requests.filter((request) => request.kind === options.kind);
	const rateLimited = sent.filter((request) => request.status === 429).length;
	const optimumMs = (options.needed / options.ratePerSecond) * 1000;
	return {
		requests: sent.length,
		rateLimited,
		rateLimitedShare: sent.length === 0 ? 0 : rateLimited / sent.length,
		wallMs: options.wallMs,
		sendSpanMs: sent.length > 1 ? sent[sent.length - 1].at - sent[0].at : 0,
		optimumMs,
		efficiency: optimumMs / options.wallMs,
	};
}

export function describeFigures(figures: RateFigures): string {
	return [
		`requests ${figures.requests} (429: ${figures.rateLimited}, ${(figures.rateLimitedShare * 100).toFixed(1)} %)`,
		`wall time ${(figures.wallMs / 1000).toFixed(1)} s vs optimum ${(figures.optimumMs / 1000).toFixed(1)} s`,
		`→ ${(figures.efficiency * 100).toFixed(0)} % of the limit-bound optimum`,
		`(first to last request ${(figures.sendSpanMs / 1000).toFixed(1)} s: ${((figures.optimumMs / Math.max(1, figures.sendSpanMs)) * 100).toFixed(0)} %)`,
	].join(', ');
}
