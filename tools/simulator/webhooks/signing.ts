import { createHash, createHmac } from 'crypto';

// The simulator signs as HubSpot documents it, written apart from the node's checker so
// that each is held to HubSpot's worked example on its own (test/tools/simulator/webhooks.test.ts).

const HUBSPOT_DECODED = [':', '/', '?', '@', '!', '$', "'", '(', ')', '*', ',', ';'];

/** The URI as HubSpot hashes it: the characters it lists written plainly instead of percent-encoded. */
export function uriAsSigned(uri: string): string {
	let decoded = uri;
	for (const character of HUBSPOT_DECODED) decoded = decoded.split(`%${character.charCodeAt(0).toString(16).toUpperCase()}`).join(character);
	return decoded;
}

/** `X-HubSpot-Signature-v3`: Base64 of HMAC-SHA256(client secret, method + uri + body + timestamp). */
export function signV3(clientSecret: string, method: string, uri: string, body: string, timestamp: number): string {
	return createHmac('sha256', clientSecret).update(`${method}${uriAsSigned(uri)}${body}${timestamp}`, 'utf8').digest('base64');
}

/** `X-HubSpot-Signature` (v1): hex SHA-256 of client secret + body. */
export function signV1(clientSecret: string, body: string): string {
	return createHash('sha256').update(`${clientSecret}${body}`, 'utf8').digest('hex');
}
