import { SEARCH_REQUESTS_PER_SECOND } from '../helpers/searchLimits';
import type { RateWindow } from './throttle';

/**
 * The window of an account's CRM searches: HubSpot allows them per second and apart from the
 * 10-second limit the other requests share, and sends no rate-limit headers with them, so their
 * throttle keeps to the documented rate and never learns from headers.
 */
export const SEARCH_WINDOW: RateWindow = { max: SEARCH_REQUESTS_PER_SECOND, intervalMs: 1_000 };
