import type { AssociationDefinition } from './associationDefinitions';
import { compareIds } from './records';

export interface RecordRef {
	objectTypeId: string;
	id: string;
}

/** One association type added to or removed from a pair, as HubSpot would report it to webhooks. */
export interface StoreChange {
	from: RecordRef;
	to: RecordRef;
	definition: AssociationDefinition;
	removed: boolean;
}

/**
 * Associations between records. Each associated pair is stored once with the definitions
 * (type pairs) it holds, so an association created from one side reads from the other,
 * as HubSpot creates the reverse direction implicitly. The stored definitions are those its
 * first end (by key) reads: for same-object pairs the other end reads their mirrors.
 */
export class AssociationStore {
	/** Told of every type a pair gains or loses (the webhook sender listens here). */
	onChange?: (change: StoreChange) => void;
	private readonly pairs = new Map<string, StoredPair>();
	/** record key → other object type → associated ids, for reads by one side. */
	private readonly neighbours = new Map<string, Map<string, Set<string>>>();

	/** The definitions on a pair as `from` reads them. */
	definitionsOn(from: RecordRef, to: RecordRef): ReadonlySet<AssociationDefinition> {
		const stored = this.pairs.get(pairKey(from, to))?.definitions;
		if (!stored) return new Set();
		return readsFirst(from, to) ? stored : mirrored(stored);
	}

	/** Replaces the definitions on a pair (as `from` reads them); an empty set removes the association. */
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
		const ends: [RecordRef, RecordRef] = readsFirst(from, to) ? [from, to] : [to, from];
		this.pairs.set(pairKey(from, to), { ends, definitions: readsFirst(from, to) ? next : mirrored(next) });
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
			const removed = [definition, definition.mirror].filter((each): each is AssociationDefinition => each !== undefined && pair.definitions.delete(each));
			for (const each of removed) this.onChange?.({ from: pair.ends[0], to: pair.ends[1], definition: each, removed: true });
			if (removed.length > 0 && pair.definitions.size === 0) this.drop(key);
		}
	}

	/** Returns a function that puts every pair back as it is now: a write answered without being stored. */
	snapshot(): () => void {
		const pairs = [...this.pairs].map(([key, pair]) => [key, { ends: pair.ends, definitions: new Set(pair.definitions) }] as const);
		return () => {
			this.clear();
			for (const [key, pair] of pairs) {
				this.pairs.set(key, pair);
				this.link(pair.ends[0], pair.ends[1]);
				this.link(pair.ends[1], pair.ends[0]);
			}
		};
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

/** Whether `from` is the end a stored pair's definitions are read from. */
function readsFirst(from: RecordRef, to: RecordRef): boolean {
	return recordKey(from) <= recordKey(to);
}

function mirrored(definitions: ReadonlySet<AssociationDefinition>): Set<AssociationDefinition> {
	return new Set([...definitions].map((definition) => definition.mirror ?? definition));
}

function pairKey(from: RecordRef, to: RecordRef): string {
	const [first, second] = [recordKey(from), recordKey(to)].sort();
	return `${first}|${second}`;
}
