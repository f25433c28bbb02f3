import type { RecordStore } from './records';
import { propertyValue, type ObjectTypeInfo, type SimulatedProperty } from './objectTypes';

/**
 * Property values of records. Seeded values follow each property's pattern (`c<id>@example.com`);
 * tests give records other values (a domain two companies share), kept as exceptions with an
 * index by lower-cased value so finding records by value stays cheap.
 */
export class PropertyStore {
	/** `typeId property` → record id → value. */
	private readonly values = new Map<string, Map<string, string>>();
	/** `typeId property` → lower-cased value → record ids. */
	private readonly byValue = new Map<string, Map<string, Set<string>>>();

	constructor(private readonly records: RecordStore) {}

	set(type: ObjectTypeInfo, id: string, property: SimulatedProperty, value: string): void {
		const key = `${type.objectTypeId} ${property.name}`;
		const values = this.values.get(key) ?? new Map<string, string>();
		const index = this.byValue.get(key) ?? new Map<string, Set<string>>();
		this.values.set(key, values);
		this.byValue.set(key, index);
		const previous = values.get(id);
		if (previous !== undefined) index.get(previous.toLowerCase())?.delete(id);
		values.set(id, value);
		if (!index.has(value.toLowerCase())) index.set(value.toLowerCase(), new Set());
		index.get(value.toLowerCase())!.add(id);
	}

	get(type: ObjectTypeInfo, id: string, property: SimulatedProperty): string {
		return this.values.get(`${type.objectTypeId} ${property.name}`)?.get(id) ?? propertyValue(property, id);
	}

	/**
	 * Ids of existing records whose value equals `value`: exactly, or regardless of case
	 * (`ignoreCase`), ascending.
	 */
	find(type: ObjectTypeInfo, property: SimulatedProperty, value: string, ignoreCase: boolean): string[] {
		const key = `${type.objectTypeId} ${property.name}`;
		const overridden = this.values.get(key);
		const ids = new Set<string>();
		const seeded = seededId(property, value, ignoreCase);
		if (seeded !== undefined && !overridden?.has(seeded) && this.records.exists(type, seeded)) ids.add(seeded);
		for (const id of this.byValue.get(key)?.get(value.toLowerCase()) ?? []) {
			if ((ignoreCase || overridden!.get(id) === value) && this.records.exists(type, id)) ids.add(id);
		}
		return [...ids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
	}
}

/** The record id a value has in its seeded form, if it has it. */
function seededId(property: SimulatedProperty, value: string, ignoreCase: boolean): string | undefined {
	const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
	const [given, prefix, suffix] = [fold(value), fold(property.prefix), fold(property.suffix)];
	if (!given.startsWith(prefix) || !given.endsWith(suffix)) return undefined;
	const id = given.slice(prefix.length, given.length - suffix.length);
	return /^[1-9][0-9]{0,15}$/.test(id) ? id : undefined;
}
