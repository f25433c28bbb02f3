import { parseDelivery, type AssociationEvent } from './deliveryEvents';
import { verifySignature, type SignatureSettings, type SignedDelivery } from './signature';

export type Acceptance =
	| { ok: true; events: AssociationEvent[]; ignored: number; version: 'v3' | 'v1' }
	| { ok: false; status: 400 | 401; reason: string };

/** Signature first (nothing of an unsigned body is read), then the body's events. */
export function acceptDelivery(delivery: SignedDelivery, secret: string, settings: SignatureSettings): Acceptance {
	const verdict = verifySignature(delivery, secret, settings);
	if (!verdict.ok) return { ok: false, status: 401, reason: verdict.reason };
	const parsed = parseDelivery(delivery.rawBody);
	if (!parsed.ok) return { ok: false, status: 400, reason: parsed.reason };
	return { ok: true, events: parsed.events, ignored: parsed.ignored, version: verdict.version };
}
