import { SEARCH_REQUESTS_PER_SECOND } from '../helpers/searchLimits';
import { RequestThrottle, type Clock } from './throttle';

/**
 * The pace of a run's CRM searches: HubSpot allows them per second and apart from the
 * 10-second limit the other requests share, and sends no rate-limit headers with them, so this
 * throttle keeps to the documented rate and never learns from headers.
 */
export function searchThrottle(clock: Clock): RequestThrottle {
	return new RequestThrottle({ max: SEARCH_REQUESTS_PER_SECOND, intervalMs: 1_000 }, clock);
}
