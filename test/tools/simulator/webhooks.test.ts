import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { startSimulator, WebhookSender, type HubSpotSimulator } from '../../../tools/simulator';
import { signV1, signV3 } from '../../../tools/simulator/webhooks/signing';
import { verifySignature } from '../../../nodes/HubspotAssociationsTrigger/helpers/signature';

// HubSpot's signing as a worked example computed outside this code (Python's hmac), written down here.
const SECRET = 'client-secret-7f3a';
const BODY =
	'[{"eventId":1,"subscriptionType":"object.associationChange","portalId":62515,"occurredAt":1765000000000,"fromObjectTypeId":"0-1","fromObjectId":101,"toObjectTypeId":"0-2","toObjectId":201,"associationTypeId":279,"associationCategory":"HUBSPOT_DEFINED","associationRemoved":false,"isPrimaryAssociation":false,"changeSource":"CRM_UI","attemptNumber":0}]';

interface Received {
	headers: IncomingMessage['headers'];
	body: string;
	events: Array<Record<string, unknown>>;
}

/** A webhook endpoint that records what it receives and answers with `answer`. */
async function receiver(answer: (received: Received, index: number) => Promise<number> | number = () => 200) {
	const received: Received[] = [];
	let inFlight = 0;
	let peak = 0;
	const server: Server = createServer((request, response) => {
		inFlight++;
		peak = Math.max(peak, inFlight);
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', async () => {
			const body = Buffer.concat(chunks).toString();
			const entry = { headers: request.headers, body, events: JSON.parse(body) };
			received.push(entry);
			const status = await answer(entry, received.length - 1);
			inFlight--;
			response.writeHead(status).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/associations`;
	return { url, received, peak: () => peak, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let sim: HubSpotSimulator;
beforeEach(async () => {
	sim = await startSimulator({ seed: 7 });
});
afterEach(async () => {
	await sim.close();
});

describe('the simulator as HubSpot sending webhooks', () => {
	it('signs as HubSpot documents (worked example)', () => {
		const uri = 'https://n8n.example.com/webhook/5b1c0d2e-hubspot/associations?source=hubspot';
		expect(signV3(SECRET, 'POST', uri, BODY, 1765000000500)).toBe('fu9zTnDglB4cwPtxBNjds9k8kIXDa8IbydEn93BkJkg=');
		const encoded = 'https://n8n.example.com/webhook/abc/associations?next=%2Fcrm%3Fa%3D1%40b&keep=%20%7E';
		expect(signV3(SECRET, 'POST', encoded, BODY, 1765000000500)).toBe('5CmM958Oemft+Wu7tjFOi18GIIbwzn67q0d0s+17gHg=');
		expect(signV1(SECRET, BODY)).toBe('c42fd378b1756f202809829bd19eb55f48b30dc0b8572f6350fbabb10206d319');
	});

	it('reports a link from both records, a primary link also as its plain type, in both formats', async () => {
		const endpoint = await receiver();
		const sender = sim.subscribeWebhooks({ targetUrl: endpoint.url, formats: ['generic', 'classic'] });
		sim.state.associate('contacts', '101', 'companies', '201', [1]);
		await sender.flush();
		const events = endpoint.received.flatMap((delivery) => delivery.events);
		const generic = events.filter((event) => event.subscriptionType === 'object.associationChange').map((event) => `${event.fromObjectTypeId}:${event.fromObjectId}→${event.toObjectTypeId}:${event.toObjectId} ${event.associationTypeId} ${event.isPrimaryAssociation}`);
		expect(generic.sort()).toEqual(['0-1:101→0-2:201 1 true', '0-1:101→0-2:201 279 false', '0-2:201→0-1:101 2 true', '0-2:201→0-1:101 280 false']);
		const classic = events.filter((event) => event.subscriptionType !== 'object.associationChange');
		expect(classic.map((event) => `${event.subscriptionType} ${event.associationType}`).sort()).toEqual([
			'company.associationChange COMPANY_TO_CONTACT',
			'company.associationChange COMPANY_TO_CONTACT',
			'contact.associationChange CONTACT_TO_COMPANY',
			'contact.associationChange CONTACT_TO_COMPANY',
		]);
		expect(events.every((event) => event.portalId === 12345678 && event.associationRemoved === false && event.attemptNumber === 0)).toBe(true);
		await endpoint.close();
	});

	it('sends batches of at most 100 events, at most 10 deliveries at once, each signed', async () => {
		const endpoint = await receiver(async () => {
			await new Promise((resolve) => setTimeout(resolve, 30));
			return 204;
		});
		const sender = sim.subscribeWebhooks({ targetUrl: endpoint.url });
		for (let id = 1; id <= 1_000; id++) sim.state.associate('contacts', String(id), 'companies', String(id));
		const deliveries = await sender.flush();
		expect(deliveries).toHaveLength(20);
		expect(endpoint.received.map((delivery) => delivery.events.length)).toEqual(new Array(20).fill(100));
		expect(endpoint.peak()).toBe(10);
		const now = Date.now();
		for (const { headers, body } of endpoint.received) {
			const verdict = verifySignature({ method: 'POST', url: endpoint.url, rawBody: Buffer.from(body), headers }, sim.oauthClient.clientSecret, { now, legacySignatures: false });
			expect(verdict).toEqual({ ok: true, version: 'v3' });
		}
		await endpoint.close();
	});

	it('retries a failed delivery with the next attemptNumber, up to 10 times', async () => {
		const endpoint = await receiver((_delivery, index) => (index < 2 ? 500 : 200));
		const sender = sim.subscribeWebhooks({ targetUrl: endpoint.url });
		sim.state.associate('contacts', '5', 'companies', '6');
		const deliveries = await sender.flush();
		expect(deliveries.map((delivery) => [delivery.attemptNumber, delivery.status])).toEqual([[0, 500], [1, 500], [2, 200]]);
		expect(endpoint.received.map((delivery) => delivery.events[0].attemptNumber)).toEqual([0, 1, 2]);
		const never = await receiver(() => 503);
		const stubborn = new WebhookSender({ targetUrl: never.url, clientSecret: 's' });
		stubborn.queue([{ eventId: 1 }]);
		expect((await stubborn.flush()).map((delivery) => delivery.attemptNumber)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		await Promise.all([endpoint.close(), never.close()]);
	});

	it('spoils deliveries on demand: a bad signature, a stale timestamp, none at all; v1 for older apps', async () => {
		const endpoint = await receiver(() => 200);
		const sender = sim.subscribeWebhooks({ targetUrl: endpoint.url, batchSize: 1, maxConcurrent: 1, signatures: ['v3', 'v1'] });
		sender.tamperings.push('badSignature', 'staleTimestamp', 'noSignature');
		sim.state.associate('contacts', '7', 'companies', '8');
		sim.state.associate('contacts', '7', 'companies', '9');
		await sender.flush();
		const check = (legacySignatures: boolean) => endpoint.received.map(({ headers, body }) => verifySignature({ method: 'POST', url: endpoint.url, rawBody: Buffer.from(body), headers }, sim.oauthClient.clientSecret, { now: Date.now(), legacySignatures }));
		expect(check(false).map((verdict) => verdict.ok)).toEqual([false, false, false, true]);
		expect(check(false)[1]).toMatchObject({ reason: expect.stringMatching(/^the request timestamp is 600 s old/) });
		expect(check(true).map((verdict) => verdict.ok)).toEqual([false, false, false, true]);
		await endpoint.close();
	});
});
