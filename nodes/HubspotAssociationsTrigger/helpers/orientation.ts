import { isPrimaryType, type AssociationLabel } from '../../HubspotAssociations/helpers/associationLabels';
import { inverseTypeIds } from '../../HubspotAssociations/helpers/labelNames';
import type { AssociationEvent } from './deliveryEvents';

/** The pair a trigger watches, by object type id. */
export interface WatchedPair {
	fromObjectTypeId: string;
	toObjectTypeId: string;
}

/** An event turned to read from → to, whichever side HubSpot reported it from. */
export interface OrientedEvent {
	event: AssociationEvent;
	fromObjectId: string;
	toObjectId: string;
	/** Reported from the to-side: its type id is the other direction's. */
	reversed: boolean;
}

/** The events between the watched types, of the wanted kinds, each turned from → to. */
export function orientEvents(events: readonly AssociationEvent[], pair: WatchedPair, changes: ReadonlySet<string>): OrientedEvent[] {
	const oriented: OrientedEvent[] = [];
	for (const event of events) {
		if (!changes.has(event.change)) continue;
		if (event.fromObjectTypeId === pair.fromObjectTypeId && event.toObjectTypeId === pair.toObjectTypeId) {
			oriented.push({ event, fromObjectId: event.fromObjectId, toObjectId: event.toObjectId, reversed: false });
		} else if (event.fromObjectTypeId === pair.toObjectTypeId && event.toObjectTypeId === pair.fromObjectTypeId) {
			oriented.push({ event, fromObjectId: event.toObjectId, toObjectId: event.fromObjectId, reversed: true });
		}
	}
	return oriented;
}

/** The association types of both directions, where they could be read. */
export interface PairLabels {
	forward?: readonly AssociationLabel[];
	backward?: readonly AssociationLabel[];
}

/** An event's association type in the from → to direction; nulls where it cannot be known. */
export interface ResolvedType {
	associationCategory: string;
	associationTypeId: number | null;
	label: string | null;
	primary: boolean;
	/** Which events fold together: the plain type and its primary form are one link. */
	group: string;
}

const isUnlabeled = (label: AssociationLabel) => label.category === 'HUBSPOT_DEFINED' && !label.label && !isPrimaryType(label);

/** The forward type a type of the other direction stands for: unlabeled ↔ unlabeled, primary ↔ primary, labels by pairing. */
function forwardOf(reported: AssociationLabel, labels: PairLabels): AssociationLabel | undefined {
	const { forward, backward } = labels;
	if (!forward) return undefined;
	if (isPrimaryType(reported)) return forward.find(isPrimaryType);
	const backwardType = backward?.find((label) => label.category === reported.category && label.typeId === reported.typeId);
	if (backwardType && isUnlabeled(backwardType)) return forward.find(isUnlabeled);
	if (reported.category === 'USER_DEFINED' && backward) return inverseTypeIds(backward, forward).get(reported.typeId);
	return undefined;
}

/** The from → to type of one oriented event. */
export function resolveType(oriented: OrientedEvent, labels: PairLabels): ResolvedType {
	const { event, reversed } = oriented;
	if (event.associationTypeId === undefined || event.associationCategory === undefined) {
		// The classic format names no type: it is the plain link of the pair (or its primary form).
		const plain = labels.forward?.find(event.primary ? isPrimaryType : isUnlabeled);
		return {
			associationCategory: 'HUBSPOT_DEFINED',
			associationTypeId: plain?.typeId ?? null,
			label: plain?.label ?? null,
			primary: event.primary,
			group: 'plain',
		};
	}
	const reported: AssociationLabel = { category: event.associationCategory, typeId: event.associationTypeId };
	const known = reversed ? forwardOf(reported, labels) : labels.forward?.find((label) => label.category === reported.category && label.typeId === reported.typeId);
	const primary = event.primary || isPrimaryType(reported);
	const plain = primary || (reported.category === 'HUBSPOT_DEFINED' && (known ? !known.label : true));
	if (reversed && !known) {
		return { associationCategory: reported.category, associationTypeId: null, label: null, primary, group: plain ? 'plain' : `reverse ${reported.category}:${reported.typeId}` };
	}
	const typeId = known?.typeId ?? reported.typeId;
	return {
		associationCategory: known?.category ?? reported.category,
		associationTypeId: typeId,
		label: known?.label ?? null,
		primary,
		group: plain ? 'plain' : `${known?.category ?? reported.category}:${typeId}`,
	};
}
