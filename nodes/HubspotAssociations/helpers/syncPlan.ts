import { isPrimaryType, primaryHolder } from './associationLabels';
import type { AssociatedRecord } from './associationReads';
import { pairKey } from './planning';
import { ASSOCIATION_CATEGORIES, type AssociationCategory, type AssociationSpec, type PlannedBatch, type PlannedInput } from './interfaces';

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

/** The types a pair holds, in the order batch/read reported them; the other lists say what each is, by `typeKey`. */
interface HeldPair {
	specs: AssociationSpec[];
	keys: string[];
	primary: string[];
	unlabeled: string[];
	/** The label of each of `specs` that has one. */
	labels: Array<string | undefined>;
}

/** The types each to-record holds, as batch/read reported them (pages may repeat a record). */
function heldPairs(records: AssociatedRecord[] | undefined): Map<string, HeldPair> {
	const pairs = new Map<string, HeldPair>();
	for (const record of records ?? []) {
		const toObjectId = String(record.toObjectId);
		let pair = pairs.get(toObjectId);
		if (!pair) pairs.set(toObjectId, (pair = { specs: [], keys: [], primary: [], unlabeled: [], labels: [] }));
		for (const type of record.associationTypes ?? []) {
			if (!isCategory(type.category) || !Number.isSafeInteger(type.typeId)) continue;
			const spec: AssociationSpec = { associationCategory: type.category, associationTypeId: type.typeId };
			const key = typeKey(spec);
			if (pair.keys.includes(key)) continue;
			pair.specs.push(spec);
			pair.keys.push(key);
			pair.labels.push(type.label || undefined);
			if (isPrimary(type)) pair.primary.push(key);
			else if (isUnlabeled(type)) pair.unlabeled.push(key);
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
	// The held types the input does not ask for: HubSpot's unlabeled type stays, a primary stays unless
	// the input asks for it on another pair (re-asserting it here would move it back), the rest go.
	const keptPrimary: AssociationSpec[] = [];
	const movedPrimary: AssociationSpec[] = [];
	const unlabeled: AssociationSpec[] = [];
	// A primary moved to another pair leaves this one as HubSpot moves it: removed here first (or after
	// the move failed), the record would hold none.
	const removed: AssociationSpec[] = [];
	held.specs.forEach((spec, index) => {
		const key = held.keys[index];
		if (askedKeys.has(key)) return;
		if (held.unlabeled.includes(key)) unlabeled.push(spec);
		else if (!held.primary.includes(key)) removed.push(spec);
		else if (moved(spec)) movedPrimary.push(spec);
		else keptPrimary.push(spec);
	});
	const types = [...asked, ...keptPrimary, ...unlabeled];
	const base = { typesBefore: held.specs, types, keptPrimary, ...(movedPrimary.length > 0 ? { movedPrimary } : {}) };
	// Kept primary and unlabeled types are held already: only an asked one can be missing.
	if ([...askedKeys].some((key) => !held.keys.includes(key))) {
		const replaced = removed.flatMap((spec) => {
			const label = held.labels[held.specs.indexOf(spec)];
			return label !== undefined ? [{ spec, label }] : [];
		});
		return { ...base, status: 'updated', create: [...asked, ...keptPrimary], ...(replaced.length > 0 ? { replaced } : {}) };
	}
	if (removed.length > 0 || movedPrimary.length > 0) return { ...base, status: 'updated', ...(removed.length > 0 ? { dropLabels: removed } : {}) };
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
	return [...asked, ...held.specs.filter((_, index) => !askedKeys.has(held.keys[index]) && !held.primary.includes(held.keys[index]))];
}

/**
 * Compares the pairs the input lists (merged per pair, as Batch Create does) with the
 * associations read for their from-records: which pairs to create, which to relabel, which
 * unlisted pairs to remove and which to keep because they hold a primary type. Only
 * from-records whose read is complete are given (`current`), and only they are planned.
 */
export function planSync(inputs: PlannedInput[], current: Map<string, AssociatedRecord[]>, settings: SyncPlanSettings): SyncPlan {
	const planner = new SyncPlanner(inputs, settings);
	for (const fromObjectId of planner.records()) planner.addRecord(fromObjectId, current.get(fromObjectId));
	return planner.plan();
}

/**
 * `planSync` record by record: a from-record's pairs are planned once its read is complete
 * (`addRecord`), whatever the order, while other reads are still on their way; `plan` then gives
 * what `planSync` gives. A pair's change depends on its own record's associations, and on the
 * inputs and settings only, so each record can be planned alone.
 */
export class SyncPlanner {
	private readonly changes = new Map<PlannedInput, PairChange>();
	/** The pairs the input lists (`pairKey`). */
	private readonly listed = new Set<string>();
	/** Each from-record's inputs, records in the order of their first input. */
	private readonly byRecord = new Map<string, PlannedInput[]>();
	/** The pairs of each from-record planned so far that the input does not list, by to-record. */
	private readonly unlistedByFrom = new Map<string, Array<[string, HeldPair]>>();
	private readonly primaries: AskedPrimaries;

	constructor(
		private readonly inputs: PlannedInput[],
		private readonly settings: SyncPlanSettings,
	) {
		this.primaries = new AskedPrimaries(inputs);
		for (const input of inputs) {
			const { fromObjectId, toObjectId } = input;
			const ofRecord = this.byRecord.get(fromObjectId);
			if (ofRecord) ofRecord.push(input);
			else this.byRecord.set(fromObjectId, [input]);
			this.listed.add(pairKey(fromObjectId, toObjectId));
			// HubSpot reads one association from both ends: listing 1 → 2 lists 2 → 1, so neither end removes it.
			if (settings.sameObjectType) this.listed.add(pairKey(toObjectId, fromObjectId));
		}
	}

	/** The from-records the inputs name, in the order of their first input. */
	records(): IterableIterator<string> {
		return this.byRecord.keys();
	}

	/** Plans the pairs of a from-record from its associations, read completely; a record planned already is left as it is. */
	addRecord(fromObjectId: string, associations: AssociatedRecord[] | undefined): void {
		const inputs = this.byRecord.get(fromObjectId);
		if (!inputs || this.unlistedByFrom.has(fromObjectId)) return;
		const held = heldPairs(associations);
		this.unlistedByFrom.set(fromObjectId, [...held].filter(([toObjectId]) => !this.listed.has(pairKey(fromObjectId, toObjectId))));
		const { keepsTypes } = this.settings;
		for (const input of inputs) {
			const { toObjectId } = input;
			const moved = (spec: AssociationSpec) => this.primaries.asks(fromObjectId, toObjectId, spec);
			const pair = held.get(toObjectId);
			const asked = pair && keepsTypes?.(fromObjectId, toObjectId) ? withHeldTypes(input.types, pair) : input.types;
			this.changes.set(input, changeOf(asked, pair, moved));
		}
	}

	/** The plan, once every from-record was added. */
	plan(): SyncPlan {
		const changes = new Map(this.inputs.map((input) => [input, this.changes.get(input)!]));
		const removals: UnlistedPair[] = [];
		const kept: UnlistedPair[] = [];
		if (!this.settings.removeUnlisted) return { changes, removals, kept };
		const { sameObjectType } = this.settings;
		// Same-object: an association both of whose ends are listed records is read from each; it is one removal.
		const planned = new Set<string>();
		for (const fromObjectId of this.byRecord.keys()) {
			for (const [toObjectId, pair] of this.unlistedByFrom.get(fromObjectId)!) {
				if (sameObjectType && planned.has(`${toObjectId}>${fromObjectId}`)) continue;
				if (sameObjectType) planned.add(`${fromObjectId}>${toObjectId}`);
				// A primary the input moves elsewhere no longer holds the pair.
				const holdsPrimary = pair.specs.some((spec, index) => pair.primary.includes(pair.keys[index]) && !this.primaries.asks(fromObjectId, toObjectId, spec));
				(holdsPrimary ? kept : removals).push({ fromObjectId, toObjectId, types: pair.specs });
			}
		}
		return { changes, removals, kept };
	}
}

/**
 * The change of a pair that keeps `specs`, primary types it was to give up to another pair whose
 * write failed: they are asserted again (a create replaces labels), never removed.
 */
export function keepingPrimaries(change: PairChange, specs: AssociationSpec[]): PairChange {
	const keys = keysOf(specs);
	const movedPrimary = without(change.movedPrimary ?? [], keys);
	const next: PairChange = { ...change, types: [...change.types, ...specs], keptPrimary: [...change.keptPrimary, ...specs] };
	if (movedPrimary.length > 0) next.movedPrimary = movedPrimary;
	else delete next.movedPrimary;
	// A moved primary is never in `replaced` or `dropLabels` (see changeOf): only the create asserts it.
	if (change.create) next.create = [...change.create, ...specs];
	if (!next.create && !next.dropLabels) next.status = 'unchanged';
	return next;
}

/**
 * Inputs asking for a primary type on different pairs of the record that holds it once (a contact's
 * primary company on two companies): no write can make both true, the later one moves it off the
 * earlier, so a sync refuses each of them with the reason.
 */
export function conflictingPrimaries(inputs: PlannedInput[]): Map<PlannedInput, string> {
	const asked = new AskedPrimaries(inputs);
	const conflicts = new Map<PlannedInput, string>();
	for (const input of inputs) {
		for (const spec of input.types) {
			const others = asked.movers(input, spec).flatMap((other) => other.itemIndexes);
			if (others.length === 0) continue;
			const items = [...new Set(others)].sort((a, b) => a - b);
			conflicts.set(
				input,
				`asks for the primary type ${typeKey(spec)}, which a record holds on one pair only, and item${items.length === 1 ? '' : 's'} ${items.join(', ')} ask${items.length === 1 ? 's' : ''} for it on another pair of the same record: list it on one pair. Nothing was written for this pair`,
			);
		}
	}
	return conflicts;
}

/** Cuts one direction's inputs into batches of at most `size`, in order. */
export function inBatches(direction: Pick<PlannedBatch, 'fromPathType' | 'toPathType'>, inputs: PlannedInput[], size: number): PlannedBatch[] {
	const batches: PlannedBatch[] = [];
	for (let start = 0; start < inputs.length; start += size) {
		batches.push({ fromPathType: direction.fromPathType, toPathType: direction.toPathType, inputs: inputs.slice(start, start + size) });
	}
	return batches;
}

/**
 * The types a batch/create answer shows the pair still holds though the create should have
 * replaced them (HubSpot says it "can" drop them): they need batch/labels/archive.
 */
export function typesCreateKept(change: PairChange, labelsAfterCreate: string[]): AssociationSpec[] {
	const after = new Set(labelsAfterCreate);
	return (change.replaced ?? []).filter(({ label }) => after.has(label)).map(({ spec }) => spec);
}

const firstItem = (input: PlannedInput) => Math.min(...input.itemIndexes);

/** Each from-record's input with the earliest item: that item reports the record's unlisted pairs. */
export function firstInputOfEachRecord(inputs: PlannedInput[]): Map<string, PlannedInput> {
	const first = new Map<string, PlannedInput>();
	for (const input of inputs) {
		const current = first.get(input.fromObjectId);
		if (!current || firstItem(input) < firstItem(current)) first.set(input.fromObjectId, input);
	}
	return first;
}
