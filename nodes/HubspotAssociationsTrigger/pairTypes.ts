import { sleep, type IWebhookFunctions } from 'n8n-workflow';
import type { AssociationLabel } from '../HubspotAssociations/helpers/associationLabels';
import { knownObjectTypeId, objectTypeName } from '../HubspotAssociations/helpers/objectTypes';
import { authenticationOf, createHubSpotClient, DEFAULT_CLIENT_SETTINGS, type HubSpotClient } from '../HubspotAssociations/transport';
import type { PairLabels } from './helpers/orientation';

/** Label texts change rarely; a few minutes spares HubSpot a read per delivery. */
export const LABELS_KEPT_MS = 5 * 60_000;
/** HubSpot waits 5 s for the answer: a delivery waits no longer than this for label texts (then `label` is null). */
export const LABELS_WAIT_MS = 3_000;

interface Kept<T> {
	at: number;
	value: Promise<T | undefined>;
}

// One process's reads, shared by every delivery of every trigger using the same credential.
const kept = new Map<string, Kept<unknown>>();
const MAX_KEPT = 500;

/** Reads once per key and keeps a success for LABELS_KEPT_MS; a failure (undefined) is read again next time. */
async function readKept<T>(key: string, now: number, read: () => Promise<T | undefined>): Promise<T | undefined> {
	const known = kept.get(key) as Kept<T> | undefined;
	if (known && now - known.at < LABELS_KEPT_MS) return await known.value;
	if (kept.size >= MAX_KEPT) kept.clear();
	// A read that throws (a credential gone) counts as a failed read: the event goes on without labels.
	const value = read().then(
		(result) => result,
		() => undefined,
	).then((result) => {
		if (result === undefined && kept.get(key)?.value === value) kept.delete(key);
		return result;
	});
	kept.set(key, { at: now, value });
	return await value;
}

/** Forgets every kept read (specs start from nothing). */
export function forgetKeptReads(): void {
	kept.clear();
}

// The delivery waits for these reads and HubSpot waits 5 s for its answer: no retries.
function clientFor(context: IWebhookFunctions): HubSpotClient {
	return createHubSpotClient(context, { ...DEFAULT_CLIENT_SETTINGS, maxRetries: 0 });
}

function credentialKey(context: IWebhookFunctions): string {
	const type = authenticationOf(context) === 'appToken' ? 'hubspotAssociationsAppTokenApi' : 'hubspotAssociationsOAuth2Api';
	return `${type} ${context.getNode().credentials?.[type]?.id ?? ''}`;
}

/** An object type as the trigger compares it with events: its type id; a custom object's name is looked up once. */
export async function objectTypeIdOf(context: IWebhookFunctions, pathType: string, now: number): Promise<string | undefined> {
	const known = knownObjectTypeId(pathType);
	if (known) return known;
	return await readKept(`${credentialKey(context)} schema ${pathType}`, now, async () => {
		const client = clientFor(context);
		const answer = await client.request({ method: 'GET', path: `/crm-object-schemas/${client.settings.apiVersion}/schemas/${encodeURIComponent(pathType)}` });
		const id = answer.ok ? (answer.body as { objectTypeId?: unknown })?.objectTypeId : undefined;
		return typeof id === 'string' ? id : undefined;
	});
}

/** The name an item gives an object type: HubSpot's standard name, or the type as the user gave it. */
export function objectTypeNameOf(pathType: string, given: string): string {
	return objectTypeName(pathType) ?? given;
}

async function directionLabels(context: IWebhookFunctions, from: string, to: string, now: number): Promise<AssociationLabel[] | undefined> {
	return await readKept(`${credentialKey(context)} labels ${from} ${to}`, now, async () => {
		const client = clientFor(context);
		const answer = await client.request({ method: 'GET', path: client.associationsPath(from, to, 'labels') });
		const results = answer.ok ? (answer.body as { results?: unknown })?.results : undefined;
		return Array.isArray(results) ? (results.filter((label) => label && typeof label === 'object') as AssociationLabel[]) : undefined;
	});
}

/** The association types of the directions asked for; a direction that could not be read stays undefined. */
export async function pairLabels(context: IWebhookFunctions, pair: { from: string; to: string }, needed: { forward: boolean; backward: boolean }, now: number): Promise<PairLabels> {
	if (!needed.forward && !needed.backward) return {};
	// A slow read goes on and is kept for the next deliveries; this one is answered in time, without it.
	const late = sleep(LABELS_WAIT_MS).then(() => undefined);
	const inTime = async (read: Promise<AssociationLabel[] | undefined>) => await Promise.race([read, late]);
	const [forward, backward] = await Promise.all([
		needed.forward ? inTime(directionLabels(context, pair.from, pair.to, now)) : undefined,
		needed.backward ? inTime(directionLabels(context, pair.to, pair.from, now)) : undefined,
	]);
	return { forward, backward };
}
