import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InvalidInputError, showValue } from '../helpers/validation';
import { API_VERSIONS, DEFAULT_CLIENT_SETTINGS, type ApiVersion, type ClientSettings, type ConcurrencySetting } from '../transport';

export const MAX_CONCURRENCY = 10;
const MAX_REQUESTS_PER_TEN_SECONDS = 1000;
const MAX_RETRIES = 10;

/** Options of every batch operation that say how to talk to HubSpot. */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		options: [
			{ name: '2026-03', value: '2026-03', description: 'The version this node was designed on' },
			{ name: '2026-09', value: '2026-09', description: 'Current; also enforces the account’s validation rules' },
		],
		default: '2026-03',
		description: "Which of HubSpot's date-versioned APIs to call",
	},
	{
		displayName: 'Requests per 10 Seconds',
		name: 'requestsPerTenSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_REQUESTS_PER_TEN_SECONDS },
		default: 100,
		description:
			"The most requests this node sends in any 10 seconds. HubSpot allows 100 on Free/Starter, 150 on Pro/Enterprise and 200 with the API limit increase. The node also slows down when HubSpot's rate-limit headers say the account is busy.",
	},
	{
		displayName: 'Parallel Requests',
		name: 'concurrency',
		type: 'options',
		// Workflows saved with a number (1–10) keep it: each number is one of the options.
		options: [
			{ name: 'Auto', value: 'auto', description: 'More batches in flight while HubSpot answers slowly, fewer when it pushes back (423, 429, 5xx)' },
			...Array.from({ length: MAX_CONCURRENCY }, (_, i) => ({ name: String(i + 1), value: i + 1 })),
		],
		default: 'auto',
		description: 'How many batches may be in flight at once, all under the same rate limit',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_RETRIES },
		default: 5,
		description:
			'How often to retry a request HubSpot answers with a rate limit (429), a lock (423), a migration (477), a gateway error (502/503/504/521/523/524) or a dropped connection. A daily limit, 400, 401, 403 and 404 are never retried.',
	},
];

function wholeNumber(field: string, value: unknown, min: number, max: number): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
	throw new InvalidInputError(field, `must be a whole number from ${min} to ${max}, got ${showValue(value)}`);
}

/** `auto`, or a pinned whole number; a workflow saved before `auto` existed and never set it gets `auto`. */
function concurrencySetting(value: unknown): ConcurrencySetting {
	if (value === 'auto') return value;
	return wholeNumber('Parallel Requests (options.concurrency)', typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value, 1, MAX_CONCURRENCY);
}

/** Reads the request options once per run. */
export function readClientSettings(context: IExecuteFunctions): ClientSettings {
	const option = (name: string, fallback: unknown) => context.getNodeParameter(`options.${name}`, 0, fallback);
	const apiVersion = option('apiVersion', DEFAULT_CLIENT_SETTINGS.apiVersion);
	if (!(API_VERSIONS as readonly unknown[]).includes(apiVersion)) {
		throw new InvalidInputError('API Version (options.apiVersion)', `must be one of ${API_VERSIONS.join(', ')}, got ${showValue(apiVersion)}`);
	}
	return {
		...DEFAULT_CLIENT_SETTINGS,
		apiVersion: apiVersion as ApiVersion,
		requestsPerTenSeconds: wholeNumber(
			'Requests per 10 Seconds (options.requestsPerTenSeconds)',
			option('requestsPerTenSeconds', DEFAULT_CLIENT_SETTINGS.requestsPerTenSeconds),
			1,
			MAX_REQUESTS_PER_TEN_SECONDS,
		),
		maxRetries: wholeNumber('Max Retries (options.maxRetries)', option('maxRetries', DEFAULT_CLIENT_SETTINGS.maxRetries), 0, MAX_RETRIES),
		concurrency: concurrencySetting(option('concurrency', 'auto')),
	};
}
