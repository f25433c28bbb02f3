import { classicPair, parseDelivery, readEvent } from '../../../../nodes/HubspotAssociationsTrigger/helpers/deliveryEvents';
import { classicEvent, genericEvent } from './events';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('reading a delivery', () => {
	it('reads the current format with its type ids, category and type', () => {
		const event = readEvent(genericEvent({ eventId: 5, associationRemoved: true, isPrimaryAssociation: true }));
		expect(event).toEqual({
			eventId: 5,
			portalId: 62515,
			occurredAt: 1765000000000,
			changeSource: 'CRM_UI',
			change: 'removed',
			fromObjectTypeId: '0-1',
			fromObjectId: '101',
			toObjectTypeId: '0-2',
			toObjectId: '201',
			associationCategory: 'HUBSPOT_DEFINED',
			associationTypeId: 279,
			primary: true,
			format: 'generic',
		});
	});

	it('reads custom objects in the current format', () => {
		expect(readEvent(genericEvent({ toObjectTypeId: '2-3456789', associationCategory: 'USER_DEFINED', associationTypeId: 91 }))).toMatchObject({ toObjectTypeId: '2-3456789', associationTypeId: 91 });
	});

	it('reads the classic format, whose associationType names the pair and no type id', () => {
		const event = readEvent(classicEvent({ associationType: 'DEAL_TO_LINE_ITEM', subscriptionType: 'deal.associationChange' }));
		expect(event).toMatchObject({ fromObjectTypeId: '0-3', toObjectTypeId: '0-8', format: 'classic', change: 'added' });
		expect(event?.associationTypeId).toBeUndefined();
		expect(classicPair('PARENT_COMPANY_TO_CHILD_COMPANY')).toEqual({ from: '0-2', to: '0-2' });
		expect(classicPair('CONTACT_TO_SPACESHIP')).toBeUndefined();
	});

	it('takes record ids given as digit strings, and refuses ids that lost precision or are not ids', () => {
		expect(readEvent(genericEvent({ fromObjectId: '12345678901234567' }))?.fromObjectId).toBe('12345678901234567');
		for (const fromObjectId of [2 ** 60, 0, -1, 1.5, '01', '1e3', ' 1', null, true, [1]]) expect(readEvent(genericEvent({ fromObjectId }))).toBeUndefined();
	});

	it.each([
		['portalId', 'x'],
		['occurredAt', 9e15],
		['associationRemoved', 'false'],
		['isPrimaryAssociation', 1],
		['associationTypeId', 0],
		['associationCategory', 'ANY'],
		['fromObjectTypeId', 'contacts'],
		['eventId', { id: 1 }],
		['eventId', '12'],
	])('leaves out an event whose %s is %p', (field, value) => {
		expect(readEvent(genericEvent({ [field]: value }))).toBeUndefined();
	});

	it('counts and leaves out events of other subscriptions', () => {
		const parsed = parseDelivery(body([genericEvent(), { ...genericEvent(), subscriptionType: 'contact.propertyChange' }, 'x', null]));
		expect(parsed).toMatchObject({ ok: true, ignored: 3 });
		expect(parsed.ok && parsed.events).toHaveLength(1);
	});

	it('refuses a body that is not a JSON array, or more events than HubSpot ever sends', () => {
		expect(parseDelivery(Buffer.from('{"eventId":1}'))).toEqual({ ok: false, reason: 'the body is not a JSON array of events' });
		expect(parseDelivery(Buffer.from('[{'))).toEqual({ ok: false, reason: 'the body is not JSON' });
		expect(parseDelivery(body(new Array(1001).fill(0)))).toEqual({ ok: false, reason: 'the body holds 1001 events (HubSpot sends at most 100)' });
	});
});
