import type { IDataObject, IPairedItemData } from 'n8n-workflow';
import type { HubSpotSimulator, RecordedRequest } from '../../tools/simulator';
import { runNode, simulatorAccount, type RunOptions, type RunResult } from '../harness/runWorkflow';

/** Contact → company, the unlabeled type: every item asks for one pair. */
export interface PairItem extends IDataObject {
	contactId: string;
	companyId: string;
}

export const BATCH_CREATE_KIND = 'associations/batch/create';
const UNLABELED = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };

/** `count` pairs no other call of this function hands out (contacts 1–100000 exist). */
export function freshPairs(count: number): PairItem[] {
	const start = freshPairs.next;
	freshPairs.next += count;
	return Array.from({ length: count }, (_, i) => ({ contactId: String(start + i), companyId: String(((start + i) % 20_000) + 1) }));
}
freshPairs.next = 1;

export async function runAgainst(sim: HubSpotSimulator, options: Omit<RunOptions, 'credentials'>) {
	const account = simulatorAccount(sim);
	const result = await runNode({ ...options, credentials: account.credentials });
	return { ...result, secrets: account.secrets };
}

const pairKey = (contactId: unknown, companyId: unknown) => `${String(contactId)}>${String(companyId)}`;

/** A request the client had to send again: no answer, an error status, or a 2xx that was not JSON. */
export function forcedRetry(request: RecordedRequest): boolean {
	return request.status === 0 || request.status >= 300 || request.fault === 'malformed';
}

/** The batch/create requests of `requests` that carried each pair, in the order sent. */
export function requestsByPair(requests: RecordedRequest[]): Map<string, RecordedRequest[]> {
	const byPair = new Map<string, RecordedRequest[]>();
	for (const request of requests) {
		if (request.kind !== BATCH_CREATE_KIND) continue;
		const inputs = (request.body as { inputs?: Array<{ from: { id: string }; to: { id: string } }> } | undefined)?.inputs ?? [];
		for (const input of inputs) {
			const key = pairKey(input.from.id, input.to.id);
			byPair.set(key, [...(byPair.get(key) ?? []), request]);
		}
	}
	return byPair;
}

export interface RunSummary {
	succeeded: number;
	failed: number;
	/** batch/create requests sent. */
	requests: number;
	/** Requests the simulator made fail (faults, rate limits). */
	forced: number;
	/** Pairs sent more than once. */
	resent: number;
}

/**
 * What must hold after any run, whatever went wrong on the way: one output item per input
 * item, paired to it; every success exists in HubSpot; a pair is only sent again after a
 * request carrying it failed; a failed item was not applied unless HubSpot applied it and
 * then answered an error; no token or secret in anything the user sees.
 */
export function expectRunInvariants(
	sim: HubSpotSimulator,
	items: PairItem[],
	result: RunResult & { secrets: string[] },
	requests: RecordedRequest[] = sim.requests,
): RunSummary {
	const { output, errorOutput, error, secrets } = result;
	expect(error).toBeUndefined();
	expect(errorOutput).toHaveLength(0);
	expect(output).toHaveLength(items.length);

	const byPair = requestsByPair(requests);
	let succeeded = 0;
	output.forEach((item, i) => {
		expect((item.pairedItem as IPairedItemData).item).toBe(i);
		const { contactId, companyId } = items[i];
		const exists = sim.state.associationsBetween('0-1', contactId, '0-2', companyId).some((spec) => spec.associationTypeId === UNLABELED.associationTypeId);
		if (item.json.status === 'created') {
			succeeded++;
			expect(item.json).toMatchObject({ fromObjectId: contactId, toObjectId: companyId });
			expect(exists).toBe(true);
		} else {
			expect(typeof item.json.error).toBe('string');
			expect(item.json.error).toMatch(new RegExp(`^Item ${i}: `));
			const appliedThenFailed = (byPair.get(pairKey(contactId, companyId)) ?? []).some((request) => request.fault === 'applied-then-500');
			if (!appliedThenFailed) expect(exists).toBe(false);
		}
	});

	let resent = 0;
	for (const [pair, sent] of byPair) {
		// Every request for a pair but the last one must have failed in a way that forces a retry.
		const unforced = sent.slice(0, -1).filter((request) => !forcedRetry(request));
		if (unforced.length > 0) throw new Error(`pair ${pair} was sent again after HubSpot answered ${unforced.map((r) => r.status).join(', ')}`);
		if (sent.length > 1) resent++;
	}

	const shown = JSON.stringify({ output, errorOutput, error, message: error?.message, description: error?.description });
	for (const secret of secrets) expect(shown).not.toContain(secret);

	const batchRequests = requests.filter((request) => request.kind === BATCH_CREATE_KIND);
	return {
		succeeded,
		failed: items.length - succeeded,
		requests: batchRequests.length,
		forced: batchRequests.filter(forcedRetry).length,
		resent,
	};
}
