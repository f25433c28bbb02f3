import { SEARCH_WINDOW } from './searchThrottle';
import { RequestThrottle, type Clock, type RateWindow } from './throttle';

/**
 * Executions running at the same time in one n8n process (every execution in regular mode, a
 * worker's concurrent jobs in queue mode) share one throttle per HubSpot account: they then
 * split its window exactly, instead of each guessing its share from HubSpot's headers. The
 * headers still bring in what other processes use. A clock has throttles of its own (a test's
 * virtual time is a process of its own).
 */
const processes = new WeakMap<Clock, Map<string, RequestThrottle>>();

export interface AccountKey {
	credentialType: string;
	/** The credential's id in n8n; without one, a run keeps a throttle of its own. */
	credentialId: string | undefined;
	baseUrl: string;
}

/** The association endpoints' window, or the CRM search's own (5 a second, no headers). */
export type ThrottleKind = 'associations' | 'search';

/** The account's throttles in the process of `clock`, by key: what is held and waited for can be read off them. */
export function accountThrottlesOf(clock: Clock): ReadonlyMap<string, RequestThrottle> {
	return processes.get(clock) ?? new Map();
}

/**
 * The throttle of one account and kind: the one every run in this process uses, at the lowest
 * configured rate of the runs that joined it. It is replaced only once nobody uses it (no request sent, waiting or sleeping out a
 * retry, under it) and what it sent has left the window, so a fresh one, starting from the
 * configured rate, cannot let more into HubSpot's window than one would. Runs ask for it at
 * every request rather than keeping it: a run never holds one that was replaced.
 */
export function accountThrottle(account: AccountKey, kind: ThrottleKind, configured: RateWindow, clock: Clock): RequestThrottle {
	const window = kind === 'search' ? SEARCH_WINDOW : configured;
	if (!account.credentialId) return new RequestThrottle(window, clock);
	let throttles = processes.get(clock);
	if (!throttles) processes.set(clock, (throttles = new Map()));
	// Not by rate: two workflows of one credential set to different rates share the account's window, at the lower rate.
	const key = JSON.stringify([kind, account.credentialType, account.credentialId, account.baseUrl]);
	const current = throttles.get(key);
	if (current?.inUse()) {
		current.keepTo(window);
		return current;
	}
	// Idle ones go: the map holds only throttles of accounts in use.
	for (const [other, throttle] of throttles) if (!throttle.inUse()) throttles.delete(other);
	const fresh = new RequestThrottle(window, clock);
	throttles.set(key, fresh);
	return fresh;
}
