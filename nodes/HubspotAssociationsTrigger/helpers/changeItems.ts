import type { IDataObject } from 'n8n-workflow';
import { oppositeKey, sameMoment, undoneBetween } from './emittedChanges';
import type { OrientedEvent, ResolvedType } from './orientation';

/** One association change as the trigger emits it: one or more of HubSpot's events folded. */
export interface AssociationChange {
	oriented: OrientedEvent;
	type: ResolvedType;
	eventIds: number[];
	/** The exact changes it stands for, as remembered against redeliveries. */
	keys: string[];
	/** When HubSpot says it happened: the earliest of its reports. */
	occurredAt: number;
}

/** One event with its from → to type, before folding. */
export interface TypedEvent {
	oriented: OrientedEvent;
	type: ResolvedType;
}

function linkKey({ oriented }: TypedEvent, sameTypes: boolean): string {
	const { event } = oriented;
	// A same-type link (contact ↔ contact) comes once from each record: the pair is unordered.
	const ids = sameTypes ? [oriented.fromObjectId, oriented.toObjectId].sort() : [oriented.fromObjectId, oriented.toObjectId];
	return `${event.portalId} ${event.change} ${ids.join(' ')}`;
}

/** The key a change is remembered by: the link, its kind of type, and whether it was the primary form. */
function exactKey(typed: TypedEvent, sameTypes: boolean): string {
	return `${linkKey(typed, sameTypes)} ${typed.type.group}${typed.type.primary ? ' primary' : ''}`;
}

/** Folds the events of one change (both sides, a primary link and its plain type) into one. */
export function foldChanges(events: readonly TypedEvent[], sameTypes: boolean): AssociationChange[] {
	const folded = new Map<string, AssociationChange[]>();
	const times = new Map<string, number[]>();
	for (const typed of events) {
		const key = `${linkKey(typed, sameTypes)} ${typed.type.group}`;
		times.set(key, [...(times.get(key) ?? []), typed.oriented.event.occurredAt]);
	}
	const all: AssociationChange[] = [];
	for (const typed of events) {
		const key = `${linkKey(typed, sameTypes)} ${typed.type.group}`;
		const exact = exactKey(typed, sameTypes);
		const { occurredAt } = typed.oriented.event;
		// The same link linked, unlinked and linked again in one delivery is two changes, told apart by time
		// and by the unlinking between them, however close.
		const undone = times.get(oppositeKey(key)) ?? [];
		const known = folded.get(key)?.find((change) => sameMoment(change.occurredAt, occurredAt) && !undoneBetween(undone, change.occurredAt, occurredAt));
		if (!known) {
			const change = { ...typed, eventIds: [typed.oriented.event.eventId], keys: [exact], occurredAt };
			folded.set(key, [...(folded.get(key) ?? []), change]);
			all.push(change);
			continue;
		}
		if (!known.eventIds.includes(typed.oriented.event.eventId)) known.eventIds.push(typed.oriented.event.eventId);
		if (!known.keys.includes(exact)) known.keys.push(exact);
		known.type = mergedType(known, typed);
		// The side HubSpot reported from → to is kept: its ids and type need no turning.
		if (known.oriented.reversed && !typed.oriented.reversed) known.oriented = typed.oriented;
		known.occurredAt = Math.min(known.occurredAt, occurredAt);
	}
	return all;
}

/** A primary link reads as the plain type flagged primary; a known type wins over an unknown one. */
function mergedType(known: AssociationChange, typed: TypedEvent): ResolvedType {
	const primary = known.type.primary || typed.type.primary;
	const plainFirst = !typed.type.primary && typed.type.associationTypeId !== null ? typed.type : known.type.associationTypeId !== null ? known.type : typed.type;
	return { ...plainFirst, primary };
}

/** Every event as a change of its own (One Item per Change off). */
export function unfoldedChanges(events: readonly TypedEvent[], sameTypes: boolean): AssociationChange[] {
	return events.map((typed) => ({ ...typed, eventIds: [typed.oriented.event.eventId], keys: [`${exactKey(typed, sameTypes)} ${typed.oriented.event.eventId}`], occurredAt: typed.oriented.event.occurredAt }));
}

export interface ObjectTypeNames {
	from: string;
	to: string;
}

/** The output item of one change. */
export function changeItem(change: AssociationChange, pair: { fromObjectTypeId: string; toObjectTypeId: string }, names: ObjectTypeNames): IDataObject {
	const { event, fromObjectId, toObjectId } = change.oriented;
	return {
		change: event.change,
		fromObjectType: names.from,
		fromObjectTypeId: pair.fromObjectTypeId,
		fromObjectId,
		toObjectType: names.to,
		toObjectTypeId: pair.toObjectTypeId,
		toObjectId,
		associationCategory: change.type.associationCategory,
		associationTypeId: change.type.associationTypeId,
		label: change.type.label,
		primary: change.type.primary,
		occurredAt: new Date(change.occurredAt).toISOString(),
		portalId: event.portalId,
		changeSource: event.changeSource,
		eventIds: change.eventIds,
	};
}
