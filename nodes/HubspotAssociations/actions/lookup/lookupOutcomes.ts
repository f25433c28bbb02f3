import { describeFailedExchange, missingScopes } from '../../helpers/hubspotErrors';
import type { HubSpotErrorInfo } from '../../helpers/interfaces';
import type { Authentication, HubSpotAnswer } from '../../transport';
import type { ConcurrencyLimit } from '../../transport/concurrency';

/** What looking up one distinct value came to. */
export type ValueOutcome =
	| { kind: 'found'; id: string }
	| { kind: 'notFound' }
	/** Several records hold the value: `ids` lists some (all when `total` is their number). */
	| { kind: 'ambiguous'; ids: string[]; total: number }
	/** The request itself failed (403, 5xx after retries, …): HubSpot's answer, described. */
	| { kind: 'failed'; message: string; hubspot?: HubSpotErrorInfo; statusCode?: number };

/** The outcome of a value from the record ids found for it. */
export function outcomeOf(ids: Set<string> | undefined, total?: number): ValueOutcome {
	const found = [...(ids ?? [])].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
	if (found.length === 0) return { kind: 'notFound' };
	if (found.length === 1 && (total ?? 1) <= 1) return { kind: 'found', id: found[0] };
	return { kind: 'ambiguous', ids: found, total: Math.max(total ?? 0, found.length) };
}

/** How many lookups run at once: a pinned number, or the run's adaptive limit (Parallel Requests `auto`). */
export type LookupConcurrency = number | ConcurrencyLimit;

/** Runs `jobs` in order, at most `concurrency` at once, or each under a slot of the adaptive limit. */
export async function runPool(jobs: Array<() => Promise<void>>, concurrency: LookupConcurrency): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < jobs.length) {
			const job = jobs[next++];
			if (typeof concurrency === 'number') {
				await job();
				continue;
			}
			const release = await concurrency.acquire();
			try {
				await job();
			} finally {
				release();
			}
		}
	};
	const workers = typeof concurrency === 'number' ? Math.max(1, concurrency) : concurrency.ceiling;
	await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, worker));
}

/** A lookup request HubSpot did not answer with records: every value it carried fails with this. */
export function failedLookup(answer: Extract<HubSpotAnswer, { ok: false }>, what: string, readScope: string, authentication: Authentication): ValueOutcome {
	let message = `could not look up ${what}: ${describeFailedExchange(answer, authentication)}`;
	// HubSpot does not always name the missing scope: say which one reading these records takes.
	if (answer.statusCode === 403 && missingScopes(answer.hubspot).length === 0) message += ` (looking records up needs the ${readScope} scope)`;
	const hubspot = answer.hubspot && { ...answer.hubspot, status: answer.statusCode ?? answer.hubspot.status };
	return { kind: 'failed', message, hubspot, statusCode: answer.statusCode };
}
