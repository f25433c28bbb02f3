import type { IDataObject } from 'n8n-workflow';

/** HubSpot retries a delivery for up to 24 hours: a change is remembered that long. */
export const REMEMBER_MS = 24 * 60 * 60_000;
/** Enough for a busy day of links without letting the workflow's static data grow without end. */
export const MAX_REMEMBERED = 20_000;
/**
 * How far apart in `occurredAt` two reports of one change may be (one from each record). Reports of the
 * same link further apart are separate changes: a link removed and made again is emitted again.
 */
export const ECHO_WINDOW_MS = 1_000;

/** For each exact change (link, type, kind): when it was last emitted, and the `occurredAt` of each time; oldest first. */
export type EmittedLog = Record<string, { emittedAt: number; occurredAt: number[] }>;

/** The log kept in the node's static data (saved with each execution, so it survives a restart). */
export function emittedLog(staticData: IDataObject): EmittedLog {
	const log = staticData.emittedChanges;
	if (log !== null && typeof log === 'object' && !Array.isArray(log)) return log as EmittedLog;
	const fresh: EmittedLog = {};
	staticData.emittedChanges = fresh;
	return fresh;
}

const isEntry = (entry: unknown): entry is EmittedLog[string] =>
	entry !== null && typeof entry === 'object' && typeof (entry as EmittedLog[string]).emittedAt === 'number' && Array.isArray((entry as EmittedLog[string]).occurredAt);

/** Forgets what was emitted more than a day ago (HubSpot has stopped retrying it), then the oldest beyond the bound. */
export function prune(log: EmittedLog, now: number, max = MAX_REMEMBERED): void {
	const keys = Object.keys(log);
	let excess = keys.length - max;
	for (const key of keys) {
		if (!isEntry(log[key]) || now - log[key].emittedAt > REMEMBER_MS || excess > 0) {
			delete log[key];
			excess--;
		}
	}
}

export const sameMoment = (a: number, b: number) => Math.abs(a - b) <= ECHO_WINDOW_MS;

/** The key of the same link's opposite change (keys read `<portalId> <added|removed> …`). */
export function oppositeKey(key: string): string {
	return key.replace(/^(\S+ )(added|removed) /, (_match, portal: string, kind: string) => `${portal}${kind === 'added' ? 'removed' : 'added'} `);
}

/** Whether the link changed the other way between two reports: linked, unlinked and linked again within the window is two links. */
export const undoneBetween = (opposite: readonly number[], a: number, b: number) => opposite.some((at) => at > Math.min(a, b) && at < Math.max(a, b));

const timesOf = (log: EmittedLog, key: string): number[] => (isEntry(log[key]) ? log[key].occurredAt : []);

function seen(log: EmittedLog, key: string, occurredAt: number, delivered: ReadonlyMap<string, number[]>): boolean {
	const opposite = oppositeKey(key);
	const undone = [...timesOf(log, opposite), ...(delivered.get(opposite) ?? [])];
	return timesOf(log, key).some((at) => sameMoment(at, occurredAt) && !undoneBetween(undone, at, occurredAt));
}

/**
 * The changes not emitted yet, remembered at once in every log given (the one in static data, and the
 * process's own: concurrent deliveries do not wait for each other's save). A change is new when any
 * one of its exact keys is.
 */
export function admitNew<T extends { keys: string[]; occurredAt: number }>(changes: readonly T[], logs: readonly EmittedLog[], now: number): T[] {
	for (const log of logs) prune(log, now);
	// The delivery's own changes count too: its removal of a link tells a re-made link from an echo of the first.
	const delivered = new Map<string, number[]>();
	for (const change of changes) for (const key of change.keys) delivered.set(key, [...(delivered.get(key) ?? []), change.occurredAt]);
	const admitted = changes.filter((change) => change.keys.some((key) => !logs.some((log) => seen(log, key, change.occurredAt, delivered))));
	for (const change of admitted) {
		for (const key of change.keys) {
			for (const log of logs) {
				// Kept short: the same link made and removed over and over keeps only its latest times.
				const times = isEntry(log[key]) ? log[key].occurredAt.slice(-9) : [];
				delete log[key];
				log[key] = { emittedAt: now, occurredAt: [...times, change.occurredAt] };
			}
		}
	}
	for (const log of logs) prune(log, now, MAX_REMEMBERED);
	return admitted;
}

/**
 * Copies into the log saved with this execution what the process's log holds and it lacks. n8n saves each
 * execution's own copy of the static data, the last one over the others: the copy of a delivery handled
 * beside others then keeps their changes too.
 */
export function rememberAlso(into: EmittedLog, from: EmittedLog, now: number): void {
	for (const [key, entry] of Object.entries(from)) {
		if (isEntry(entry) && !(isEntry(into[key]) && into[key].emittedAt >= entry.emittedAt)) into[key] = { emittedAt: entry.emittedAt, occurredAt: [...entry.occurredAt] };
	}
	prune(into, now);
}
