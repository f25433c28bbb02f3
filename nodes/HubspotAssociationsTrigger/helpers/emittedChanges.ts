import type { IDataObject } from 'n8n-workflow';

/** HubSpot retries a delivery for up to 24 hours: a change is remembered that long. */
export const REMEMBER_MS = 24 * 60 * 60_000;
/** Enough for a busy day of links without letting the workflow's static data grow without end. */
export const MAX_REMEMBERED = 20_000;

/** Keys of emitted changes and when they were emitted, oldest first. */
export type EmittedLog = Record<string, number>;

/** The log kept in the node's static data (saved with each execution, so it survives a restart). */
export function emittedLog(staticData: IDataObject): EmittedLog {
	const log = staticData.emittedChanges;
	if (log !== null && typeof log === 'object' && !Array.isArray(log)) return log as EmittedLog;
	const fresh: EmittedLog = {};
	staticData.emittedChanges = fresh;
	return fresh;
}

/** Forgets what is older than a day, then the oldest beyond the bound. */
export function prune(log: EmittedLog, now: number, max = MAX_REMEMBERED): void {
	const keys = Object.keys(log);
	let excess = keys.length - max;
	for (const key of keys) {
		const at = log[key];
		if (typeof at !== 'number' || now - at > REMEMBER_MS || excess > 0) {
			delete log[key];
			excess--;
		}
	}
}

/**
 * The changes not emitted in the last day, remembered at once in every log given (the one in
 * static data, and the process's own: concurrent deliveries do not wait for each other's save).
 * A change is new when any one of its exact keys is.
 */
export function admitNew<T extends { keys: string[] }>(changes: readonly T[], logs: readonly EmittedLog[], now: number): T[] {
	const seen = (key: string) => logs.some((log) => typeof log[key] === 'number' && now - log[key] <= REMEMBER_MS);
	const admitted = changes.filter((change) => change.keys.some((key) => !seen(key)));
	for (const change of admitted) {
		for (const key of change.keys) {
			for (const log of logs) {
				delete log[key];
				log[key] = now;
			}
		}
	}
	for (const log of logs) prune(log, now);
	return admitted;
}
