import { errorBody } from './hubspotErrors';
import type { BatchStatus, Fault, OddShape, TransientStatus } from './faults';
import type { RatePolicy } from './rateLimit';
import type { SimResponse } from './routing';

/** The answers HubSpot (or the gateways in front of it) give when a request is refused. */

export function rateLimitedAnswer(policy: RatePolicy): SimResponse {
	const messages: Record<RatePolicy, string> = {
		DAILY: 'You have reached your daily limit.',
		SECONDLY: 'You have reached your secondly limit.',
		TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
	};
	const message = messages[policy];
	return { status: 429, body: errorBody('RATE_LIMITS', message, { errorType: 'RATE_LIMIT', policyName: policy }) };
}

const TRANSIENT_MESSAGES: Record<TransientStatus, string> = {
	500: 'internal error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
	521: 'Web server is down',
	523: 'Origin is unreachable',
	524: 'A timeout occurred',
};

function retryAfter(seconds: number | undefined): Record<string, string> {
	return seconds === undefined ? {} : { 'Retry-After': String(seconds) };
}

export function transientAnswer(status: TransientStatus, html = false): SimResponse {
	if (html) {
		return {
			status,
			body: `<html><head><title>${status} ${TRANSIENT_MESSAGES[status]}</title></head><body><h1>${TRANSIENT_MESSAGES[status]}</h1></body></html>`,
			headers: { 'Content-Type': 'text/html; charset=utf-8' },
		};
	}
	const category = status === 500 ? 'INTERNAL_ERROR' : 'SERVICE_UNAVAILABLE';
	return { status, body: errorBody(category, TRANSIENT_MESSAGES[status]) };
}

/** HubSpot's 423: a record of the request is being changed by another one; wait at least 2 s. */
export function lockedAnswer(): SimResponse {
	return { status: 423, body: errorBody('LOCKED', 'The resource is locked while another change is applied. Try again in at least 2 seconds.') };
}

/** The answer for a status fault; other kinds are handled by the server. */
export function statusFaultAnswer(fault: Extract<Fault, { status: number }>): SimResponse {
	switch (fault.status) {
		case 423:
			return lockedAnswer();
		case 403:
			return missingScopesAnswer(fault);
		case 477:
			return {
				status: 477,
				body: errorBody('MIGRATION_IN_PROGRESS', 'This portal is being migrated between data centers. Try again later.'),
				headers: retryAfter(fault.retryAfterSeconds ?? 1),
			};
		case 429:
			return {
				status: 429,
				body: errorBody('RATE_LIMITS', 'You have reached your secondly limit.', { errorType: 'RATE_LIMIT', policyName: 'SECONDLY' }),
				headers: retryAfter(fault.retryAfterSeconds),
			};
		default:
			return transientAnswer(fault.status, fault.html);
	}
}

/** Looks like the start of a batch answer cut off mid-way. */
export const MALFORMED_BODY = '{"status":"COMPLETE","results":[{"fromObjectId":';

/** HubSpot's 403 for a token without a scope, in the shape the fault asks for. */
function missingScopesAnswer(fault: Extract<Fault, { status: 403 }>): SimResponse {
	const scopes = fault.missingScopes ?? ['crm.objects.companies.write'];
	const message = "This app hasn't been granted all required scopes to make this call.";
	if (!fault.shape || fault.shape === 'missingScopes') {
		return { status: 403, body: errorBody('MISSING_SCOPES', message, { context: { missingScopes: scopes } }) };
	}
	const nested = { message: 'One or more of the following scopes are required.', context: { [fault.shape]: scopes } };
	return { status: 403, body: errorBody('MISSING_SCOPES', message, { errors: [nested] }) };
}

/** A batch answer carrying `status`, a 204 given a body to carry it, and at most `keptResults` results. Other answers stay. */
export function withBatchStatus(answer: SimResponse, status: BatchStatus, keptResults?: number): SimResponse {
	if (answer.status === 204) {
		const at = new Date().toISOString();
		return { ...answer, status: 200, body: { status, results: [], startedAt: at, completedAt: at } };
	}
	if (answer.status < 200 || answer.status > 299 || typeof answer.body !== 'object' || answer.body === null) return answer;
	const body = answer.body as { results?: unknown[] };
	const results = keptResults === undefined || !Array.isArray(body.results) ? body.results : body.results.slice(0, keptResults);
	return { ...answer, body: { ...body, status, ...(results ? { results } : {}) } };
}

/** `answer` as an `odd-shape` fault leaves it (see `Fault`). */
export function withOddShape(answer: SimResponse, shape: OddShape): SimResponse {
	if (answer.status < 200 || answer.status > 299) return answer;
	const at = new Date().toISOString();
	const body = (answer.status === 204 || typeof answer.body !== 'object' || answer.body === null ? { status: 'COMPLETE', startedAt: at, completedAt: at } : answer.body) as {
		results?: unknown;
		errors?: unknown;
	};
	const odd = { ...body };
	if (shape === 'results-object') odd.results = { rewritten: true };
	else if (shape === 'errors-null') odd.errors = [null, ...(Array.isArray(body.errors) ? body.errors : [])];
	else if (shape === 'errors-object') odd.errors = { upstream: 'timeout' };
	else if (Array.isArray(body.results)) odd.results = body.results.map((result) => (typeof result === 'object' && result !== null && 'to' in result ? { ...result, to: { rewritten: true } } : result));
	return { ...answer, status: answer.status === 204 ? 200 : answer.status, body: odd };
}
