import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** What a delivery brings to be checked: the bytes HubSpot signed and the headers it sent. */
export interface SignedDelivery {
	method: string;
	/** The URL HubSpot called: the trigger's public production URL, query included. */
	url: string;
	rawBody: Buffer;
	headers: Record<string, string | string[] | undefined>;
}

export type SignatureVerdict = { ok: true; version: 'v3' | 'v1' } | { ok: false; reason: string };

export interface SignatureSettings {
	now: number;
	/** Accept HubSpot's v1 signature (no timestamp: a captured delivery can be replayed). */
	legacySignatures: boolean;
	/** The v3 signatures accepted lately, each until its timestamp is too old: the same one again is refused. */
	recent?: RecentSignatures;
}

/** A v3 signature → when its timestamp stops being accepted. */
export type RecentSignatures = Map<string, number>;

/** HubSpot refuses to sign anything older; a delivery older than this is a replay or a stuck proxy. */
export const MAX_AGE_MS = 5 * 60_000;
/** How far ahead of this clock HubSpot's may be. */
export const MAX_CLOCK_SKEW_MS = 60_000;

// The encodings HubSpot's request-validation page lists, decoded before hashing; no others.
const DECODINGS: Record<string, string> = {
	'%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
	'%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

export function decodeSignedUri(uri: string): string {
	return uri.replace(/%(?:3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/g, (encoded) => DECODINGS[encoded]);
}

/** HubSpot's v3 signature: Base64 HMAC-SHA256, keyed with the client secret, of method + URI + body + timestamp. */
export function signatureV3(secret: string, method: string, uri: string, rawBody: Buffer, timestamp: string): string {
	return createHmac('sha256', secret).update(`${method}${decodeSignedUri(uri)}`, 'utf8').update(rawBody).update(timestamp, 'utf8').digest('base64');
}

/** HubSpot's v1 signature: hex SHA-256 of the client secret followed by the body. */
export function signatureV1(secret: string, rawBody: Buffer): string {
	return createHash('sha256').update(secret, 'utf8').update(rawBody).digest('hex');
}

/** Compares in constant time, whatever the lengths: both sides are hashed to one size first. */
function sameSignature(given: string, expected: string): boolean {
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}

// HubSpot signs each attempt anew (its timestamp is the attempt's): the same signature twice is a replay.
function firstTime(recent: RecentSignatures, signature: string, validUntil: number, now: number): boolean {
	for (const [known, until] of recent) if (until < now) recent.delete(known);
	if (recent.has(signature)) return false;
	recent.set(signature, validUntil);
	return true;
}

function header(headers: SignedDelivery['headers'], name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/** Whether HubSpot sent this delivery; the reason never holds the secret or the expected signature. */
export function verifySignature(delivery: SignedDelivery, secret: string, settings: SignatureSettings): SignatureVerdict {
	if (secret === '') return { ok: false, reason: 'the credential has no client secret to check signatures with' };
	const v3 = header(delivery.headers, 'x-hubspot-signature-v3');
	if (v3 !== undefined) {
		const timestamp = header(delivery.headers, 'x-hubspot-request-timestamp');
		if (timestamp === undefined || !/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: 'the v3 signature came without a valid X-HubSpot-Request-Timestamp' };
		const age = settings.now - Number(timestamp);
		if (age > MAX_AGE_MS) return { ok: false, reason: `the request timestamp is ${Math.round(age / 1000)} s old (at most ${MAX_AGE_MS / 1000} s accepted)` };
		if (-age > MAX_CLOCK_SKEW_MS) return { ok: false, reason: `the request timestamp is ${Math.round(-age / 1000)} s in the future` };
		const expected = signatureV3(secret, delivery.method.toUpperCase(), delivery.url, delivery.rawBody, timestamp);
		if (!sameSignature(v3, expected)) return { ok: false, reason: 'the v3 signature does not match' };
		if (settings.recent && !firstTime(settings.recent, v3, Number(timestamp) + MAX_AGE_MS, settings.now)) return { ok: false, reason: 'the same signed delivery came again (a replay)' };
		return { ok: true, version: 'v3' };
	}
	const v1 = header(delivery.headers, 'x-hubspot-signature');
	if (v1 === undefined) return { ok: false, reason: 'no X-HubSpot-Signature-v3 header' };
	if (!settings.legacySignatures) return { ok: false, reason: 'only a v1 signature was sent, and the Accept Legacy Signatures option is off' };
	const version = header(delivery.headers, 'x-hubspot-signature-version');
	if (version !== undefined && version.toLowerCase() !== 'v1') return { ok: false, reason: `signature version ${version.slice(0, 8)} is not accepted` };
	return sameSignature(v1.toLowerCase(), signatureV1(secret, delivery.rawBody)) ? { ok: true, version: 'v1' } : { ok: false, reason: 'the v1 signature does not match' };
}
