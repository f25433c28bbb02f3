import { ASSOCIATION_CATEGORIES, type AssociationCategory } from '../../HubspotAssociations/helpers/interfaces';
import { CLASSIC_OBJECT_TYPE_IDS, CLASSIC_SUBSCRIPTION, GENERIC_SUBSCRIPTION } from './subscriptions';

/** One association-change event, in either of HubSpot's formats, with every field checked. */
export interface AssociationEvent {
	eventId: number;
	portalId: number;
	occurredAt: number;
	changeSource: string | null;
	change: 'added' | 'removed';
	fromObjectTypeId: string;
	fromObjectId: string;
	toObjectTypeId: string;
	toObjectId: string;
	/** Absent in the classic format, which names the pair but not the type. */
	associationCategory?: AssociationCategory;
	associationTypeId?: number;
	primary: boolean;
	format: 'generic' | 'classic';
}

export type ParsedDelivery = { ok: true; events: AssociationEvent[]; ignored: number } | { ok: false; reason: string };

/** HubSpot sends at most 100; a delivery of more is not HubSpot's and is refused whole. */
export const MAX_EVENTS_PER_DELIVERY = 1000;

const TYPE_ID = /^[02]-[1-9]\d{0,9}$/;
const RECORD_ID = /^[1-9]\d{0,19}$/;
const LATEST_DATE_MS = 8.64e15;

type Raw = Record<string, unknown>;

function recordId(value: unknown): string | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
	return typeof value === 'string' && RECORD_ID.test(value) ? value : undefined;
}

// HubSpot's event ids are numbers (not guaranteed unique, so only reported, never relied on).
function eventId(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

const positiveInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** The object type ids of a classic `associationType` such as `CONTACT_TO_COMPANY`. */
export function classicPair(associationType: unknown): { from: string; to: string } | undefined {
	if (typeof associationType !== 'string') return undefined;
	for (const [name, from] of Object.entries(CLASSIC_OBJECT_TYPE_IDS)) {
		if (!associationType.startsWith(`${name}_TO_`)) continue;
		const to = CLASSIC_OBJECT_TYPE_IDS[associationType.slice(name.length + 4)];
		if (to) return { from, to };
	}
	return undefined;
}

/** The pair and type of an event, by its format; undefined when the event is not an association change. */
function readPair(raw: Raw): Pick<AssociationEvent, 'fromObjectTypeId' | 'toObjectTypeId' | 'associationCategory' | 'associationTypeId' | 'format'> | undefined {
	if (raw.subscriptionType === GENERIC_SUBSCRIPTION) {
		const { fromObjectTypeId, toObjectTypeId, associationCategory, associationTypeId } = raw;
		if (typeof fromObjectTypeId !== 'string' || !TYPE_ID.test(fromObjectTypeId)) return undefined;
		if (typeof toObjectTypeId !== 'string' || !TYPE_ID.test(toObjectTypeId)) return undefined;
		if (!(ASSOCIATION_CATEGORIES as readonly unknown[]).includes(associationCategory) || !positiveInteger(associationTypeId)) return undefined;
		return { fromObjectTypeId, toObjectTypeId, associationCategory: associationCategory as AssociationCategory, associationTypeId, format: 'generic' };
	}
	if (typeof raw.subscriptionType === 'string' && CLASSIC_SUBSCRIPTION.test(raw.subscriptionType)) {
		const pair = classicPair(raw.associationType);
		return pair ? { fromObjectTypeId: pair.from, toObjectTypeId: pair.to, format: 'classic' } : undefined;
	}
	return undefined;
}

/** One event, or undefined for anything that is not a well-formed association change. */
export function readEvent(value: unknown): AssociationEvent | undefined {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const raw = value as Raw;
	const pair = readPair(raw);
	if (!pair) return undefined;
	const id = eventId(raw.eventId);
	const fromObjectId = recordId(raw.fromObjectId);
	const toObjectId = recordId(raw.toObjectId);
	const { portalId, occurredAt, associationRemoved, isPrimaryAssociation, changeSource } = raw;
	if (id === undefined || fromObjectId === undefined || toObjectId === undefined || !positiveInteger(portalId)) return undefined;
	if (typeof occurredAt !== 'number' || !Number.isSafeInteger(occurredAt) || occurredAt < 0 || occurredAt > LATEST_DATE_MS) return undefined;
	if (typeof associationRemoved !== 'boolean') return undefined;
	if (isPrimaryAssociation !== undefined && typeof isPrimaryAssociation !== 'boolean') return undefined;
	return {
		eventId: id,
		portalId,
		occurredAt,
		changeSource: typeof changeSource === 'string' && changeSource.length <= 100 ? changeSource : null,
		change: associationRemoved ? 'removed' : 'added',
		fromObjectId,
		toObjectId,
		primary: isPrimaryAssociation === true,
		...pair,
	};
}

/** A delivery's body: a JSON array of events. Events of other subscriptions, or malformed ones, are counted and left out. */
export function parseDelivery(rawBody: Buffer): ParsedDelivery {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { ok: false, reason: 'the body is not JSON' };
	}
	if (!Array.isArray(parsed)) return { ok: false, reason: 'the body is not a JSON array of events' };
	if (parsed.length > MAX_EVENTS_PER_DELIVERY) return { ok: false, reason: `the body holds ${parsed.length} events (HubSpot sends at most 100)` };
	const events: AssociationEvent[] = [];
	for (const value of parsed) {
		const event = readEvent(value);
		if (event) events.push(event);
	}
	return { ok: true, events, ignored: parsed.length - events.length };
}
