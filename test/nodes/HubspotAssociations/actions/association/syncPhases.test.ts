import nock from 'nock';
import * as matching from '../../../../../nodes/HubspotAssociations/helpers/matching';
import { syncParameters } from '../../../../harness/operationParameters';
import { runNode, TEST_BASE_URL } from '../../../../harness/runWorkflow';

// The sync's reading of its create's answer throws (a bug standing in for any error) in the middle of
// its overlapping writes. Until 2026-12-07 an answer whose `results` was an object did that; it no longer throws.
const BASE = '/crm/associations/2026-03/contacts/companies';
const type = { category: 'HUBSPOT_DEFINED', typeId: 279 };

function mockRun() {
	const archivedAt: number[] = [];
	nock(TEST_BASE_URL)
		.post(`${BASE}/batch/read`)
		.reply(200, {
			status: 'COMPLETE',
			results: [2, 3, 4, 5].map((contact) => ({
				from: { id: String(contact) },
				to: [
					{ toObjectId: 100 + contact, associationTypes: [type] },
					{ toObjectId: 200 + contact, associationTypes: [type] },
				],
			})),
		});
	nock(TEST_BASE_URL).post(`${BASE}/batch/create`).delay(100).reply(200, { status: 'COMPLETE', results: [] });
	jest.spyOn(matching, 'matchBatchCreateResponse').mockImplementationOnce(() => {
		throw new Error('A bug reading the answer');
	});
	nock(TEST_BASE_URL)
		.post(`${BASE}/batch/archive`)
		.times(4)
		.delay(300)
		.reply(() => {
			archivedAt.push(Date.now());
			return [204];
		});
	return archivedAt;
}

afterEach(() => {
	nock.cleanAll();
	jest.restoreAllMocks();
});

describe('sendWrites: an error thrown while the sync\'s writes overlap', () => {
	it('lets the writes in flight finish, starts no other, and sends nothing after the node has finished', async () => {
		const archivedAt = mockRun();
		const items = [1, 2, 3, 4, 5].map((contact) => ({ contactId: String(contact), companyId: String(100 + contact), types: ['HUBSPOT_DEFINED:279'] }));

		await runNode({ items, parameters: syncParameters({ concurrency: 2, removalBatchSize: 1, maxRemovals: 10 }), onError: 'continueRegularOutput' });
		const endedAt = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 1500));

		expect(archivedAt.filter((at) => at > endedAt)).toEqual([]);
		// With two in flight, the removal sent beside the create is the only one.
		expect(archivedAt).toHaveLength(1);
	});
});
