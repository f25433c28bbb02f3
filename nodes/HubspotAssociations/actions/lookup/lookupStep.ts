import { runsAsTool } from '../asTool';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import type { AssociationRequest } from '../../helpers/interfaces';
import { ambiguousMessage, notFoundMessage, type RecordLookup } from '../../helpers/recordLookups';
import { authenticationOf, type HubSpotClient } from '../../transport';
import { hubspotError } from '../batchErrors';
import type { ItemFailure } from '../outputItems';
import { draftGroups, settleGroups, type LookupGroup, type Side, type SideLookup } from './lookupGroups';
import type { LookupConcurrency, ValueOutcome } from './lookupOutcomes';
import { searchByProperty } from './searchLookups';
import { readByUniqueProperty } from './uniqueLookups';

/**
 * The lookup step of the batch runner, between validation and planning: the records items name
 * by a property (email, domain, a unique property) get their ids, each distinct value looked up
 * once. An item whose lookup fails joins `failures`; without continue-on-fail the node stops on
 * the first such item before any write. Returns the requests that can go on, ids filled in.
 */
export async function lookUpRecords(
	context: IExecuteFunctions,
	client: HubSpotClient,
	requests: AssociationRequest[],
	{ failures, concurrency }: { failures: Map<number, ItemFailure>; concurrency: LookupConcurrency },
): Promise<AssociationRequest[]> {
	const { drafts, sides } = draftGroups(requests);
	if (drafts.length === 0) return requests;

	const unsettled = await settleGroups(client, drafts, authenticationOf(context));
	const outcomes = new Map<LookupGroup, Map<string, ValueOutcome>>();
	// Unique reads and searches count against different limits: both kinds run at once.
	await Promise.all(
		drafts.flatMap(({ group }) =>
			group
				? [
						// Under `auto`, unique reads follow the adaptive limit (they count against the window it
						// follows); searches keep to their own 5 per second, one at a time.
						(group.method === 'batchRead'
							? readByUniqueProperty(client, group, concurrency)
							: searchByProperty(client, group, typeof concurrency === 'number' ? concurrency : 1)
						).then((found) => {
							outcomes.set(group, found);
						}),
					]
				: [],
		),
	);
	const outcomeOf = ({ group: draft, lookup }: SideLookup): ValueOutcome =>
		unsettled.get(draft) ?? outcomes.get(draft.group!)?.get(draft.group!.keyOf(lookup.value)) ?? { kind: 'notFound' };

	// As a tool, a failed lookup is that item's answer, as every other failure (the runner's rule).
	const continueOnFail = context.continueOnFail() || runsAsTool(context);
	const node = context.getNode();
	const resolved: AssociationRequest[] = [];
	for (const request of requests) {
		const looked = sides.get(request);
		if (!looked) {
			resolved.push(request);
			continue;
		}
		const settled: Partial<Record<Side, ValueOutcome>> = {};
		for (const side of ['from', 'to'] as const) if (looked[side]) settled[side] = outcomeOf(looked[side]);
		const problems = (['from', 'to'] as const).flatMap((side) => {
			const outcome = settled[side];
			return outcome && outcome.kind !== 'found' ? [{ outcome, message: describe(looked[side]!, outcome) }] : [];
		});
		if (problems.length === 0) {
			resolved.push({
				...request,
				...(settled.from?.kind === 'found' ? { fromObjectId: settled.from.id } : {}),
				...(settled.to?.kind === 'found' ? { toObjectId: settled.to.id } : {}),
			});
			continue;
		}
		const message = `Item ${request.itemIndex}: ${problems.map((problem) => problem.message).join('; ')}`;
		const failed = problems.find((problem) => problem.outcome.kind === 'failed')?.outcome as Extract<ValueOutcome, { kind: 'failed' }> | undefined;
		if (!continueOnFail) {
			if (failed) throw hubspotError(node, { message, hubspot: failed.hubspot, statusCode: failed.statusCode, itemIndex: request.itemIndex });
			throw new NodeOperationError(node, message, {
				itemIndex: request.itemIndex,
				description: 'The node never guesses: fix the value, or identify the record by its ID or by a property no other record shares. Nothing was written.',
			});
		}
		failures.set(request.itemIndex, {
			message,
			fromObjectId: shownValue(request.fromLookup) ?? request.fromObjectId,
			toObjectId: shownValue(request.toLookup) ?? request.toObjectId,
			...(failed?.hubspot ? { hubspot: failed.hubspot } : {}),
			...(!request.fromLookup ? { fromRecordId: request.fromObjectId } : settled.from?.kind === 'found' ? { fromRecordId: settled.from.id } : {}),
		});
	}
	return resolved;
}

function shownValue(lookup: RecordLookup | undefined): string | undefined {
	return lookup && (lookup.given ?? lookup.value);
}

function describe({ group, lookup }: SideLookup, outcome: Exclude<ValueOutcome, { kind: 'found' }>): string {
	switch (outcome.kind) {
		case 'notFound':
			return notFoundMessage(group.objectType, group.pathType, lookup);
		case 'ambiguous':
			return ambiguousMessage(group.objectType, group.pathType, lookup, outcome.ids, outcome.total);
		case 'failed':
			return outcome.message;
	}
}
