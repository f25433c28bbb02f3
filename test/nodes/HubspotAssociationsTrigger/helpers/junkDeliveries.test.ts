import fc from 'fast-check';
import { acceptDelivery } from '../../../../nodes/HubspotAssociationsTrigger/helpers/acceptDelivery';
import { changeItems, deliveryChanges, watchedEvents } from '../../../../nodes/HubspotAssociationsTrigger/helpers/deliveryChanges';
import { signatureV3 } from '../../../../nodes/HubspotAssociationsTrigger/helpers/signature';
import { CONTACTS_TO_COMPANIES, COMPANY_TO_CONTACT_LABELS, CONTACT_TO_COMPANY_LABELS } from './events';

const SECRET = 'fuzz-secret-0c9e1d';
const URL = 'https://n8n.example.com/webhook/abc/associations';
const NOW = 1_765_000_000_000;
const settings = CONTACTS_TO_COMPANIES;

// Values that are wrong for every field of an event (or right for none).
const junkValue = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	fc.double(),
	fc.constantFrom(-1, 0, 2 ** 60, 1.5, Number.MAX_VALUE),
	fc.string({ unit: 'grapheme' }),
	fc.constantFrom('', '0-1', '101', 'object.associationChange', SECRET),
	fc.array(fc.integer(), { maxLength: 3 }),
	fc.dictionary(fc.string(), fc.integer(), { maxKeys: 3 }),
);
const FIELDS = ['eventId', 'portalId', 'occurredAt', 'subscriptionType', 'fromObjectTypeId', 'fromObjectId', 'toObjectTypeId', 'toObjectId', 'associationCategory', 'associationTypeId', 'associationRemoved'];

const safe = (value: unknown, min: number) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
/** Whether a junk value happens to be a right one for its field (a boolean for associationRemoved, 3 for an id). */
function stillRight(field: string, value: unknown): boolean {
	if (field === 'associationRemoved') return typeof value === 'boolean';
	if (field === 'eventId') return safe(value, 0);
	if (field === 'occurredAt') return safe(value, 0) && (value as number) <= 8.64e15;
	if (field === 'fromObjectId' || field === 'toObjectId') return safe(value, 1) || value === '101';
	if (field === 'portalId' || field === 'associationTypeId') return safe(value, 1);
	return false;
}

/** An event that is either well formed (valid) or has one field made junk (and must give no item). */
const event = fc
	.record({
		id: fc.integer({ min: 1, max: 1e9 }),
		from: fc.integer({ min: 1, max: 1e6 }),
		to: fc.integer({ min: 1, max: 1e6 }),
		removed: fc.boolean(),
		reversed: fc.boolean(),
		type: fc.constantFrom(279, 1, 36),
		broken: fc.option(fc.record({ field: fc.constantFrom(...FIELDS), value: junkValue }), { freq: 2 }),
	})
	.map(({ id, from, to, removed, reversed, type, broken }) => {
		const raw: Record<string, unknown> = {
			eventId: id,
			portalId: 62515,
			occurredAt: NOW,
			subscriptionType: 'object.associationChange',
			fromObjectTypeId: reversed ? '0-2' : '0-1',
			fromObjectId: reversed ? to : from,
			toObjectTypeId: reversed ? '0-1' : '0-2',
			toObjectId: reversed ? from : to,
			associationCategory: type === 36 ? 'USER_DEFINED' : 'HUBSPOT_DEFINED',
			associationTypeId: reversed ? { 279: 280, 1: 2, 36: 37 }[type] : type,
			associationRemoved: removed,
		};
		let valid = true;
		if (broken) {
			const before = raw[broken.field];
			raw[broken.field] = broken.value;
			valid = JSON.stringify(before) === JSON.stringify(broken.value) || stillRight(broken.field, broken.value);
		}
		return { raw, valid, id };
	});

const body = fc.oneof(
	fc.array(event, { maxLength: 120 }).map((events) => ({ text: JSON.stringify(events.map((e) => e.raw)), valid: events.filter((e) => e.valid).map((e) => e.id) })),
	fc.jsonValue().map((value) => ({ text: JSON.stringify(value) ?? 'null', valid: [] as number[] })),
	fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ text, valid: [] as number[] })),
	// Duplicated keys: JSON.parse keeps the last, which here is junk.
	event.map((e) => ({ text: `[${JSON.stringify(e.raw).replace(/}$/, ',"fromObjectId":"x"}')}]`, valid: [] as number[] })),
);

describe('junk deliveries (seeded fuzz)', () => {
	it('never throws, never gives an item for a malformed event, never echoes the secret', () => {
		fc.assert(
			fc.property(body, fc.boolean(), fc.boolean(), ({ text, valid }, signed, withLabels) => {
				const rawBody = Buffer.from(text, 'utf8');
				const timestamp = String(NOW);
				const signature = signed ? signatureV3(SECRET, 'POST', URL, rawBody, timestamp) : 'AAAA';
				const delivery = { method: 'POST', url: URL, rawBody, headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp } };
				const accepted = acceptDelivery(delivery, SECRET, { now: NOW, legacySignatures: false });
				if (!accepted.ok) {
					expect(accepted.reason).not.toContain(SECRET);
					expect(accepted.status).toBe(signed ? 400 : 401);
					return;
				}
				expect(signed).toBe(true);
				const labels = withLabels ? { forward: CONTACT_TO_COMPANY_LABELS, backward: COMPANY_TO_CONTACT_LABELS } : {};
				const items = changeItems(deliveryChanges(watchedEvents(accepted.events, settings), labels, settings), settings);
				const emittedIds = items.flatMap((item) => item.eventIds as number[]);
				expect(new Set(emittedIds)).toEqual(new Set(valid));
				for (const item of items) {
					expect(item.fromObjectId).toMatch(/^[1-9]\d*$/);
					expect(item.toObjectId).toMatch(/^[1-9]\d*$/);
					expect(new Date(item.occurredAt as string).toISOString()).toBe(item.occurredAt);
					expect(JSON.stringify(item)).not.toContain(SECRET);
				}
			}),
			{ seed: 21, numRuns: 400 },
		);
	});

	it('answers a 10 MB body at once: refused unsigned, and without an item when signed', () => {
		const rawBody = Buffer.from(`[${'"\u00e9\ud83d\ude00x",'.repeat(1_000_000)}0]`, 'utf8');
		expect(rawBody.length).toBeGreaterThan(10_000_000);
		const headers = (signature: string) => ({ 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(NOW) });
		const delivery = (signature: string) => ({ method: 'POST', url: URL, rawBody, headers: headers(signature) });
		expect(acceptDelivery(delivery('bad'), SECRET, { now: NOW, legacySignatures: false })).toMatchObject({ ok: false, status: 401 });
		const signed = acceptDelivery(delivery(signatureV3(SECRET, 'POST', URL, rawBody, String(NOW))), SECRET, { now: NOW, legacySignatures: false });
		expect(signed).toMatchObject({ ok: false, status: 400, reason: 'the body holds 1000001 events (HubSpot sends at most 100)' });
	});
});
