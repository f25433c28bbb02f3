import { randomUUID } from 'crypto';

/** HubSpot's error body for a non-2xx answer; `extra` carries fields such as `policyName`. */
export interface HubSpotErrorBody {
	status: string;
	message: string;
	correlationId: string;
	category: string;
	context?: Record<string, string[]>;
	[extra: string]: unknown;
}

/** One failed item inside a batch answer (`StandardError`). */
export interface StandardError {
	status: 'error';
	category: string;
	message: string;
	context: Record<string, string[]>;
	links: Record<string, string>;
	errors: Array<{ message: string; context?: Record<string, string[]> }>;
}

export function errorBody(category: string, message: string, extra: Record<string, unknown> = {}): HubSpotErrorBody {
	return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function standardError(category: string, message: string, context: Record<string, string[]>): StandardError {
	return { status: 'error', category, message, context, links: {}, errors: [] };
}

/** Thrown by handlers for a request HubSpot rejects as a whole. */
export class HubSpotRequestError extends Error {
	constructor(
		readonly httpStatus: number,
		readonly body: HubSpotErrorBody,
	) {
		super(body.message);
	}
}

export function badRequest(message: string, context?: Record<string, string[]>): HubSpotRequestError {
	return new HubSpotRequestError(400, errorBody('VALIDATION_ERROR', message, context ? { context } : {}));
}

export function notFound(message: string): HubSpotRequestError {
	return new HubSpotRequestError(404, errorBody('OBJECT_NOT_FOUND', message));
}
