import type { AssociationEvent } from '../../../../nodes/HubspotAssociationsTrigger/helpers/deliveryEvents';
import { readEvent } from '../../../../nodes/HubspotAssociationsTrigger/helpers/deliveryEvents';
import { changeItems, deliveryChanges, labelsNeeded, watchedEvents, type TriggerSettings } from '../../../../nodes/HubspotAssociationsTrigger/helpers/deliveryChanges';
import type { PairLabels } from '../../../../nodes/HubspotAssociationsTrigger/helpers/orientation';
import { parseTypeFilter } from '../../../../nodes/HubspotAssociationsTrigger/helpers/typeFilter';
import { CONTACTS_TO_COMPANIES, classicEvent, COMPANY_TO_CONTACT_LABELS, CONTACT_TO_COMPANY_LABELS, DECISION_MAKER_ITEM, genericEvent, otherSide } from './events';

const settings = CONTACTS_TO_COMPANIES;
const LABELS: PairLabels = { forward: CONTACT_TO_COMPANY_LABELS, backward: COMPANY_TO_CONTACT_LABELS };

function events(...raw: Record<string, unknown>[]): AssociationEvent[] {
	return raw.map((value) => readEvent(value) as AssociationEvent);
}
function items(raw: Record<string, unknown>[], labels: PairLabels = LABELS, overrides: Partial<TriggerSettings> = {}) {
	const s = { ...settings, ...overrides };
	return changeItems(deliveryChanges(watchedEvents(events(...raw), s), labels, s), s);
}

describe('from a delivery to items', () => {
	it('folds a link reported from both sides into one item, oriented from → to, with both event ids', () => {
		const contactSide = genericEvent({ eventId: 1, associationCategory: 'USER_DEFINED', associationTypeId: 36 });
		const companySide = otherSide(contactSide, 37, 2);
		expect(items([companySide, contactSide])).toEqual([DECISION_MAKER_ITEM]);
	});

	it('gives the changes of a delivery in the order they happened, not the order HubSpot sent them', () => {
		const removed = genericEvent({ occurredAt: 1765000060000, associationRemoved: true });
		const added = genericEvent({ occurredAt: 1765000000000 });
		expect(items([removed, added]).map((item) => item.change)).toEqual(['added', 'removed']);
	});

	it('turns a change reported only from the to-side into the from → to type', () => {
		const companySide = otherSide(genericEvent({ associationCategory: 'USER_DEFINED' }), 39);
		expect(items([companySide])[0]).toMatchObject({ fromObjectId: '101', toObjectId: '201', associationTypeId: 38, label: 'Billing contact' });
		const plain = otherSide(genericEvent(), 280);
		expect(items([plain])[0]).toMatchObject({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279, label: null, primary: false });
	});

	it('folds a primary link and its plain type into one item flagged primary', () => {
		const plain = genericEvent({ eventId: 10 });
		const primary = genericEvent({ eventId: 11, associationTypeId: 1, isPrimaryAssociation: true });
		const theirs = otherSide(genericEvent(), 2, 12);
		expect(items([primary, plain, theirs])).toEqual([expect.objectContaining({ associationTypeId: 279, label: null, primary: true, eventIds: [11, 10, 12] })]);
	});

	it('keeps each event as an item of its own with One Item per Change off', () => {
		const contactSide = genericEvent();
		expect(items([contactSide, otherSide(contactSide, 280)], LABELS, { onePerChange: false })).toHaveLength(2);
	});

	it('ignores other pairs and other kinds of change', () => {
		const deal = genericEvent({ toObjectTypeId: '0-3' });
		expect(items([deal])).toEqual([]);
		expect(items([genericEvent({ associationRemoved: true })], LABELS, { changes: new Set(['added']) })).toEqual([]);
	});

	it('maps the classic format to the pair’s unlabeled type (or its primary one)', () => {
		expect(items([classicEvent()])[0]).toMatchObject({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279, primary: false });
		expect(items([classicEvent({ isPrimaryAssociation: true })])[0]).toMatchObject({ associationTypeId: 1, primary: true, label: 'Primary' });
	});

	it('keeps the event when the labels could not be read: label null, and a to-side type it cannot turn null', () => {
		const forwardOnly = items([genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 36 })], {});
		expect(forwardOnly[0]).toMatchObject({ associationTypeId: 36, label: null });
		const reversed = items([otherSide(genericEvent({ associationCategory: 'USER_DEFINED' }), 37)], {});
		expect(reversed[0]).toMatchObject({ fromObjectId: '101', toObjectId: '201', associationCategory: 'USER_DEFINED', associationTypeId: null, label: null });
		expect(items([classicEvent()], {})[0]).toMatchObject({ associationTypeId: null });
	});

	it('filters by CATEGORY:id or by label text, in any case', () => {
		const raw = [genericEvent(), genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 36 }), genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 38 })];
		expect(items(raw, LABELS, { filter: parseTypeFilter(['USER_DEFINED:38']) }).map((item) => item.associationTypeId)).toEqual([38]);
		expect(items(raw, LABELS, { filter: parseTypeFilter(['decision MAKER']) }).map((item) => item.associationTypeId)).toEqual([36]);
		expect(parseTypeFilter([])).toBeUndefined();
		expect(() => parseTypeFilter(['USER_DEFINED:x'])).toThrow('Association Types (associationTypes)');
	});

	it('gives label null everywhere with Label Names off', () => {
		expect(items([genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 36 })], LABELS, { labelNames: false })[0].label).toBeNull();
	});

	it('folds a same-type link (contact ↔ contact) reported from both records', () => {
		const same = { ...settings, pair: { fromObjectTypeId: '0-1', toObjectTypeId: '0-1' }, names: { from: 'contacts', to: 'contacts' } };
		const mine = genericEvent({ toObjectTypeId: '0-1', toObjectId: 102, associationTypeId: 449 });
		expect(items([mine, otherSide(mine, 449)], { forward: [{ category: 'HUBSPOT_DEFINED', typeId: 449, label: null }] }, same)).toHaveLength(1);
	});

	it('asks for the labels only where they are needed', () => {
		const forwardOnly = watchedEvents(events(genericEvent()), settings);
		expect(labelsNeeded(forwardOnly, { ...settings, labelNames: false })).toEqual({ forward: false, backward: false });
		expect(labelsNeeded(forwardOnly, settings)).toEqual({ forward: true, backward: false });
		expect(labelsNeeded(watchedEvents(events(otherSide(genericEvent(), 280)), settings), { ...settings, labelNames: false })).toEqual({ forward: true, backward: true });
		expect(labelsNeeded([], settings)).toEqual({ forward: false, backward: false });
	});
});
