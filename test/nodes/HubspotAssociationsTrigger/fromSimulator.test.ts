import fc from 'fast-check';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { startSimulator, type HubSpotSimulator } from '../../../tools/simulator';
import { forgetKeptReads } from '../../../nodes/HubspotAssociationsTrigger/pairTypes';
import { forgetProcessLogs } from '../../../nodes/HubspotAssociationsTrigger/receiveDelivery';
import { simulatorCredentials } from '../../harness/runWorkflow';
import { PRODUCTION_URL, TriggerHarness } from '../../harness/webhookTrigger';

let sim: HubSpotSimulator;
beforeAll(async () => {
	sim = await startSimulator({ seed: 21 });
});
afterAll(async () => {
	await sim.close();
});

/** Every contact–company pair's types in the simulator (the ids the property draws from). */
function snapshot(): Map<string, Set<number>> {
	const pairs = new Map<string, Set<number>>();
	for (let contact = 1; contact <= 12; contact++) {
		for (const company of sim.state.associatedIds('contacts', String(contact), 'companies')) {
			pairs.set(`${contact} ${company}`, new Set(sim.state.associationsBetween('contacts', String(contact), 'companies', company).map((spec) => spec.associationTypeId)));
		}
	}
	return pairs;
}

/** An HTTP endpoint standing in for n8n's webhook server, in front of the trigger (as behind a proxy). */
async function n8nEndpoint(trigger: TriggerHarness) {
	const emitted: Record<string, unknown>[] = [];
	let executions = 0;
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', async () => {
			const answer = await trigger.deliver({ body: Buffer.concat(chunks).toString(), headers: request.headers as Record<string, string> });
			if (answer.items) {
				executions++;
				emitted.push(...answer.items);
			}
			response.writeHead(answer.status).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	return { url, emitted, executions: () => executions, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const change = fc.record({
	contact: fc.integer({ min: 1, max: 12 }),
	company: fc.integer({ min: 1, max: 12 }),
	labels: fc.subarray([1, 36, 38]),
	removeAfter: fc.boolean(),
});

describe('the trigger receiving the simulator’s deliveries (seeded)', () => {
	it('emits each change once, whatever the echoes, formats, batches, concurrency and redeliveries', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 25 }), fc.constantFrom<Array<'generic' | 'classic'>>(['generic'], ['generic', 'classic']), fc.integer({ min: 4, max: 100 }), async (changes, formats, batchSize) => {
				forgetKeptReads();
				forgetProcessLogs();
				sim.state.clearAssociations();
				const trigger = new TriggerHarness({ fromObjectType: 'contacts', toObjectType: 'companies' }, simulatorCredentials(sim));
				const endpoint = await n8nEndpoint(trigger);
				const sender = sim.subscribeWebhooks({ targetUrl: endpoint.url, signedUrl: PRODUCTION_URL, formats, batchSize });
				// What HubSpot did, read from its state around each change: each (change, pair, type) once;
				// a primary link is its plain type flagged primary (a contact's primary company can move).
				const expected = new Set<string>();
				const primaries = new Set<string>();
				for (const { contact, company, labels, removeAfter } of changes) {
					const before = snapshot();
					sim.state.associate('contacts', String(contact), 'companies', String(company), [279, ...labels]);
					if (removeAfter) sim.state.associations.set({ objectTypeId: '0-1', id: String(contact) }, { objectTypeId: '0-2', id: String(company) }, []);
					const after = snapshot();
					const unlinked = removeAfter ? [`${contact} ${company}`] : [];
					for (const key of new Set([...before.keys(), ...after.keys(), ...unlinked])) {
						const [was, is] = [before.get(key) ?? new Set<number>(), after.get(key) ?? new Set<number>()];
						const touched = removeAfter && key === `${contact} ${company}` ? [279, ...labels] : [];
						for (const typeId of new Set([...was, ...is, ...touched])) {
							const into = typeId === 1 ? primaries : expected;
							if (!was.has(typeId) || touched.includes(typeId)) into.add(`added ${key} ${typeId === 1 ? 279 : typeId}`);
							if (!is.has(typeId) && (was.has(typeId) || touched.includes(typeId))) into.add(`removed ${key} ${typeId === 1 ? 279 : typeId}`);
						}
					}
				}
				for (const primary of primaries) expected.add(primary);
				const deliveries = await sender.flush();
				// HubSpot may send a delivery again: the first one comes once more, a later attempt.
				sender.redeliver(deliveries[0].batch, 1);
				await sender.flush();
				sim.state.associations.onChange = undefined;
				await endpoint.close();
				expect(deliveries.every((delivery) => delivery.status === 200 && delivery.attemptNumber === 0)).toBe(true);
								const got = endpoint.emitted.map((item) => `${item.change} ${item.fromObjectId} ${item.toObjectId} ${item.associationTypeId === 1 ? 279 : item.associationTypeId}`);
				// Nothing twice, nothing missing, nothing HubSpot did not do.
				const exact = endpoint.emitted.map((item) => `${item.change} ${item.fromObjectId} ${item.toObjectId} ${item.associationTypeId} ${item.primary}`);
				expect(exact.length).toBe(new Set(exact).size);
				expect(new Set(got)).toEqual(expected);
				const flagged = new Set(endpoint.emitted.filter((item) => item.primary).map((item) => `${item.change} ${item.fromObjectId} ${item.toObjectId} 279`));
				expect(flagged).toEqual(primaries);
				// A primary link's two messages give one item when they come in one delivery, two when HubSpot splits them.
				expect(got.length).toBeLessThanOrEqual(expected.size + primaries.size);
			}),
			{ seed: 21, numRuns: 12 },
		);
	});
});
