/**
 * The n8n owner and the two credentials (OAuth2 and private app token) that point n8n at the
 * HubSpot simulator. Fixed values: the simulator is in memory and local, they guard nothing real.
 */
import type { HubSpotSimulator } from '../simulator';

export const DEV = {
	ownerEmail: process.env.N8N_DEV_OWNER_EMAIL || 'dev@example.com',
	ownerPassword: process.env.N8N_DEV_OWNER_PASSWORD || 'DevPassword1',
	oauthClientId: 'n8n-dev-simulator-client',
	oauthClientSecret: 'n8n-dev-simulator-secret',
	appToken: 'pat-dev-simulator-0000',
	oauthCredential: { id: 'hubspotSimulator01', name: 'HubSpot (simulator)' },
	appTokenCredential: { id: 'hubspotSimAppToken01', name: 'HubSpot app token (simulator)' },
};

/** Makes the simulator accept the dev OAuth client and app token. */
export function acceptDevAccount(sim: HubSpotSimulator): void {
	sim.oauthClient.clientId = DEV.oauthClientId;
	sim.oauthClient.clientSecret = DEV.oauthClientSecret;
	sim.state.addPrivateAppToken(DEV.appToken);
}

/** The two credentials, as `n8n import:credentials` takes them, with a fresh token pair. */
export function simulatorCredentials(sim: HubSpotSimulator) {
	const { accessToken, refreshToken } = sim.issueToken();
	return [
		{
			...DEV.oauthCredential,
			type: 'hubspotAssociationsOAuth2Api',
			data: {
				clientId: sim.oauthClient.clientId,
				clientSecret: sim.oauthClient.clientSecret,
				baseUrl: sim.baseUrl,
				oauthTokenData: { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer', expires_in: 1800 },
			},
		},
		{
			...DEV.appTokenCredential,
			type: 'hubspotAssociationsAppTokenApi',
			data: { appToken: DEV.appToken, baseUrl: sim.baseUrl },
		},
	];
}
