/**
 * HubSpot's documented rules for a developer-platform project (platform 2026.03), written down
 * as JSON schemas from HubSpot's app-configuration and webhooks pages (see
 * /work/shared/HUBSPOT-PLATFORM-2026.md §2 and §4), independently of the script that fills them.
 */
const uid = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' };
const scopes = { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9_.-]*$' }, uniqueItems: true };

/** https, or http on localhost; never an IP address; never a fragment. */
const redirectUrl = {
	type: 'string',
	pattern: '^(https://[^/?#]+|http://localhost(:[0-9]+)?)(/[^#]*)?$',
	not: { anyOf: [{ pattern: '^https?://([0-9]{1,3}\\.){3}[0-9]{1,3}([:/]|$)' }, { pattern: '^https?://\\[' }] },
};

export const hsprojectSchema = {
	type: 'object',
	required: ['name', 'srcDir', 'platformVersion'],
	additionalProperties: false,
	properties: {
		name: { type: 'string', minLength: 1 },
		srcDir: { type: 'string', minLength: 1 },
		platformVersion: { enum: ['2025.2', '2026.03', '2026.09'] },
	},
};

export const appSchema = {
	type: 'object',
	required: ['uid', 'type', 'config'],
	additionalProperties: false,
	properties: {
		uid,
		type: { const: 'app' },
		config: {
			type: 'object',
			required: ['name', 'distribution', 'auth'],
			additionalProperties: false,
			properties: {
				name: { type: 'string', minLength: 1, maxLength: 200 },
				description: { type: 'string', maxLength: 8192 },
				distribution: { enum: ['private', 'marketplace'] },
				auth: {
					type: 'object',
					required: ['type', 'requiredScopes'],
					additionalProperties: false,
					properties: {
						type: { enum: ['oauth', 'static'] },
						redirectUrls: { type: 'array', items: redirectUrl },
						requiredScopes: scopes,
						optionalScopes: scopes,
						conditionallyRequiredScopes: scopes,
					},
					allOf: [
						{
							// Static auth: one account, a token shown in HubSpot; only required scopes, no redirect.
							if: { properties: { type: { const: 'static' } } },
							then: {
								not: { anyOf: [{ required: ['redirectUrls'] }, { required: ['optionalScopes'], properties: { optionalScopes: { minItems: 1 } } }] },
							},
						},
						{ if: { properties: { type: { const: 'oauth' } } }, then: { required: ['redirectUrls'], properties: { redirectUrls: { minItems: 1 } } } },
					],
				},
				permittedUrls: {
					type: 'object',
					additionalProperties: false,
					properties: { fetch: { type: 'array' }, iframe: { type: 'array' }, img: { type: 'array' } },
				},
				support: {
					type: 'object',
					additionalProperties: false,
					properties: {
						supportEmail: { type: 'string', format: 'email' },
						documentationUrl: { type: 'string', format: 'uri', pattern: '^https://' },
						supportUrl: { type: 'string', format: 'uri', pattern: '^https://' },
						supportPhone: { type: 'string' },
					},
				},
			},
			allOf: [
				// Static auth is for private distribution only; the marketplace needs OAuth.
				{ if: { properties: { auth: { properties: { type: { const: 'static' } } } } }, then: { properties: { distribution: { const: 'private' } } } },
			],
		},
	},
};

export const webhooksSchema = {
	type: 'object',
	required: ['uid', 'type', 'config'],
	additionalProperties: false,
	properties: {
		uid,
		type: { const: 'webhooks' },
		config: {
			type: 'object',
			required: ['settings', 'subscriptions'],
			properties: {
				settings: {
					type: 'object',
					required: ['targetUrl'],
					properties: {
						// HubSpot delivers to a public https endpoint.
						targetUrl: { type: 'string', pattern: '^https://[^/?#]+(/[^#]*)?$', not: { pattern: '^https://(localhost|([0-9]{1,3}\\.){3}[0-9]{1,3})([:/]|$)' } },
						maxConcurrentRequests: { type: 'integer', minimum: 1, maximum: 10 },
					},
				},
				subscriptions: {
					type: 'object',
					additionalProperties: false,
					properties: {
						crmObjects: {
							type: 'array',
							items: {
								type: 'object',
								required: ['subscriptionType', 'objectType', 'active'],
								properties: { subscriptionType: { type: 'string', pattern: '^object\\.' }, objectType: { type: 'string' }, active: { type: 'boolean' } },
							},
						},
						legacyCrmObjects: { type: 'array' },
						hubEvents: { type: 'array' },
					},
				},
			},
		},
	},
};
