import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';
import { readFailedExchange, type FailedExchange } from '../helpers/hubspotErrors';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';
export const ASSOCIATIONS_API_VERSION = '2026-03';

export type HubSpotContext = IExecuteFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPES = {
	oAuth2: 'hubspotAssociationsOAuth2Api',
} as const;

export interface HubSpotRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with '/'. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

export type HubSpotAnswer =
	| { ok: true; statusCode: number; headers: Record<string, string>; body: unknown }
	| ({ ok: false } & FailedExchange);

function credentialType(context: HubSpotContext): string {
	const authentication = context.getNodeParameter('authentication', 0, 'oAuth2') as keyof typeof CREDENTIAL_TYPES;
	return CREDENTIAL_TYPES[authentication] ?? CREDENTIAL_TYPES.oAuth2;
}

async function baseUrl(context: HubSpotContext, type: string): Promise<string> {
	const credentials = await context.getCredentials(type);
	const url = typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() !== '' ? credentials.baseUrl : DEFAULT_BASE_URL;
	return url.trim().replace(/\/+$/, '');
}

/** The path of an association endpoint for one direction, e.g. `batch/create`. */
export function associationsPath(fromPathType: string, toPathType: string, action: string): string {
	return `/crm/associations/${ASSOCIATIONS_API_VERSION}/${encodeURIComponent(fromPathType)}/${encodeURIComponent(toPathType)}/${action}`;
}

/**
 * The one place that talks to HubSpot. Answers are returned, not thrown: a HubSpot error
 * comes back as `{ok: false}` with its status, headers and body so callers can map it to
 * items. OAuth2 token refresh on 401 happens inside n8n's request helper.
 */
export async function hubspotRequest(this: HubSpotContext, request: HubSpotRequest): Promise<HubSpotAnswer> {
	const type = credentialType(this);
	const url = `${await baseUrl(this, type)}${request.path}`;
	try {
		const response = await this.helpers.httpRequestWithAuthentication.call(this, type, {
			method: request.method,
			url,
			body: request.body,
			qs: request.qs,
			json: true,
			returnFullResponse: true,
		});
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = String(value);
		return { ok: true, statusCode: response.statusCode, headers, body: response.body };
	} catch (error) {
		return { ok: false, ...readFailedExchange(error) };
	}
}
