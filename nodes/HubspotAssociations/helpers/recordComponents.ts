/**
 * The from-records of one direction, reordered so that records linked through a shared
 * to-record sit next to each other: contacts of one company, and the contacts of the companies
 * those contacts also work for. HubSpot answers concurrent writes to one record with 423
 * Locked; cut in this order, batches share a record only where a group straddles a cut (or a
 * group is larger than a batch), so batches in flight together rarely touch the same record.
 * Groups keep the order in which items first named them, and so do the records of a group.
 * `inputsOf` lists a from-record's inputs; an empty to-id (reads) links nothing.
 */
export function inRecordGroupOrder<R>(fromRecords: R[], inputsOf: (record: R) => Iterable<{ toObjectId: string }>): R[] {
	const count = fromRecords.length;
	const parent = new Int32Array(count);
	const root = (index: number): number => {
		while (parent[index] !== index) {
			parent[index] = parent[parent[index]];
			index = parent[index];
		}
		return index;
	};
	const ownerOfTo = new Map<string, number>();
	let linked = false;
	for (let index = 0; index < count; index++) {
		parent[index] = index;
		for (const { toObjectId: toId } of inputsOf(fromRecords[index])) {
			if (toId === '') continue;
			const owner = ownerOfTo.get(toId);
			if (owner === undefined) {
				ownerOfTo.set(toId, index);
				continue;
			}
			const [a, b] = [root(owner), root(index)];
			if (a === b) continue;
			// A group's root is its first record, so ordering by root keeps groups in first-named order.
			if (a < b) parent[b] = a;
			else parent[a] = b;
			linked = true;
		}
	}
	if (!linked) return fromRecords;

	// A counting sort by root: per-item work in typed arrays, no array per group.
	const roots = new Int32Array(count);
	const next = new Int32Array(count + 1);
	for (let index = 0; index < count; index++) {
		roots[index] = root(index);
		next[roots[index] + 1]++;
	}
	for (let index = 0; index < count; index++) next[index + 1] += next[index];
	const ordered = new Array<R>(count);
	for (let index = 0; index < count; index++) ordered[next[roots[index]]++] = fromRecords[index];
	return ordered;
}
