import { RequestThrottle, type Clock, type RateWindow } from './throttle';

/**
 * Executions running at the same time in one n8n process (every execution in regular mode, a
 * worker's concurrent jobs in queue mode) share one throttle per HubSpot account: they then
 * split its window exactly, instead of each guessing its share from HubSpot's headers. The
 * headers still bring in what other processes use.
 */
const throttles = new Map<string, RequestThrottle>();

/** How long after its last answer a throttle still counts as used by a run between two batches. */
const IN_USE_GRACE_MS = 1_000;

export interface AccountKey {
	credentialType: string;
	/** The credential's id in n8n; without one, a run keeps a throttle of its own. */
	credentialId: string | undefined;
	baseUrl: string;
}

/**
 * The throttle for one account at one configured rate: the one runs in this process use now, or
 * a new one (a window nobody in this process uses starts from the configured rate, as before).
 */
export function accountThrottle(account: AccountKey, configured: RateWindow, clock: Clock): RequestThrottle {
	if (!account.credentialId) return new RequestThrottle(configured, clock);
	const key = JSON.stringify([account.credentialType, account.credentialId, account.baseUrl, configured.max, configured.intervalMs]);
	const current = throttles.get(key);
	if (current?.inUse(IN_USE_GRACE_MS)) return current;
	// Idle ones go: the map holds only throttles of accounts in use.
	for (const [other, throttle] of throttles) if (!throttle.inUse(IN_USE_GRACE_MS)) throttles.delete(other);
	const fresh = new RequestThrottle(configured, clock);
	throttles.set(key, fresh);
	return fresh;
}
