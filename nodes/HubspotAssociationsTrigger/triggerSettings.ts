import { NodeOperationError, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';
import { InvalidInputError, parseObjectType } from '../HubspotAssociations/helpers/validation';
import type { TriggerSettings } from './helpers/deliveryChanges';
import { parseTypeFilter } from './helpers/typeFilter';
import { objectTypeIdOf, objectTypeNameOf } from './pairTypes';

type TriggerContext = IWebhookFunctions | IHookFunctions;

export interface TriggerOptions {
	onePerChange?: boolean;
	labelNames?: boolean;
	legacySignatures?: boolean;
}

/** The credential type the Authentication parameter names. */
export function credentialTypeOf(context: TriggerContext): string {
	return context.getNodeParameter('authentication', 'oAuth2') === 'appToken' ? 'hubspotAssociationsAppTokenApi' : 'hubspotAssociationsOAuth2Api';
}

/** The client secret that signs deliveries ('' when the credential has none). */
export async function clientSecretOf(context: TriggerContext): Promise<string> {
	const credentials = await context.getCredentials(credentialTypeOf(context));
	return typeof credentials.clientSecret === 'string' ? credentials.clientSecret.trim() : '';
}

export function optionsOf(context: TriggerContext): TriggerOptions {
	return (context.getNodeParameter('options', {}) ?? {}) as TriggerOptions;
}

/** The watched direction as the user set it, checked: object types, kinds of change, type filter. */
export function readParameters(context: TriggerContext) {
	try {
		const from = parseObjectType('From Object Type (fromObjectType)', context.getNodeParameter('fromObjectType', 'contacts'));
		const to = parseObjectType('To Object Type (toObjectType)', context.getNodeParameter('toObjectType', 'companies'));
		const events = context.getNodeParameter('events', ['added', 'removed']);
		const changes = new Set((Array.isArray(events) ? events : [events]).filter((event) => event === 'added' || event === 'removed') as string[]);
		if (changes.size === 0) throw new InvalidInputError('Events (events)', 'needs Association Added, Association Removed or both');
		return { from, to, changes, filter: parseTypeFilter(context.getNodeParameter('associationTypes', [])) };
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error instanceof InvalidInputError ? error.message : (error as Error));
	}
}

/** Everything a delivery is read with; a custom object given by name costs one schema read (then kept). */
export async function triggerSettings(context: IWebhookFunctions, now: number): Promise<TriggerSettings> {
	const { from, to, changes, filter } = readParameters(context);
	const [fromObjectTypeId, toObjectTypeId] = await Promise.all([objectTypeIdOf(context, from.pathType, now), objectTypeIdOf(context, to.pathType, now)]);
	if (!fromObjectTypeId || !toObjectTypeId) {
		// Answered with an error, HubSpot delivers again later: nothing is lost while the read fails.
		throw new NodeOperationError(context.getNode(), `Could not read the type ID of the custom object ${fromObjectTypeId ? to.given : from.given} from HubSpot`, {
			description: 'Choose the object type from the list, or give its type ID (e.g. 2-123456)',
		});
	}
	const options = optionsOf(context);
	return {
		pair: { fromObjectTypeId, toObjectTypeId },
		names: { from: objectTypeNameOf(from.pathType, from.given), to: objectTypeNameOf(to.pathType, to.given) },
		paths: { from: from.pathType, to: to.pathType },
		changes,
		filter,
		onePerChange: options.onePerChange !== false,
		labelNames: options.labelNames !== false,
	};
}
