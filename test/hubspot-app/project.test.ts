import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INodeProperties } from 'n8n-workflow';
import { HubspotAssociationsOAuth2Api } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { webhooksComponent } from '../../tools/hubspotApp/project';
import { appSchema, hsprojectSchema, webhooksSchema } from './projectSchema';

const root = join(__dirname, '../..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const errorsOf = (schema: object, value: unknown) => (ajv.validate(schema, value) ? [] : ajv.errorsText(ajv.errors));

const credentialDefault = (name: string) =>
	String((new HubspotAssociationsOAuth2Api().properties.find((p) => p.name === name) as INodeProperties).default).split(' ');

/** The README's scope table: each row's back-quoted scopes under "Required" or "Optional". */
function readmeScopes(): { Required: string[]; Optional: string[] } {
	const table = { Required: [] as string[], Optional: [] as string[] };
	for (const line of readFileSync(join(root, 'README.md'), 'utf8').split('\n')) {
		const cells = line.split('|').map((cell) => cell.trim());
		const kind = cells.find((cell) => cell === 'Required' || cell === 'Optional') as 'Required' | 'Optional' | undefined;
		if (line.trim().startsWith('|') && kind) table[kind].push(...[...cells[2].matchAll(/`([^`]+)`/g)].map((match) => match[1]));
	}
	return table;
}

describe('the bundled HubSpot project (hubspot-app/)', () => {
	const app = readJson('hubspot-app/src/app/app-hsmeta.json');

	it("is a project on platform 2026.03, HubSpot CLI's default, with its sources in src/", () => {
		const project = readJson('hubspot-app/hsproject.json');
		expect(errorsOf(hsprojectSchema, project)).toEqual([]);
		expect(project).toMatchObject({ srcDir: 'src', platformVersion: '2026.03' });
	});

	it("holds one app that follows HubSpot's documented fields and rules: OAuth, private distribution, support filled", () => {
		expect(errorsOf(appSchema, app)).toEqual([]);
		expect(app.config).toMatchObject({ distribution: 'private', auth: { type: 'oauth' } });
		expect(app.config.description.length).toBeGreaterThan(40);
		expect(Object.keys(app.config.support).sort()).toEqual(['documentationUrl', 'supportEmail', 'supportUrl']);
	});

	it("asks for exactly the OAuth2 credential's Scope and Optional Scope defaults, oauth first as HubSpot's template does", () => {
		expect(app.config.auth.requiredScopes).toEqual(credentialDefault('scope'));
		expect(app.config.auth.optionalScopes).toEqual(credentialDefault('optionalScope'));
		expect(app.config.auth.requiredScopes[0]).toBe('oauth');
	});

	it("matches the README's scope table, Required and Optional alike", () => {
		const table = readmeScopes();
		expect(table.Required).toEqual(app.config.auth.requiredScopes);
		expect(table.Optional).toEqual(app.config.auth.optionalScopes);
	});

	it("redirects to n8n's OAuth2 callback: an n8n on this computer as shipped, the user's once the script has run", () => {
		expect(app.config.auth.redirectUrls).toEqual([expect.stringMatching(/^(https:\/\/[^/]+|http:\/\/localhost(:\d+)?)(\/.*)?\/rest\/oauth2-credential\/callback$/)]);
	});

	it("has a webhooks component that follows HubSpot's rules once written", () => {
		expect(errorsOf(webhooksSchema, webhooksComponent('https://n8n.example.com/webhook/abc/associations'))).toEqual([]);
	});
});

describe("the schema written from HubSpot's rules refuses", () => {
	const app = readJson('hubspot-app/src/app/app-hsmeta.json');
	const variant = (change: (copy: typeof app) => void) => {
		const copy = structuredClone(app);
		change(copy);
		return copy;
	};

	it.each([
		['a uid over 64 characters', (a: typeof app) => (a.uid = 'a'.repeat(65))],
		['a uid with a space', (a: typeof app) => (a.uid = 'my app')],
		['a type other than app', (a: typeof app) => (a.type = 'application')],
		['a name over 200 characters', (a: typeof app) => (a.config.name = 'n'.repeat(201))],
		['a description over 8,192 characters', (a: typeof app) => (a.config.description = 'd'.repeat(8193))],
		['an unknown distribution', (a: typeof app) => (a.config.distribution = 'public')],
		['an http redirect URL other than localhost', (a: typeof app) => (a.config.auth.redirectUrls = ['http://n8n.example.com/rest/oauth2-credential/callback'])],
		['a redirect URL on an IP address', (a: typeof app) => (a.config.auth.redirectUrls = ['https://192.168.1.5/rest/oauth2-credential/callback'])],
		['a redirect URL with a fragment', (a: typeof app) => (a.config.auth.redirectUrls = ['https://n8n.example.com/cb#x'])],
		['OAuth without a redirect URL', (a: typeof app) => (a.config.auth.redirectUrls = [])],
		['static auth with redirect URLs', (a: typeof app) => (a.config.auth.type = 'static')],
		['static auth with optional scopes', (a: typeof app) => ((a.config.auth.type = 'static'), delete a.config.auth.redirectUrls)],
		['static auth on the marketplace', (a: typeof app) => ((a.config.auth = { type: 'static', requiredScopes: ['oauth'] }), (a.config.distribution = 'marketplace'))],
		['a scope list that is not a list of scopes', (a: typeof app) => (a.config.auth.requiredScopes = 'oauth crm.objects.contacts.read')],
		['a field HubSpot does not document', (a: typeof app) => (a.config.webhookUrl = 'https://n8n.example.com')],
	])('%s', (_what, change) => {
		expect(errorsOf(appSchema, variant(change))).not.toEqual([]);
	});

	it('accepts static auth with required scopes only, privately distributed', () => {
		expect(errorsOf(appSchema, variant((a) => (a.config.auth = { type: 'static', requiredScopes: ['oauth'] })))).toEqual([]);
	});

	it.each(['http://n8n.example.com/webhook/a/associations', 'https://localhost/webhook/a/associations', 'https://10.0.0.2/webhook/a/associations'])(
		'a webhook target HubSpot cannot reach: %s',
		(targetUrl) => {
			expect(errorsOf(webhooksSchema, webhooksComponent(targetUrl))).not.toEqual([]);
		},
	);
});
