import type { AssociationDefinition } from './associationDefinitions';
import { compareIds } from './records';

export interface RecordRef {
	objectTypeId: string;
	id: string;
}

/**
 * Associations between records. Each associated pair is stored once with the definitions
 * (type pairs) it holds, so an association created from one side reads from the other,
 * as HubSpot creates the reverse direction implicitly.
 */
/** One association type added to or removed from a pair, as HubSpot would report it to webhooks. */
export interface StoreChange {
	from: RecordRef;
	to: RecordRef;
	definition: AssociationDefinition;
	removed: boolean;
}

export class AssociationStore {
	/** Told of every type a pair gains or loses (the webhook sender listens here). */
	onChange?: (change: StoreChange) => void;
	private readonly pairs = new Map<string, StoredPair>();
	/** record key → other object type → associated ids, for reads by one side. */
	private readonly neighbours = new Map<string, Map<string, Set<string>>>();

	definitionsOn(from: RecordRef, to: RecordRef): ReadonlySet<AssociationDefinition> {
		return this.pairs.get(pairKey(from, to))?.definitions ?? new Set();
	}

	/** Replaces the definitions on a pair; an empty set removes the association. */
	set(from: RecordRef, to: RecordRef, definitions: Iterable<AssociationDefinition>): void {
		const next = new Set(definitions);
		if (this.onChange) {
			const before = this.definitionsOn(from, to);
			for (const definition of before) if (!next.has(definition)) this.onChange({ from, to, definition, removed: true });
			for (const definition of next) if (!before.has(definition)) this.onChange({ from, to, definition, removed: false });
		}
		if (next.size === 0) {
			this.drop(pairKey(from, to));
			return;
		}
		for (const definition of next) if (definition.onePerA) this.releasePrimary(definition, from, to);
		this.pairs.set(pairKey(from, to), { ends: [from, to], definitions: next });
		this.link(from, to);
		this.link(to, from);
	}

	/** Ids of `toObjectTypeId` records associated with `from`, ascending. */
	associatedIds(from: RecordRef, toObjectTypeId: string): string[] {
		const ids = this.neighbours.get(recordKey(from))?.get(toObjectTypeId);
		return ids ? [...ids].sort(compareIds) : [];
	}

	/** Drops a definition (a deleted label) from every pair holding it. */
	removeDefinitionEverywhere(definition: AssociationDefinition): void {
		for (const [key, pair] of this.pairs) {
			if (!pair.definitions.delete(definition)) continue;
			this.onChange?.({ from: pair.ends[0], to: pair.ends[1], definition, removed: true });
			if (pair.definitions.size === 0) this.drop(key);
		}
	}

	get size(): number {
		return this.pairs.size;
	}

	clear(): void {
		this.pairs.clear();
		this.neighbours.clear();
	}

	/** A primary type may link each `a` record to one `b` record only: setting it elsewhere moves it. */
	private releasePrimary(definition: AssociationDefinition, from: RecordRef, to: RecordRef): void {
		const holder = from.objectTypeId === definition.a ? from : to;
		const current = holder === from ? to : from;
		for (const otherId of this.associatedIds(holder, definition.b)) {
			if (otherId === current.id) continue;
			const other = { objectTypeId: definition.b, id: otherId };
			const key = pairKey(holder, other);
			const pair = this.pairs.get(key);
			if (!pair?.definitions.delete(definition)) continue;
			this.onChange?.({ from: holder, to: other, definition, removed: true });
			if (pair.definitions.size === 0) this.drop(key);
		}
	}

	private drop(key: string): void {
		const pair = this.pairs.get(key);
		if (!pair) return;
		this.pairs.delete(key);
		const [one, other] = pair.ends;
		this.unlink(one, other);
		this.unlink(other, one);
	}

	private link(from: RecordRef, to: RecordRef): void {
		const key = recordKey(from);
		let byType = this.neighbours.get(key);
		if (!byType) this.neighbours.set(key, (byType = new Map()));
		let ids = byType.get(to.objectTypeId);
		if (!ids) byType.set(to.objectTypeId, (ids = new Set()));
		ids.add(to.id);
	}

	private unlink(from: RecordRef, to: RecordRef): void {
		this.neighbours.get(recordKey(from))?.get(to.objectTypeId)?.delete(to.id);
	}
}

interface StoredPair {
	ends: [RecordRef, RecordRef];
	definitions: Set<AssociationDefinition>;
}

function recordKey(record: RecordRef): string {
	return `${record.objectTypeId}:${record.id}`;
}

function pairKey(from: RecordRef, to: RecordRef): string {
	const [first, second] = [recordKey(from), recordKey(to)].sort();
	return `${first}|${second}`;
}
