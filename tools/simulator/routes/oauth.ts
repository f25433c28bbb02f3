import { randomBytes, randomUUID } from 'crypto';
import { errorBody, HubSpotRequestError, notFound } from '../hubspotErrors';
import { PORTAL_ID } from '../objectTypes';
import { json, type Route } from '../routing';

/** HubSpot's OAuth errors carry a specific `status` (`BAD_CLIENT_ID`, ...) instead of `error`. */
function oauthError(status: string, message: string): HubSpotRequestError {
	return new HubSpotRequestError(400, { status, message, correlationId: randomUUID(), category: 'VALIDATION_ERROR' });
}

function formField(body: unknown, name: string): string | undefined {
	const value = (body as Record<string, unknown> | undefined)?.[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * `POST /oauth/2026-03/token` (also `/oauth/v3/token`, `/oauth/v1/token`): form-encoded, with the
 * client id and secret in the body. Any authorization code is accepted.
 */
export const tokenRoute: Route = {
	method: 'POST',
	pattern: /^\/oauth\/(2026-03|v3|v1)\/token$/,
	kind: 'oauth/token',
	crm: false,
	handle(request, _params, { state, oauthClient }) {
		const body = request.body;
		if (formField(body, 'client_id') !== oauthClient.clientId) throw oauthError('BAD_CLIENT_ID', 'missing or invalid client id');
		if (formField(body, 'client_secret') !== oauthClient.clientSecret) throw oauthError('BAD_CLIENT_SECRET', 'missing or invalid client secret');

		const grantType = formField(body, 'grant_type');
		if (grantType === 'authorization_code') {
			if (!formField(body, 'code')) throw oauthError('BAD_AUTH_CODE', 'missing or unknown auth code');
			if (!formField(body, 'redirect_uri')) throw oauthError('BAD_REDIRECT_URI', 'missing redirect uri');
			const { accessToken, refreshToken, expiresIn } = state.tokens.issue();
			return json(200, tokenAnswer(accessToken, refreshToken, expiresIn));
		}
		if (grantType === 'refresh_token') {
			const refreshToken = formField(body, 'refresh_token') ?? '';
			const refreshed = state.tokens.refresh(refreshToken);
			if (!refreshed && state.refreshRefusal === 'invalid_grant') {
				const message = 'refresh token is invalid, expired or revoked';
				throw new HubSpotRequestError(400, errorBody('VALIDATION_ERROR', message, { error: 'invalid_grant', error_description: message }));
			}
			if (!refreshed) throw oauthError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
			return json(200, tokenAnswer(refreshed.accessToken, refreshToken, refreshed.expiresIn));
		}
		throw oauthError('BAD_GRANT_TYPE', 'unsupported grant type');
	},
};

function tokenAnswer(accessToken: string, refreshToken: string, expiresIn: number) {
	return { token_type: 'bearer', access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn, hub_id: PORTAL_ID };
}

/**
 * `GET /oauth/authorize` (and `/oauth/{accountId}/authorize`, the install link HubSpot's CLI prints
 * for a project app; the simulator has one account): stands in for the consent screen by
 * redirecting straight back with a code, so a browserless end-to-end run can complete n8n's OAuth2 flow.
 */
export const authorizeRoute: Route = {
	method: 'GET',
	pattern: /^\/oauth\/(?:\d+\/)?authorize$/,
	kind: 'oauth/authorize',
	crm: false,
	handle(request, _params, { oauthClient }) {
		const accountId = request.path.match(/^\/oauth\/(\d+)\//)?.[1];
		if (accountId !== undefined && Number(accountId) !== PORTAL_ID) throw notFound(`no account ${accountId}`);
		const redirectUri = request.query.get('redirect_uri');
		if (request.query.get('client_id') !== oauthClient.clientId) throw oauthError('BAD_CLIENT_ID', 'missing or invalid client id');
		if (!redirectUri) throw oauthError('BAD_REDIRECT_URI', 'missing redirect uri');
		const target = new URL(redirectUri);
		target.searchParams.set('code', `sim-code-${randomBytes(8).toString('hex')}`);
		const stateParam = request.query.get('state');
		if (stateParam !== null) target.searchParams.set('state', stateParam);
		return { status: 302, headers: { Location: target.toString() } };
	},
};
