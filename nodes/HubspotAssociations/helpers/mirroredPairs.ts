import type { WaitingBatch } from './interfaces';
import { knownObjectTypeId } from './objectTypes';
import { pairKey } from './planning';

/**
 * Moves the mirror of a pair (contact 30000 → company 101 beside contact 101 → company 30000)
 * into a batch of its own, after the one it came from. HubSpot answers a default association in
 * both directions and names no object type, so only a batch without mirrors lets each result
 * say which pair it is; mirrors are rare, so this seldom costs a request.
 */
export function keepMirrorsApart(batches: WaitingBatch[]): WaitingBatch[] {
	const apart: WaitingBatch[] = [];
	for (const batch of batches) {
		apart.push(batch);
		if ((knownObjectTypeId(batch.fromPathType) ?? batch.fromPathType) === (knownObjectTypeId(batch.toPathType) ?? batch.toPathType)) continue;
		const indexOf = new Map(batch.fromObjectIds.map((fromObjectId, at) => [pairKey(fromObjectId, batch.toObjectIds[at]), at]));
		// Of a pair and its mirror the first stays: the later one moves.
		const moves = batch.fromObjectIds.map((fromObjectId, at) => {
			const mirror = indexOf.get(pairKey(batch.toObjectIds[at], fromObjectId));
			return mirror !== undefined && mirror < at;
		});
		if (!moves.includes(true)) continue;
		const split = (keep: boolean): WaitingBatch => {
			const pick = <T>(column: T[]) => column.filter((_, at) => moves[at] !== keep);
			return { ...batch, fromObjectIds: pick(batch.fromObjectIds), toObjectIds: pick(batch.toObjectIds), types: pick(batch.types), items: pick(batch.items) };
		};
		apart[apart.length - 1] = split(true);
		apart.push(split(false));
	}
	return apart;
}
