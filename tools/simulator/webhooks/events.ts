import type { AssociationDefinition } from '../associationDefinitions';
import type { StoreChange } from '../associationStore';
import { PORTAL_ID } from '../objectTypes';

export type EventFormat = 'generic' | 'classic';

/** The classic format's object names (`CONTACT_TO_COMPANY`); other types have no classic events. */
const CLASSIC_NAMES: Record<string, string> = { '0-1': 'CONTACT', '0-2': 'COMPANY', '0-3': 'DEAL', '0-5': 'TICKET', '0-7': 'PRODUCT', '0-8': 'LINE_ITEM' };
const CLASSIC_SUBSCRIPTIONS: Record<string, string> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal', '0-5': 'ticket', '0-8': 'line_item' };

export interface EventOptions {
	formats: readonly EventFormat[];
	appId: number;
	occurredAt: number;
	changeSource: string;
	nextEventId: () => number;
}

/**
 * What HubSpot sends for one type a pair gained or lost: one event from each record (both sides),
 * in each subscribed format; a primary type is flagged `isPrimaryAssociation`.
 */
export function eventsForChange(change: StoreChange, options: EventOptions): Record<string, unknown>[] {
	const events: Record<string, unknown>[] = [];
	for (const [from, to] of [[change.from, change.to], [change.to, change.from]]) {
		const side = sideOf(change.definition, from.objectTypeId, to.objectTypeId);
		const common = {
			eventId: options.nextEventId(),
			subscriptionId: 0,
			portalId: PORTAL_ID,
			appId: options.appId,
			occurredAt: options.occurredAt,
			attemptNumber: 0,
			changeSource: options.changeSource,
			fromObjectId: Number(from.id),
			toObjectId: Number(to.id),
			associationRemoved: change.removed,
			isPrimaryAssociation: change.definition.onePerA === true,
		};
		if (options.formats.includes('generic')) {
			events.push({
				...common,
				subscriptionType: 'object.associationChange',
				fromObjectTypeId: from.objectTypeId,
				toObjectTypeId: to.objectTypeId,
				associationCategory: change.definition.category,
				associationTypeId: side.typeId,
			});
		}
		const [fromName, toName, subscription] = [CLASSIC_NAMES[from.objectTypeId], CLASSIC_NAMES[to.objectTypeId], CLASSIC_SUBSCRIPTIONS[from.objectTypeId]];
		if (options.formats.includes('classic') && fromName && toName && subscription) {
			events.push({ ...common, eventId: options.nextEventId(), subscriptionType: `${subscription}.associationChange`, associationType: `${fromName}_TO_${toName}` });
		}
	}
	return events;
}

function sideOf(definition: AssociationDefinition, fromTypeId: string, toTypeId: string) {
	if (definition.a === definition.b) return definition.aToB;
	return fromTypeId === definition.a && toTypeId === definition.b ? definition.aToB : definition.bToA;
}
