import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { describeFailedExchange, readFailedExchange, scopeDemand } from '../../../../nodes/HubspotAssociations/helpers/hubspotErrors';
import { retryDecision } from '../../../../nodes/HubspotAssociations/helpers/retryPolicy';

const node: INode = { id: 'n', name: 'HubSpot Associations', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
const forbidden = (body: object) => new NodeApiError(node, { response: { status: 403, data: body, headers: {} } } as unknown as JsonObject);
const TOP = { status: 'error', message: "This app hasn't been granted all required scopes to make this call.", category: 'MISSING_SCOPES', correlationId: 'c-403' };

describe('a 403 names the scopes in every form HubSpot answers', () => {
	it.each([
		['OpenAPI example: context.missingScopes', { ...TOP, context: { missingScopes: ['crm.objects.deals.write'] } }, ['crm.objects.deals.write'], false],
		['live: errors[].context.requiredGranularScopes, one or more of', { ...TOP, errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['e-commerce', 'crm.objects.line_items.write'] } }] }, ['e-commerce', 'crm.objects.line_items.write'], true],
		['live: all of', { ...TOP, errors: [{ message: 'All of the following scopes are required.', context: { requiredGranularScopes: ['tickets'] } }] }, ['tickets'], false],
		['older: errors[].context.requiredScopes', { ...TOP, errors: [{ message: 'One or more of the following scopes are required.', context: { requiredScopes: ['crm.objects.quotes.write'] } }] }, ['crm.objects.quotes.write'], true],
		['top-level context.requiredGranularScopes', { ...TOP, message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.leads.write', 'crm.objects.leads.read'] } }, ['crm.objects.leads.write', 'crm.objects.leads.read'], true],
		['the scopes in the message only', { ...TOP, errors: [{ message: 'One or more of the following scopes are required: crm.objects.carts.write, crm.objects.carts.read.' }] }, ['crm.objects.carts.write', 'crm.objects.carts.read'], true],
	])('%s', (_form, body, scopes, anyOf) => {
		expect(scopeDemand(body)).toEqual({ scopes, anyOf });
		const exchange = readFailedExchange(forbidden(body));
		const message = describeFailedExchange(exchange);
		expect(message).toContain(scopes.join(', '));
		expect(message).toContain(anyOf && scopes.length > 1 ? 'needs one of the scopes' : 'lacks the scopes');
		expect(message).toContain(anyOf && scopes.length > 1 ? '(403): add one of them to your HubSpot app' : '(403): add them to your HubSpot app');
	});
});

describe('a 403 names only what HubSpot asks for', () => {
	it('reads a scope list in a message up to the end of its sentence', () => {
		const body = { ...TOP, errors: [{ message: 'One or more of the following scopes are required: crm.objects.carts.write. Read more about required scopes here: https://developers.hubspot.com/scopes.' }] };
		expect(scopeDemand(body)).toEqual({ scopes: ['crm.objects.carts.write'], anyOf: true });
		expect(describeFailedExchange(readFailedExchange(forbidden(body)))).not.toMatch(/Read|about|developers\.hubspot\.com/);
	});

	it('says "one of" only when every entry asks for the same choice: two entries naming one scope each need both', () => {
		const entry = (scope: string) => ({ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } });
		const both = { ...TOP, errors: [entry('crm.objects.deals.write'), entry('crm.objects.companies.write')] };
		const message = describeFailedExchange(readFailedExchange(forbidden(both)));
		expect(message).toContain('lacks the scopes crm.objects.deals.write, crm.objects.companies.write (403): add them');
		expect(message).not.toContain('one of');

		const same = { errors: [{ ...entry('a'), context: { requiredGranularScopes: ['e-commerce', 'crm.objects.line_items.write'] } }, { ...entry('a'), context: { requiredScopes: ['crm.objects.line_items.write', 'e-commerce'] } }] };
		expect(scopeDemand(same)).toEqual({ scopes: ['e-commerce', 'crm.objects.line_items.write'], anyOf: true });
	});
});

/** What n8n's OAuth2 client throws when the token endpoint refuses a refresh (n8n 1.x and 2.x). */
function responseError(status: number, text: string) {
	return Object.assign(new Error(`HTTP status ${status}`), { code: 'ESTATUS', status, body: text });
}
const authError = (body: object) => Object.assign(new Error('The provided authorization grant … is invalid'), { code: 'EAUTH', body });

describe('a refused token refresh asks to reconnect, in HubSpot’s words, and is never retried', () => {
	it.each([
		['HubSpot BAD_REFRESH_TOKEN', responseError(400, JSON.stringify({ status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token', correlationId: 'c' })), '(400 BAD_REFRESH_TOKEN: missing or invalid refresh token)'],
		['HubSpot error body with a category', responseError(400, JSON.stringify({ status: 'error', message: 'Invalid refresh token', category: 'VALIDATION_ERROR', subCategory: 'INVALID_TOKEN' })), '(400 VALIDATION_ERROR: Invalid refresh token)'],
		['OAuth invalid_grant', authError({ error: 'invalid_grant', error_description: 'refresh token revoked' }), '(invalid_grant: refresh token revoked)'],
		['n8n 2.x reconnect error', Object.assign(new Error('The credential "HubSpot account" needs to be reconnected.'), { failure: { cause: 'credential-invalid' } }), '(invalid_grant)'],
		['a body that is not JSON', responseError(400, 'Bad Request'), '(400)'],
	])('%s', (_form, thrown, why) => {
		const exchange = { ...readFailedExchange(new NodeApiError(node, thrown as unknown as JsonObject)), credentialName: 'HubSpot account' };
		expect(describeFailedExchange(exchange)).toBe(
			`The HubSpot connection of credential "HubSpot account" must be reconnected: HubSpot refused to renew its access ${why}, as it does once the app is uninstalled, its access revoked or the refresh token expired. Open the credential in n8n and connect it again`,
		);
		expect(describeFailedExchange(exchange)).not.toMatch(/could not be reached|ESTATUS/);
		expect(retryDecision(exchange, 0, 0).retry).toBe(false);
	});
});

describe('what is not a refused refresh', () => {
	it.each([
		['a redirect from the token URL', responseError(302, '')],
		["a proxy's page answered 200", responseError(200, '<html>')],
	])('%s stays a connection problem', (_what, thrown) => {
		expect(describeFailedExchange(readFailedExchange(new NodeApiError(node, thrown as unknown as JsonObject)))).not.toContain('must be reconnected');
	});

	it.each([
		['a rate limit of the token URL', 429, "HubSpot's rate limit was reached (429)"],
		['a timeout of the token URL', 408, 'HubSpot answered 408'],
	])('%s: the grant still holds, the run goes on', (_what, status, said) => {
		const thrown = responseError(status, JSON.stringify({ status: 'error', message: 'You have reached your secondly limit.', policyName: 'SECONDLY' }));
		const exchange = readFailedExchange(new NodeApiError(node, thrown as unknown as JsonObject));
		expect(exchange.refreshRefused).toBeUndefined();
		expect(describeFailedExchange(exchange)).toContain(said);
		expect(describeFailedExchange(exchange)).not.toMatch(/must be reconnected|could not be reached|ESTATUS/);
		if (status === 429) expect(retryDecision(exchange, 0, 0).retry).toBe(true);
	});
});

describe('as an AI tool', () => {
	it('tells the model that retrying will not help a refused refresh or a refused Base URL', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { toolFailure } = require('../../../../nodes/HubspotAssociations/helpers/toolResults') as typeof import('../../../../nodes/HubspotAssociations/helpers/toolResults');
		expect(toolFailure({ error: 'The HubSpot connection of credential "X" must be reconnected: HubSpot refused to renew its access (400)' }).error).toMatch(
			/Retrying will not help: tell the user to reconnect the HubSpot credential in n8n$/,
		);
		expect(toolFailure({ error: "The credential's Base URL (evil.example) is not HubSpot's API: …" }).error).not.toContain('Try again in a minute');
	});
});
