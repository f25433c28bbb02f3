import type { IDataObject } from 'n8n-workflow';
import { changeItem, foldChanges, unfoldedChanges, type AssociationChange, type ObjectTypeNames } from './changeItems';
import type { AssociationEvent } from './deliveryEvents';
import { orientEvents, resolveType, type OrientedEvent, type PairLabels, type WatchedPair } from './orientation';
import { passesTypeFilter, type TypeFilter } from './typeFilter';

/** What the node's parameters ask of a delivery. */
export interface TriggerSettings {
	pair: WatchedPair;
	names: ObjectTypeNames;
	/** The object types as they go in HubSpot's URL paths (for the labels endpoint). */
	paths: ObjectTypeNames;
	changes: ReadonlySet<string>;
	filter: TypeFilter;
	onePerChange: boolean;
	labelNames: boolean;
}

/** The events of a delivery the trigger cares about, turned from → to. */
export function watchedEvents(events: readonly AssociationEvent[], settings: TriggerSettings): OrientedEvent[] {
	return orientEvents(events, settings.pair, settings.changes);
}

/** Which directions' association types the events need read: for label text, for turning a reversed type, for the classic format. */
export function labelsNeeded(events: readonly OrientedEvent[], settings: TriggerSettings): { forward: boolean; backward: boolean } {
	if (events.length === 0) return { forward: false, backward: false };
	const byName = settings.labelNames || (settings.filter?.labelNames.length ?? 0) > 0;
	const backward = events.some(({ reversed, event }) => reversed && event.format === 'generic');
	const classic = events.some(({ event }) => event.format === 'classic');
	return { forward: byName || backward || classic, backward };
}

/** The changes of a delivery, folded (One Item per Change) or one per event, in the order they happened. */
export function deliveryChanges(events: readonly OrientedEvent[], labels: PairLabels, settings: TriggerSettings): AssociationChange[] {
	const sameTypes = settings.pair.fromObjectTypeId === settings.pair.toObjectTypeId;
	const typed = events.map((oriented) => ({ oriented, type: resolveType(oriented, labels) })).filter(({ type }) => passesTypeFilter(type, settings.filter, labels.forward !== undefined));
	const changes = settings.onePerChange ? foldChanges(typed, sameTypes) : unfoldedChanges(typed, sameTypes);
	if (!settings.labelNames) for (const change of changes) change.type = { ...change.type, label: null };
	// HubSpot sends events in no order: a workflow that applies the items one by one ends where HubSpot is.
	return changes.sort((a, b) => a.occurredAt - b.occurredAt);
}

export function changeItems(changes: readonly AssociationChange[], settings: TriggerSettings): IDataObject[] {
	return changes.map((change) => changeItem(change, settings.pair, settings.names));
}
