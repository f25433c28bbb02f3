import type { TriggerSettings } from '../../../../nodes/HubspotAssociationsTrigger/helpers/deliveryChanges';

/** Association-change events as HubSpot sends them, for specs. */
let nextEventId = 1000;

export function genericEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		eventId: nextEventId++,
		subscriptionId: 77,
		portalId: 62515,
		appId: 4242,
		occurredAt: 1765000000000,
		subscriptionType: 'object.associationChange',
		attemptNumber: 0,
		changeSource: 'CRM_UI',
		fromObjectTypeId: '0-1',
		fromObjectId: 101,
		toObjectTypeId: '0-2',
		toObjectId: 201,
		associationCategory: 'HUBSPOT_DEFINED',
		associationTypeId: 279,
		associationRemoved: false,
		isPrimaryAssociation: false,
		...overrides,
	};
}

/** The same change as HubSpot reports it from the other record. */
export function otherSide(event: Record<string, unknown>, associationTypeId: number, eventId = nextEventId++): Record<string, unknown> {
	return {
		...event,
		eventId,
		fromObjectTypeId: event.toObjectTypeId,
		fromObjectId: event.toObjectId,
		toObjectTypeId: event.fromObjectTypeId,
		toObjectId: event.fromObjectId,
		associationTypeId,
	};
}

export function classicEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		eventId: nextEventId++,
		subscriptionId: 78,
		portalId: 62515,
		appId: 4242,
		occurredAt: 1765000000000,
		subscriptionType: 'contact.associationChange',
		attemptNumber: 0,
		changeSource: 'CRM_UI',
		associationType: 'CONTACT_TO_COMPANY',
		fromObjectId: 101,
		toObjectId: 201,
		associationRemoved: false,
		isPrimaryAssociation: false,
		...overrides,
	};
}

/** The association types of contacts → companies and back, as the labels endpoint lists them. */
export const CONTACT_TO_COMPANY_LABELS = [
	{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
	{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
	{ category: 'USER_DEFINED', typeId: 36, label: 'Decision maker' },
	{ category: 'USER_DEFINED', typeId: 38, label: 'Billing contact' },
];
export const COMPANY_TO_CONTACT_LABELS = [
	{ category: 'HUBSPOT_DEFINED', typeId: 280, label: null },
	{ category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' },
	{ category: 'USER_DEFINED', typeId: 37, label: 'Decision maker' },
	{ category: 'USER_DEFINED', typeId: 39, label: 'Billing contact' },
];

/** A trigger watching contacts → companies with every option at its default. */
export const CONTACTS_TO_COMPANIES: TriggerSettings = {
	pair: { fromObjectTypeId: '0-1', toObjectTypeId: '0-2' },
	names: { from: 'contacts', to: 'companies' },
	paths: { from: 'contacts', to: 'companies' },
	changes: new Set(['added', 'removed']),
	filter: undefined,
	onePerChange: true,
	labelNames: true,
};

/** The item of a contact → company "Decision maker" link made in the CRM, reported from both sides (event ids 2 then 1). */
export const DECISION_MAKER_ITEM = {
	change: 'added',
	fromObjectType: 'contacts',
	fromObjectTypeId: '0-1',
	fromObjectId: '101',
	toObjectType: 'companies',
	toObjectTypeId: '0-2',
	toObjectId: '201',
	associationCategory: 'USER_DEFINED',
	associationTypeId: 36,
	label: 'Decision maker',
	primary: false,
	occurredAt: '2025-12-06T05:46:40.000Z',
	portalId: 62515,
	changeSource: 'CRM_UI',
	eventIds: [2, 1],
};
