import { errorBody } from './hubspotErrors';
import type { SimResponse } from './routing';
import type { TokenStore } from './tokens';

const NOT_FOUND_MESSAGE =
	'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

/** Checks `Authorization: Bearer <token>`; answers HubSpot's 401 when the token is missing, unknown or expired. */
export function authenticate(authorization: string | undefined, tokens: TokenStore): SimResponse | undefined {
	const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
	const check = token === undefined ? 'unknown' : tokens.check(token);
	if (check === 'valid') return undefined;
	if (check === 'expired') {
		const ago = tokens.secondsSinceExpiry(token!);
		return { status: 401, body: errorBody('EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${ago} second(s) ago.`) };
	}
	return { status: 401, body: errorBody('INVALID_AUTHENTICATION', NOT_FOUND_MESSAGE) };
}
