import { decodeSignedUri, MAX_AGE_MS, signatureV1, signatureV3, verifySignature, type SignedDelivery } from '../../../../nodes/HubspotAssociationsTrigger/helpers/signature';

// A worked example computed outside this code (Python's hmac/hashlib), written down here.
const SECRET = 'client-secret-7f3a';
const URL = 'https://n8n.example.com/webhook/5b1c0d2e-hubspot/associations?source=hubspot';
const BODY =
	'[{"eventId":1,"subscriptionType":"object.associationChange","portalId":62515,"occurredAt":1765000000000,"fromObjectTypeId":"0-1","fromObjectId":101,"toObjectTypeId":"0-2","toObjectId":201,"associationTypeId":279,"associationCategory":"HUBSPOT_DEFINED","associationRemoved":false,"isPrimaryAssociation":false,"changeSource":"CRM_UI","attemptNumber":0}]';
const TIMESTAMP = '1765000000500';
const EXPECTED_V3 = 'fu9zTnDglB4cwPtxBNjds9k8kIXDa8IbydEn93BkJkg=';
// %2F %3F %40 are decoded; %3D, %20 and %7E are not on HubSpot's list and stay as sent.
const ENCODED_URL = 'https://n8n.example.com/webhook/abc/associations?next=%2Fcrm%3Fa%3D1%40b&keep=%20%7E';
const EXPECTED_V3_ENCODED_URL = '5CmM958Oemft+Wu7tjFOi18GIIbwzn67q0d0s+17gHg=';
const EXPECTED_V1 = 'c42fd378b1756f202809829bd19eb55f48b30dc0b8572f6350fbabb10206d319';

const NOW = Number(TIMESTAMP) + 1_000;

function delivery(headers: SignedDelivery['headers'], overrides: Partial<SignedDelivery> = {}): SignedDelivery {
	return { method: 'POST', url: URL, rawBody: Buffer.from(BODY), headers, ...overrides };
}
const v3Headers = (signature = EXPECTED_V3, timestamp = TIMESTAMP) => ({ 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp });
const settings = { now: NOW, legacySignatures: false };

describe('HubSpot webhook signatures', () => {
	it('computes the v3 signature of the worked example', () => {
		expect(signatureV3(SECRET, 'POST', URL, Buffer.from(BODY), TIMESTAMP)).toBe(EXPECTED_V3);
	});

	it('decodes exactly the percent-encodings HubSpot lists before hashing, and no others', () => {
		expect(decodeSignedUri('%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B')).toBe(":/?@!$'()*,;");
		expect(decodeSignedUri('%20%7E%25%2f')).toBe('%20%7E%25%2f');
		expect(signatureV3(SECRET, 'POST', ENCODED_URL, Buffer.from(BODY), TIMESTAMP)).toBe(EXPECTED_V3_ENCODED_URL);
	});

	it('accepts the worked example, and refuses it when any signed part differs', () => {
		expect(verifySignature(delivery(v3Headers()), SECRET, settings)).toEqual({ ok: true, version: 'v3' });
		const refused = (d: SignedDelivery, secret = SECRET) => verifySignature(d, secret, settings);
		expect(refused(delivery(v3Headers()), 'another-secret')).toEqual({ ok: false, reason: 'the v3 signature does not match' });
		expect(refused(delivery(v3Headers(), { url: URL.replace('source', 'sourc') })).ok).toBe(false);
		expect(refused(delivery(v3Headers(), { method: 'PUT' })).ok).toBe(false);
		expect(refused(delivery(v3Headers(), { rawBody: Buffer.from(BODY.replace('101', '102')) })).ok).toBe(false);
		expect(refused(delivery(v3Headers(EXPECTED_V3, String(Number(TIMESTAMP) + 1)))).ok).toBe(false);
		expect(refused(delivery(v3Headers(EXPECTED_V3.slice(0, -2)))).ok).toBe(false);
	});

	it('refuses a timestamp older than 5 minutes or ahead beyond clock skew, however well signed', () => {
		const stale = verifySignature(delivery(v3Headers()), SECRET, { ...settings, now: Number(TIMESTAMP) + MAX_AGE_MS + 1 });
		expect(stale).toEqual({ ok: false, reason: 'the request timestamp is 300 s old (at most 300 s accepted)' });
		const future = verifySignature(delivery(v3Headers()), SECRET, { ...settings, now: Number(TIMESTAMP) - 120_000 });
		expect(future).toEqual({ ok: false, reason: 'the request timestamp is 120 s in the future' });
		expect(verifySignature(delivery(v3Headers(EXPECTED_V3, 'soon')), SECRET, settings).ok).toBe(false);
		expect(verifySignature(delivery({ 'x-hubspot-signature-v3': EXPECTED_V3 }), SECRET, settings).ok).toBe(false);
	});

	it('accepts the v1 signature only with Accept Legacy Signatures on', () => {
		expect(signatureV1(SECRET, Buffer.from(BODY))).toBe(EXPECTED_V1);
		const v1 = delivery({ 'x-hubspot-signature': EXPECTED_V1, 'x-hubspot-signature-version': 'v1' });
		expect(verifySignature(v1, SECRET, settings)).toEqual({ ok: false, reason: 'only a v1 signature was sent, and the Accept Legacy Signatures option is off' });
		expect(verifySignature(v1, SECRET, { ...settings, legacySignatures: true })).toEqual({ ok: true, version: 'v1' });
		const v2 = delivery({ 'x-hubspot-signature': EXPECTED_V1, 'x-hubspot-signature-version': 'v2' });
		expect(verifySignature(v2, SECRET, { ...settings, legacySignatures: true }).ok).toBe(false);
	});

	it('refuses a delivery without a signature, or when the credential has no secret, never naming the secret', () => {
		expect(verifySignature(delivery({}), SECRET, settings)).toEqual({ ok: false, reason: 'no X-HubSpot-Signature-v3 header' });
		expect(verifySignature(delivery(v3Headers()), '', settings)).toEqual({ ok: false, reason: 'the credential has no client secret to check signatures with' });
		const reason = JSON.stringify(verifySignature(delivery(v3Headers('x')), SECRET, settings));
		expect(reason).not.toContain(SECRET);
		expect(reason).not.toContain(EXPECTED_V3);
	});
});
