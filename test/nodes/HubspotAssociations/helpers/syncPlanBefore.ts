/**
 * planSync as it was at 47a2098, before SyncPlanner and the allocation cuts in heldPairs/changeOf:
 * the reference syncPlanner.property.test.ts compares the planner with. Kept verbatim but for imports and exports.
 */
import { isPrimaryType, primaryHolder } from '../../../../nodes/HubspotAssociations/helpers/associationLabels';
import type { AssociatedRecord } from '../../../../nodes/HubspotAssociations/helpers/associationReads';
import { ASSOCIATION_CATEGORIES, type AssociationCategory, type AssociationSpec, type PlannedInput } from '../../../../nodes/HubspotAssociations/helpers/interfaces';

/** What a sync does to one listed pair. */
export interface PairChange {
	status: 'created' | 'updated' | 'unchanged';
	/** The types the pair held before the sync (pairs that exist). */
	typesBefore?: AssociationSpec[];
	/** The types the pair holds after the sync: the asked ones, kept primary types and HubSpot's unlabeled type. */
	types: AssociationSpec[];
	/** The types to send with batch/create (HubSpot replaces the pair's labels with them). */
	create?: AssociationSpec[];
	/** The labelled types that create should drop by replacing: removed afterwards if its answer still lists them. */
	replaced?: Array<{ spec: AssociationSpec; label: string }>;
	/** The types to remove with batch/labels/archive, for a pair that only loses types (a primary moved elsewhere leaves by itself). */
	dropLabels?: AssociationSpec[];
	/** Primary types the pair held and keeps, though the input did not ask for them. */
	keptPrimary: AssociationSpec[];
	/** Primary types the pair held that the input asks for on another pair: given up only once that pair holds them. */
	movedPrimary?: AssociationSpec[];
}

/** A pair of a from-record named in the input whose to-record no input names. */
export interface UnlistedPair {
	fromObjectId: string;
	toObjectId: string;
	types: AssociationSpec[];
}

export interface SyncPlan {
	changes: Map<PlannedInput, PairChange>;
	/** Unlisted pairs to remove with batch/archive. */
	removals: UnlistedPair[];
	/** Unlisted pairs left in place because they hold a primary type. */
	kept: UnlistedPair[];
}

type HeldType = NonNullable<AssociatedRecord['associationTypes']>[number];

const typeKey = (spec: AssociationSpec) => `${spec.associationCategory}:${spec.associationTypeId}`;
const isCategory = (value: unknown): value is AssociationCategory => (ASSOCIATION_CATEGORIES as readonly unknown[]).includes(value);

// HubSpot documents ids 1, 2, 5, 6, 25, 26; other directions may have primary types of their own, labelled "Primary".
function isPrimary(type: HeldType): boolean {
	return isPrimaryType(type) || (type.category === 'HUBSPOT_DEFINED' && /^primary\b/i.test(type.label ?? ''));
}

// Every association holds HubSpot's unlabeled type; removing it removes the association with all its labels.
function isUnlabeled(type: HeldType): boolean {
	return type.category === 'HUBSPOT_DEFINED' && !type.label && !isPrimary(type);
}

interface HeldPair {
	specs: AssociationSpec[];
	primary: Set<string>;
	unlabeled: Set<string>;
	labels: Map<string, string>;
}

/** The types each to-record holds, as batch/read reported them (pages may repeat a record). */
function heldPairs(records: AssociatedRecord[] | undefined): Map<string, HeldPair> {
	const pairs = new Map<string, HeldPair>();
	for (const record of records ?? []) {
		const toObjectId = String(record.toObjectId);
		let pair = pairs.get(toObjectId);
		if (!pair) pairs.set(toObjectId, (pair = { specs: [], primary: new Set(), unlabeled: new Set(), labels: new Map() }));
		for (const type of record.associationTypes ?? []) {
			if (!isCategory(type.category) || !Number.isSafeInteger(type.typeId)) continue;
			const spec: AssociationSpec = { associationCategory: type.category, associationTypeId: type.typeId };
			const key = typeKey(spec);
			if (pair.specs.some((held) => typeKey(held) === key)) continue;
			pair.specs.push(spec);
			if (isPrimary(type)) pair.primary.add(key);
			if (isUnlabeled(type)) pair.unlabeled.add(key);
			if (type.label) pair.labels.set(key, type.label);
		}
	}
	return pairs;
}

const without = (specs: AssociationSpec[], keys: Set<string>) => specs.filter((spec) => !keys.has(typeKey(spec)));
const keysOf = (specs: AssociationSpec[]) => new Set(specs.map(typeKey));

/**
 * The one place a primary type of a pair can be (its holder record and the type, e.g. `to:11 HUBSPOT_DEFINED:2`,
 * by `primaryHolder`'s rule): two pairs with one holder cannot both have it. Undefined for a type that is not primary.
 */
export function primaryHolderKey(fromObjectId: string, toObjectId: string, spec: AssociationSpec): string | undefined {
	if (!isPrimaryType({ category: spec.associationCategory, typeId: spec.associationTypeId })) return undefined;
	return `${primaryHolder(spec.associationTypeId) === 'to' ? `to:${toObjectId}` : `from:${fromObjectId}`} ${typeKey(spec)}`;
}

/** The primary types the run's inputs ask for, by the record that can hold each only once. */
class AskedPrimaries {
	/** Holder and type → the inputs asking for it. */
	private readonly byRecord = new Map<string, PlannedInput[]>();

	constructor(inputs: PlannedInput[]) {
		for (const input of inputs) {
			for (const spec of input.types) {
				const key = primaryHolderKey(input.fromObjectId, input.toObjectId, spec);
				if (!key) continue;
				const asking = this.byRecord.get(key);
				if (asking) asking.push(input);
				else this.byRecord.set(key, [input]);
			}
		}
	}

	/** Whether the input moves `spec` onto some pair of the record that holds it once (this pair included). */
	asks(fromObjectId: string, toObjectId: string, spec: AssociationSpec): boolean {
		const key = primaryHolderKey(fromObjectId, toObjectId, spec);
		return key !== undefined && this.byRecord.has(key);
	}

	/** The inputs other than `input` asking for `spec` on a pair of the record that holds it once. */
	movers(input: PlannedInput, spec: AssociationSpec): PlannedInput[] {
		const key = primaryHolderKey(input.fromObjectId, input.toObjectId, spec);
		return ((key && this.byRecord.get(key)) || []).filter((asking) => asking !== input);
	}
}

function changeOf(asked: AssociationSpec[], held: HeldPair | undefined, moved: (spec: AssociationSpec) => boolean): PairChange {
	if (!held) return { status: 'created', types: asked, create: asked, keptPrimary: [] };
	const askedKeys = keysOf(asked);
	// A primary the input asks for on another pair moves there: re-asserting it here would move it back.
	const primaries = held.specs.filter((spec) => held.primary.has(typeKey(spec)) && !askedKeys.has(typeKey(spec)));
	const keptPrimary = primaries.filter((spec) => !moved(spec));
	const movedPrimary = primaries.filter(moved);
	const unlabeled = held.specs.filter((spec) => held.unlabeled.has(typeKey(spec)) && !askedKeys.has(typeKey(spec)));
	const types = [...asked, ...keptPrimary, ...unlabeled];
	const additions = without(types, keysOf(held.specs));
	const drops = without(held.specs, keysOf(types));
	const base = { typesBefore: held.specs, types, keptPrimary, ...(movedPrimary.length > 0 ? { movedPrimary } : {}) };
	// A primary moved to another pair leaves this one as HubSpot moves it: removed here first (or after
	// the move failed), the record would hold none.
	const removed = without(drops, keysOf(movedPrimary));
	if (additions.length > 0) {
		const replaced = removed.flatMap((spec) => (held.labels.has(typeKey(spec)) ? [{ spec, label: held.labels.get(typeKey(spec))! }] : []));
		return { ...base, status: 'updated', create: [...asked, ...keptPrimary], ...(replaced.length > 0 ? { replaced } : {}) };
	}
	if (drops.length > 0) return { ...base, status: 'updated', ...(removed.length > 0 ? { dropLabels: removed } : {}) };
	return { ...base, status: 'unchanged' };
}

export interface SyncPlanSettings {
	removeUnlisted: boolean;
	/** From and to are one object type (company→company): a pair listed from either end is listed for both. */
	sameObjectType: boolean;
	/** Whether a pair keeps every type it holds (a failed item of its record may have asked for one): types are only added. */
	keepsTypes?(fromObjectId: string, toObjectId: string): boolean;
}

/** The asked types and the pair's other types but primary ones (which move by their own rule). */
function withHeldTypes(asked: AssociationSpec[], held: HeldPair): AssociationSpec[] {
	const askedKeys = keysOf(asked);
	return [...asked, ...held.specs.filter((spec) => !askedKeys.has(typeKey(spec)) && !held.primary.has(typeKey(spec)))];
}

/**
 * Compares the pairs the input lists (merged per pair, as Batch Create does) with the
 * associations read for their from-records: which pairs to create, which to relabel, which
 * unlisted pairs to remove and which to keep because they hold a primary type. Only
 * from-records whose read is complete are given (`current`), and only they are planned.
 */
export function planSync(inputs: PlannedInput[], current: Map<string, AssociatedRecord[]>, { removeUnlisted, sameObjectType, keepsTypes }: SyncPlanSettings): SyncPlan {
	const changes = new Map<PlannedInput, PairChange>();
	const listed = new Map<string, Set<string>>();
	const list = (fromObjectId: string, toObjectId: string) => {
		let toIds = listed.get(fromObjectId);
		if (!toIds) listed.set(fromObjectId, (toIds = new Set()));
		toIds.add(toObjectId);
	};
	const heldByFrom = new Map<string, Map<string, HeldPair>>();
	const primaries = new AskedPrimaries(inputs);
	for (const input of inputs) {
		let held = heldByFrom.get(input.fromObjectId);
		if (!held) heldByFrom.set(input.fromObjectId, (held = heldPairs(current.get(input.fromObjectId))));
		const moved = (spec: AssociationSpec) => primaries.asks(input.fromObjectId, input.toObjectId, spec);
		const pair = held.get(input.toObjectId);
		const asked = pair && keepsTypes?.(input.fromObjectId, input.toObjectId) ? withHeldTypes(input.types, pair) : input.types;
		changes.set(input, changeOf(asked, pair, moved));
		list(input.fromObjectId, input.toObjectId);
		// HubSpot reads one association from both ends: listing 1 → 2 lists 2 → 1, so neither end removes it.
		if (sameObjectType) list(input.toObjectId, input.fromObjectId);
	}

	const removals: UnlistedPair[] = [];
	const kept: UnlistedPair[] = [];
	if (removeUnlisted) {
		// Same-object: an association both of whose ends are listed records is read from each; it is one removal.
		const planned = new Set<string>();
		for (const [fromObjectId, held] of heldByFrom) {
			for (const [toObjectId, pair] of held) {
				if (listed.get(fromObjectId)!.has(toObjectId)) continue;
				if (sameObjectType && planned.has(`${toObjectId}>${fromObjectId}`)) continue;
				if (sameObjectType) planned.add(`${fromObjectId}>${toObjectId}`);
				// A primary the input moves elsewhere no longer holds the pair.
				const holdsPrimary = pair.specs.some((spec) => pair.primary.has(typeKey(spec)) && !primaries.asks(fromObjectId, toObjectId, spec));
				(holdsPrimary ? kept : removals).push({ fromObjectId, toObjectId, types: pair.specs });
			}
		}
	}
	return { changes, removals, kept };
}
