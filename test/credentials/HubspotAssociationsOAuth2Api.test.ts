import type { INodeProperties } from 'n8n-workflow';
import { HubspotAssociationsOAuth2Api, OPTIONAL_SCOPES, REQUIRED_SCOPES } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { evaluateExpression } from '../harness/expressions';

const credential = new HubspotAssociationsOAuth2Api();
const property = (name: string) => credential.properties.find((p) => p.name === name) as INodeProperties;

/** The credential's data as n8n hands it to expressions: stored values over the defaults. */
function withDefaults(stored: Record<string, string>): Record<string, string> {
	const data: Record<string, string> = {};
	for (const p of credential.properties) if (typeof p.default === 'string' && !p.default.startsWith('=')) data[p.name] = p.default;
	return { ...data, ...stored };
}

/** The query parameters n8n adds to HubSpot's authorization URL for this credential. */
function authQueryParameters(stored: Record<string, string>): URLSearchParams {
	return new URLSearchParams(String(evaluateExpression(String(property('authQueryParameters').default), { self: withDefaults(stored) })));
}

describe('the OAuth2 credential', () => {
	it('asks for the scopes every portal has in Scope: contacts, companies and oauth', () => {
		expect(String(property('scope').default).split(' ')).toEqual(REQUIRED_SCOPES);
		expect(REQUIRED_SCOPES).toEqual(expect.arrayContaining(['oauth', 'crm.objects.contacts.write', 'crm.objects.companies.write']));
	});

	it('asks for deals, tickets, custom objects and schemas in its own Optional Scope field', () => {
		expect(property('optionalScope')).toMatchObject({ displayName: 'Optional Scope', type: 'string' });
		expect(String(property('optionalScope').default).split(' ')).toEqual(OPTIONAL_SCOPES);
		expect(OPTIONAL_SCOPES).toEqual(
			expect.arrayContaining(['crm.objects.deals.write', 'tickets', 'crm.objects.custom.write', 'crm.schemas.custom.read']),
		);
		expect(REQUIRED_SCOPES.filter((scope) => OPTIONAL_SCOPES.includes(scope))).toEqual([]);
	});

	it("sends the optional scopes as HubSpot's optional_scope authorization parameter", () => {
		const query = authQueryParameters({});
		expect([...query.keys()]).toEqual(['optional_scope']);
		expect(query.get('optional_scope')).toBe(OPTIONAL_SCOPES.join(' '));
	});

	it('sends what the user typed there, spaces tidied, and no parameter when it is empty', () => {
		expect(authQueryParameters({ optionalScope: '  tickets \n crm.objects.deals.write ' }).get('optional_scope')).toBe('tickets crm.objects.deals.write');
		expect(String(evaluateExpression(String(property('authQueryParameters').default), { self: withDefaults({ optionalScope: '' }) }))).toBe('');
	});

	it('leaves out of optional_scope what Scope already asks for (a credential saved before the field existed)', () => {
		const before = [...REQUIRED_SCOPES, ...OPTIONAL_SCOPES].join(' ');
		expect(String(evaluateExpression(String(property('authQueryParameters').default), { self: withDefaults({ scope: before }) }))).toBe('');
		expect(authQueryParameters({ scope: `${REQUIRED_SCOPES.join(' ')} tickets` }).get('optional_scope')!.split(' ')).toEqual(
			OPTIONAL_SCOPES.filter((scope) => scope !== 'tickets'),
		);
	});

	it('keeps the field names of earlier versions', () => {
		expect(credential.properties.map((p) => p.name)).toEqual(
			expect.arrayContaining(['baseUrl', 'scope', 'authUrl', 'accessTokenUrl', 'authQueryParameters', 'authentication', 'grantType']),
		);
	});
});
