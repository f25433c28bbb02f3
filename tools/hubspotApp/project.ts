/**
 * The HubSpot developer-platform project in `hubspot-app/`, as data. The scopes come from the
 * OAuth2 credential's defaults, so the app asks HubSpot for exactly what the credential asks for.
 */
import { OPTIONAL_SCOPES, REQUIRED_SCOPES } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { SUBSCRIBED_OBJECT_TYPES, webhookSubscriptions } from '../../nodes/HubspotAssociationsTrigger/helpers/subscriptions';

export const APP_FILE = 'src/app/app-hsmeta.json';
export const WEBHOOKS_FILE = 'src/app/webhooks/association-webhooks-hsmeta.json';

/** The object types whose association changes the trigger hears (HubSpot's lower-case names): the trigger's own list. */
export const WEBHOOK_OBJECT_TYPES: readonly string[] = SUBSCRIBED_OBJECT_TYPES;

export interface AppComponent {
	uid: string;
	type: 'app';
	config: {
		name: string;
		description: string;
		distribution: 'private' | 'marketplace';
		auth: {
			type: 'oauth' | 'static';
			redirectUrls?: string[];
			requiredScopes: string[];
			optionalScopes?: string[];
			conditionallyRequiredScopes?: string[];
		};
		permittedUrls: { fetch: string[]; iframe: string[]; img: string[] };
		support: Record<string, string>;
	};
}

export interface WebhooksComponent {
	uid: string;
	type: 'webhooks';
	config: {
		settings: { targetUrl: string; maxConcurrentRequests: number };
		subscriptions: {
			crmObjects: Array<{ subscriptionType: string; objectType: string; active: boolean }>;
			legacyCrmObjects: unknown[];
			hubEvents: unknown[];
		};
	};
}

/** The app component with n8n's redirect URL and the credential's scopes, other fields kept. */
export function withN8n(app: AppComponent, redirectUrl: string): AppComponent {
	return {
		...app,
		config: {
			...app.config,
			auth: {
				...app.config.auth,
				redirectUrls: [redirectUrl],
				requiredScopes: [...REQUIRED_SCOPES],
				optionalScopes: [...OPTIONAL_SCOPES],
				conditionallyRequiredScopes: app.config.auth.conditionallyRequiredScopes ?? [],
			},
		},
	};
}

/**
 * `object.associationChange` for each type, in the current ("generic") format the trigger reads
 * first. HubSpot sends at most `maxConcurrentRequests` deliveries at once (10 is its maximum).
 */
export function webhooksComponent(targetUrl: string): WebhooksComponent {
	return {
		uid: 'association_webhooks',
		type: 'webhooks',
		config: {
			settings: { targetUrl, maxConcurrentRequests: 10 },
			subscriptions: {
				crmObjects: webhookSubscriptions(),
				legacyCrmObjects: [],
				hubEvents: [],
			},
		},
	};
}
