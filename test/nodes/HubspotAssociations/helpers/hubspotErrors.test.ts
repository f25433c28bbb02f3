import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import {
	describeFailedExchange,
	missingScopes,
	readFailedExchange,
	type FailedExchange,
} from '../../../../nodes/HubspotAssociations/helpers/hubspotErrors';

const node: INode = {
	id: 'node-1',
	name: 'HubSpot Associations',
	type: 'n8n-nodes-hubspot-associations.hubspotAssociations',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** What n8n's request helper throws: the low-level error wrapped in a NodeApiError. */
function wrapped(error: Error): NodeApiError {
	return new NodeApiError(node, error as unknown as JsonObject);
}

/** An error shaped like the one axios throws for a non-2xx answer. */
function axiosError(status: number, data: unknown, headers: Record<string, unknown> = {}) {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		isAxiosError: true,
		code: status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
		response: { status, headers, data },
	});
}

const scopesBody = {
	status: 'error',
	message: 'This app hasn\'t been granted all required scopes to make this call.',
	correlationId: 'c0ffee-403',
	category: 'MISSING_SCOPES',
	errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.companies.write'], missingScopes: ['crm.objects.companies.write'] } }],
};

describe('readFailedExchange', () => {
	it('reads status, lower-cased headers and HubSpot\'s body from a NodeApiError wrapping an axios error', () => {
		const body = {
			status: 'error',
			message: 'You have reached your secondly limit.',
			correlationId: 'abc-123',
			category: 'RATE_LIMITS',
			policyName: 'TEN_SECONDLY_ROLLING',
		};
		const error = wrapped(axiosError(429, body, { 'Retry-After': '2', 'X-HubSpot-RateLimit-Remaining': 0, 'Set-Cookie': ['a=1', 'b=2'], Empty: undefined }));
		expect(readFailedExchange(error)).toMatchObject({
			statusCode: 429,
			headers: { 'retry-after': '2', 'x-hubspot-ratelimit-remaining': '0', 'set-cookie': 'a=1, b=2' },
			hubspot: { status: 'error', message: 'You have reached your secondly limit.', correlationId: 'abc-123', category: 'RATE_LIMITS' },
		});
	});

	it('reads the axios error itself when nothing wrapped it', () => {
		const exchange = readFailedExchange(axiosError(404, { status: 'error', message: 'Unknown object type line_item' }));
		expect(exchange.statusCode).toBe(404);
		expect(exchange.hubspot).toEqual({ status: 'error', message: 'Unknown object type line_item' });
	});

	it('reads headers that come as an AxiosHeaders-like object with toJSON', () => {
		const headers = { toJSON: () => ({ 'Retry-After': '10' }) };
		expect(readFailedExchange(axiosError(477, {}, headers as unknown as Record<string, unknown>)).headers).toEqual({ 'retry-after': '10' });
	});

	it('parses a body that arrived as JSON text or as a Buffer', () => {
		const text = JSON.stringify({ message: 'locked', category: 'LOCKED' });
		expect(readFailedExchange(axiosError(423, text)).hubspot).toEqual({ message: 'locked', category: 'LOCKED' });
		expect(readFailedExchange(axiosError(423, Buffer.from(text))).hubspot).toEqual({ message: 'locked', category: 'LOCKED' });
	});

	it('keeps no HubSpot error for a body that is not a JSON object', () => {
		expect(readFailedExchange(axiosError(502, '<html>Bad gateway</html>')).hubspot).toBeUndefined();
		expect(readFailedExchange(axiosError(502, '')).hubspot).toBeUndefined();
		expect(readFailedExchange(axiosError(502, '"just text"')).hubspot).toBeUndefined();
	});

	it('reads an error that has only context.data and httpCode', () => {
		const error = Object.assign(new Error('Forbidden'), {
			httpCode: '403',
			context: { data: { status: 'error', message: 'Missing scopes', context: { missingScopes: ['crm.objects.deals.write'] } } },
		});
		const exchange = readFailedExchange(error);
		expect(exchange.statusCode).toBe(403);
		expect(exchange.headers).toEqual({});
		expect(exchange.hubspot).toEqual({ status: 'error', message: 'Missing scopes', context: { missingScopes: ['crm.objects.deals.write'] } });
	});

	it('reads a network error with no answer as having no status, keeping its code and message', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const exchange = readFailedExchange(wrapped(reset));
		expect(exchange.statusCode).toBeUndefined();
		expect(exchange.networkCode).toBe('ECONNRESET');
		expect(exchange.hubspot).toBeUndefined();
		expect(exchange.headers).toEqual({});
		expect(typeof exchange.rawMessage).toBe('string');
	});

	it('finds the network code on the cause of a wrapped error', () => {
		const cause = Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
		const exchange = readFailedExchange(new Error('Request failed', { cause }));
		expect(exchange).toMatchObject({ statusCode: undefined, networkCode: 'ETIMEDOUT', rawMessage: 'Request failed' });
	});

	it('reads missing scopes from context.missingScopes', () => {
		const body = { status: 'error', message: 'Forbidden', context: { missingScopes: ['crm.objects.contacts.write', 'tickets'] } };
		expect(readFailedExchange(wrapped(axiosError(403, body))).hubspot?.context?.missingScopes).toEqual([
			'crm.objects.contacts.write',
			'tickets',
		]);
	});

	it('lifts missing scopes from nested errors[].context into the error it keeps', () => {
		const exchange = readFailedExchange(wrapped(axiosError(403, scopesBody)));
		expect(exchange.hubspot).toMatchObject({ category: 'MISSING_SCOPES', correlationId: 'c0ffee-403', context: { missingScopes: ['crm.objects.companies.write'] } });
	});

	it('reads anything thrown without failing', () => {
		expect(readFailedExchange(undefined)).toEqual({ statusCode: undefined, headers: {}, hubspot: undefined, networkCode: undefined, rawMessage: undefined });
		expect(readFailedExchange('boom').statusCode).toBeUndefined();
	});
});

describe('error bodies of any shape (a proxy, a gateway, a changed HubSpot)', () => {
	const odd: Array<[string, unknown]> = [
		['errors an object', { message: 'Bad gateway', errors: { first: { message: 'x' } } }],
		['errors holding null', { message: 'Bad gateway', errors: [null, 7, 'text'] }],
		['errors null', { message: 'Bad gateway', errors: null }],
		['a nested context that is not an object', { message: 'Bad gateway', errors: [{ context: 'scopes' }, { context: null }] }],
		['nested missingScopes not an array', { message: 'Bad gateway', errors: [{ context: { missingScopes: { scope: 'a' } } }] }],
		['context.missingScopes a string', { message: 'Bad gateway', context: { missingScopes: 'crm.objects.contacts.write' } }],
		['context.missingScopes an object', { message: 'Bad gateway', context: { missingScopes: { 0: 'a' } } }],
		['context null', { message: 'Bad gateway', context: null }],
		['context an array', { message: 'Bad gateway', context: ['a'] }],
	];

	it.each(odd)('reads a body with %s without throwing, keeping HubSpot\'s message', (_shape, body) => {
		const exchange = readFailedExchange(wrapped(axiosError(502, body)));
		expect(exchange.statusCode).toBe(502);
		expect(exchange.hubspot?.message).toBe('Bad gateway');
		expect(missingScopes(exchange.hubspot)).toEqual([]);
		expect(describeFailedExchange(exchange)).toBe('HubSpot answered 502: Bad gateway');
	});

	it.each([
		['a message that is not text', { message: { text: 'x' }, errors: {} }],
		['a JSON array', [{ message: 'x' }]],
		['a JSON string', 'Bad gateway'],
	])('reads a body with %s as one without a message', (_shape, body) => {
		const exchange = readFailedExchange(wrapped(axiosError(502, body)));
		expect(exchange.statusCode).toBe(502);
		expect(describeFailedExchange(exchange)).toBe('HubSpot answered 502');
	});

	it('keeps only the scope names among odd entries of a missingScopes list', () => {
		const body = { message: 'Missing scopes', context: { missingScopes: ['a', null, 3, 'b'] }, errors: [{ context: { missingScopes: ['b', { c: 1 }, 'c'] } }] };
		expect(missingScopes(readFailedExchange(wrapped(axiosError(403, body))).hubspot)).toEqual(['a', 'b', 'c']);
	});
});

describe('missingScopes', () => {
	it('joins scopes from the top-level context and nested errors without repeats', () => {
		expect(
			missingScopes({ context: { missingScopes: ['a', 'b'] } }, { errors: [{ context: { missingScopes: ['b', 'c'] } }, {}] }),
		).toEqual(['a', 'b', 'c']);
	});

	it('finds none when HubSpot named none', () => {
		expect(missingScopes(undefined)).toEqual([]);
		expect(missingScopes({ message: 'Forbidden' }, { errors: [{ context: { INVALID_OBJECT_IDS: ['x'] } }, null, 'text'], context: { missingScopes: 'crm' } })).toEqual([]);
	});
});

describe('describeFailedExchange', () => {
	const said = (statusCode: number | undefined, message?: string, extra: Partial<FailedExchange> = {}) =>
		describeFailedExchange({ statusCode, headers: {}, hubspot: message ? { message } : undefined, ...extra });

	it('says HubSpot could not be reached, naming the network code, when no answer arrived', () => {
		expect(said(undefined, undefined, { networkCode: 'ECONNRESET', rawMessage: 'socket hang up' })).toBe('HubSpot could not be reached (ECONNRESET)');
		expect(said(undefined, undefined, { rawMessage: 'getaddrinfo failed' })).toBe('HubSpot could not be reached (getaddrinfo failed)');
		expect(said(undefined)).toBe('HubSpot could not be reached (no answer)');
	});

	it('says the credentials were not accepted on a 401', () => {
		expect(said(401, 'Authentication credentials not found.')).toBe(
			'HubSpot did not accept the credentials (401): Authentication credentials not found.',
		);
	});

	it('names the missing scopes on a 403 that lists them, from wherever HubSpot put them', () => {
		const exchange = readFailedExchange(wrapped(axiosError(403, scopesBody)));
		expect(describeFailedExchange(exchange)).toBe(
			"The HubSpot credential lacks the scopes crm.objects.companies.write (403): add them to your HubSpot app and to the credential's Scope or Optional Scope field, then reconnect the credential (HubSpot grants an optional scope only where the portal's tier has the feature)",
		);
	});

	it('tells a private-app user to fix the app and its token instead of the OAuth scope field', () => {
		const exchange = readFailedExchange(wrapped(axiosError(403, scopesBody)));
		expect(describeFailedExchange(exchange, 'appToken')).toBe(
			"The HubSpot credential lacks the scopes crm.objects.companies.write (403): add them where the token comes from (service key: Development → Keys → Service keys; static-auth project app: its requiredScopes, then hs project upload; legacy private app: its scopes), then put the token into the credential's Service Key or App Token field",
		);
	});

	it('repeats HubSpot\'s message on a 403 without scopes', () => {
		expect(said(403, 'This portal is locked')).toBe('HubSpot refused the request (403): This portal is locked');
	});

	it('points at the endpoint or object type on a 404', () => {
		expect(said(404)).toBe('HubSpot found no such endpoint or object type (404)');
	});

	it('says the rate limit was reached on a 429', () => {
		expect(said(429, 'You have reached your secondly limit.')).toBe(
			"HubSpot's rate limit was reached (429): You have reached your secondly limit.",
		);
	});

	it('gives the status and HubSpot\'s message for any other answer', () => {
		expect(said(500, 'Internal error')).toBe('HubSpot answered 500: Internal error');
		expect(said(477)).toBe('HubSpot answered 477');
	});
});
