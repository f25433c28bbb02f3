import { OBJECT_TYPES, type ObjectTypeInfo } from './objectTypes';

/**
 * Which record ids exist. Seeded ids are a range checked arithmetically, so a portal with
 * 100,000 contacts costs nothing; records added or removed by tests are kept as exceptions.
 */
export class RecordStore {
	private readonly added = new Map<string, Set<string>>();
	private readonly removed = new Map<string, Set<string>>();

	constructor() {
		for (const type of OBJECT_TYPES) {
			this.added.set(type.objectTypeId, new Set());
			this.removed.set(type.objectTypeId, new Set());
		}
	}

	exists(type: ObjectTypeInfo, id: string): boolean {
		if (this.removed.get(type.objectTypeId)!.has(id)) return false;
		return isSeeded(type, id) || this.added.get(type.objectTypeId)!.has(id);
	}

	add(type: ObjectTypeInfo, id: string): void {
		this.removed.get(type.objectTypeId)!.delete(id);
		if (!isSeeded(type, id)) this.added.get(type.objectTypeId)!.add(id);
	}

	remove(type: ObjectTypeInfo, id: string): void {
		this.added.get(type.objectTypeId)!.delete(id);
		if (isSeeded(type, id)) this.removed.get(type.objectTypeId)!.add(id);
	}

	/** All existing ids of a type in ascending numeric order. */
	list(type: ObjectTypeInfo): string[] {
		const { first, last } = type.seededIds;
		const removed = this.removed.get(type.objectTypeId)!;
		const ids: string[] = [];
		for (let n = first; n <= last; n++) {
			const id = String(n);
			if (!removed.has(id)) ids.push(id);
		}
		ids.push(...this.added.get(type.objectTypeId)!);
		return ids.sort(compareIds);
	}
}

function isSeeded(type: ObjectTypeInfo, id: string): boolean {
	if (!/^[1-9][0-9]{0,15}$/.test(id)) return false;
	const n = Number(id);
	return n >= type.seededIds.first && n <= type.seededIds.last;
}

/** Record ids are decimal strings; compare them as numbers without losing precision. */
export function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
