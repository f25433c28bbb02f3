import type { AssociationRequest } from '../../helpers/interfaces';
import { knownObjectTypeId } from '../../helpers/objectTypes';
import { knownLookupMethod, lookupKey, type LookupMethod, type RecordLookup } from '../../helpers/recordLookups';
import type { Authentication, HubSpotAnswer, HubSpotClient } from '../../transport';
import { failedLookup, type ValueOutcome } from './lookupOutcomes';
import { readScopeOf } from './readScopes';

export type Side = 'from' | 'to';

/** Every distinct value of one property of one object type that the run looks up. */
export interface LookupGroup {
	/** The object type as the first item gave it, for messages. */
	objectType: string;
	pathType: string;
	property: string;
	method: LookupMethod;
	/** The values by key: one lookup per key, however many items name it. */
	values: Map<string, RecordLookup>;
	keyOf(value: string): string;
	/** The outcome of every value a failed request carried. */
	failed(answer: Extract<HubSpotAnswer, { ok: false }>): ValueOutcome;
}

/** Where an item's looked-up side finds its outcome. */
export interface SideLookup {
	group: GroupDraft;
	lookup: RecordLookup;
}

/** A group before its method is known. */
export interface GroupDraft {
	objectType: string;
	pathType: string;
	property: string;
	lookups: RecordLookup[];
	group?: LookupGroup;
}

function sideOf(request: AssociationRequest, side: Side) {
	return side === 'from'
		? { lookup: request.fromLookup, objectType: request.fromObjectType, pathType: request.fromPathType }
		: { lookup: request.toLookup, objectType: request.toObjectType, pathType: request.toPathType };
}

/** Gathers the looked-up sides of all items by object type and property. */
export function draftGroups(requests: AssociationRequest[]): { drafts: GroupDraft[]; sides: Map<AssociationRequest, Partial<Record<Side, SideLookup>>> } {
	const drafts = new Map<string, GroupDraft>();
	const sides = new Map<AssociationRequest, Partial<Record<Side, SideLookup>>>();
	for (const request of requests) {
		for (const side of ['from', 'to'] as const) {
			const { lookup, objectType, pathType } = sideOf(request, side);
			if (!lookup) continue;
			// "contacts" and "0-1" name one type: one group, so each value is looked up once.
			const key = `${knownObjectTypeId(pathType) ?? pathType}\u0000${lookup.property}`;
			let draft = drafts.get(key);
			if (!draft) drafts.set(key, (draft = { objectType, pathType, property: lookup.property, lookups: [] }));
			draft.lookups.push(lookup);
			sides.set(request, { ...sides.get(request), [side]: { group: draft, lookup } });
		}
	}
	return { drafts: [...drafts.values()], sides };
}

interface PropertyDefinition {
	name?: string;
	hasUniqueValue?: boolean;
}

/**
 * Settles how each group is looked up: contacts' email and companies' domain as HubSpot
 * documents them, other properties by asking the account which are unique (one request per
 * object type). A group whose type cannot be read, or has no such property, fails whole.
 */
export async function settleGroups(client: HubSpotClient, drafts: GroupDraft[], authentication: Authentication): Promise<Map<GroupDraft, ValueOutcome>> {
	const unsettled = new Map<GroupDraft, ValueOutcome>();
	const propertiesByType = new Map<string, Promise<HubSpotAnswer>>();
	for (const draft of drafts) {
		let method = knownLookupMethod(draft.pathType, draft.property);
		const what = `${draft.objectType} by ${draft.property}`;
		const readScope = readScopeOf(draft.pathType);
		const failed = (answer: Extract<HubSpotAnswer, { ok: false }>) => failedLookup(answer, what, readScope, authentication);
		if (!method) {
			const typeKey = knownObjectTypeId(draft.pathType) ?? draft.pathType;
			if (!propertiesByType.has(typeKey)) {
				const path = `/crm/properties/${client.settings.apiVersion}/${encodeURIComponent(draft.pathType)}`;
				propertiesByType.set(typeKey, client.request({ method: 'GET', path }));
			}
			const answer = await propertiesByType.get(typeKey)!;
			if (!answer.ok) {
				unsettled.set(draft, failed(answer));
				continue;
			}
			const listed = (answer.body as { results?: unknown } | undefined)?.results;
			// No list at all (an empty body, `null`) names no property either: "has no property" is not what HubSpot said.
			if (!Array.isArray(listed)) {
				unsettled.set(draft, { kind: 'failed', message: `HubSpot answered the properties of ${draft.objectType} with results that are not a list: whether "${draft.property}" is unique could not be read` });
				continue;
			}
			const definition = (listed as Array<PropertyDefinition | null>).find((candidate) => candidate?.name === draft.property);
			if (!definition) {
				unsettled.set(draft, { kind: 'failed', message: `${draft.objectType} have no property named "${draft.property}" (use its internal name)` });
				continue;
			}
			method = definition.hasUniqueValue === true ? 'batchRead' : 'search';
		}
		const chosen = method;
		const values = new Map<string, RecordLookup>();
		for (const lookup of draft.lookups) {
			const key = lookupKey(chosen, draft.property, lookup.value);
			if (!values.has(key)) values.set(key, lookup);
		}
		draft.group = {
			objectType: draft.objectType,
			pathType: draft.pathType,
			property: draft.property,
			method: chosen,
			values,
			keyOf: (value) => lookupKey(chosen, draft.property, value),
			failed,
		};
	}
	return unsettled;
}
