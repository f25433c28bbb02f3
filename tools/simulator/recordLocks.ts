import { resolveObjectType } from './objectTypes';

/**
 * HubSpot answers a write that touches a record another write is still changing with 423 Locked
 * (the lock lasts about 2 s). Opt-in model (`faults.lockConcurrentWrites(true)`): while a write is
 * handled, its delay from a `slow` fault included, the records it names are held; a write that
 * names one of them meanwhile is refused whole, nothing of it applied. Both records of a pair are
 * held: an association is stored on both (it reads back from either side, and the default
 * endpoint answers both directions), so writing it changes both.
 */

/** What `sim.requests` (`fault`) and `stats().faultsInjected` call a write refused on a held record. */
export const LOCKED_RECORD = 'locked-record';

/** The association writes, by route kind; reads, label definitions and lookups take no lock. */
const WRITE_KINDS = new Set([
	'associations/batch/create',
	'associations/batch/associate/default',
	'associations/batch/archive',
	'associations/batch/labels/archive',
]);

function idOf(value: unknown): string | undefined {
	const id = (value as { id?: unknown } | null | undefined)?.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * `objectTypeId:id` of every record a write names, from its path and body; empty for anything
 * else, or a body the route will reject anyway (400, nothing applied).
 */
export function recordsWritten(kind: string, path: string, body: unknown): string[] {
	if (!WRITE_KINDS.has(kind)) return [];
	const [, fromName, toName] = /^\/crm\/associations\/[^/]+\/([^/]+)\/([^/]+)\//.exec(path) ?? [];
	const fromType = fromName && resolveObjectType(decodeURIComponent(fromName));
	const toType = toName && resolveObjectType(decodeURIComponent(toName));
	const inputs = (body as { inputs?: unknown } | undefined)?.inputs;
	if (!fromType || !toType || !Array.isArray(inputs)) return [];
	const records = new Set<string>();
	for (const input of inputs as Array<{ from?: unknown; to?: unknown }>) {
		const fromId = idOf(input?.from);
		if (fromId !== undefined) records.add(`${fromType.objectTypeId}:${fromId}`);
		for (const to of Array.isArray(input?.to) ? input.to : [input?.to]) {
			const toId = idOf(to);
			if (toId !== undefined) records.add(`${toType.objectTypeId}:${toId}`);
		}
	}
	return [...records];
}

export class RecordLocks {
	enabled = false;
	private readonly held = new Set<string>();

	/** Holds `records` and returns their release, or undefined when one is held already (nothing is taken then). */
	tryHold(records: string[]): (() => void) | undefined {
		if (records.some((record) => this.held.has(record))) return undefined;
		for (const record of records) this.held.add(record);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			for (const record of records) this.held.delete(record);
		};
	}

	clear(): void {
		this.enabled = false;
		this.held.clear();
	}
}
