/**
 * The from-records of one direction, reordered so that records linked through a shared
 * to-record sit next to each other: contacts of one company, and the contacts of the companies
 * those contacts also work for. HubSpot answers concurrent writes to one record with 423
 * Locked; cut in this order, batches share a record only where a group straddles a cut (or a
 * group is larger than a batch), so batches in flight together rarely touch the same record.
 * Groups keep the order in which items first named them, and so do the records of a group.
 * `toIdsOf` lists a from-record's to-ids; an empty id (reads) links nothing.
 */
export function inRecordGroupOrder<R>(fromRecords: R[], toIdsOf: (record: R) => Iterable<string>): R[] {
	const parent = new Int32Array(fromRecords.length);
	const root = (index: number): number => {
		while (parent[index] !== index) {
			parent[index] = parent[parent[index]];
			index = parent[index];
		}
		return index;
	};
	const ownerOfTo = new Map<string, number>();
	let linked = false;
	fromRecords.forEach((record, index) => {
		parent[index] = index;
		for (const toId of toIdsOf(record)) {
			if (toId === '') continue;
			const owner = ownerOfTo.get(toId);
			if (owner === undefined) {
				ownerOfTo.set(toId, index);
				continue;
			}
			const [a, b] = [root(owner), root(index)];
			if (a === b) continue;
			// The group keeps its earliest record as root, so groups keep first-named order.
			if (a < b) parent[b] = a;
			else parent[a] = b;
			linked = true;
		}
	});
	if (!linked) return fromRecords;

	const groups = new Map<number, R[]>();
	fromRecords.forEach((record, index) => {
		const group = root(index);
		const members = groups.get(group);
		if (members) members.push(record);
		else groups.set(group, [record]);
	});
	return [...groups.values()].flat();
}
