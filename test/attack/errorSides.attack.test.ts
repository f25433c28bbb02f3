import nock from 'nock';
import { assertValidResponse } from '../contract/validate';
import { runNode, TEST_BASE_URL } from '../harness/runWorkflow';

// Contact 30000 → company 202 is removed; contact 101 → company 30000 names a company that does not exist.
const items = [
	{ contactId: '30000', companyId: '202' },
	{ contactId: '101', companyId: '30000' },
];

async function removeWith(operation: 'batchArchive' | 'batchArchiveLabels', error: Record<string, unknown>) {
	const action = operation === 'batchArchive' ? 'batch/archive' : 'batch/labels/archive';
	const path = `/crm/associations/2026-03/contacts/companies/${action}`;
	const reply = {
		status: 'COMPLETE',
		results: [],
		startedAt: '2026-11-29T10:00:00.000Z',
		completedAt: '2026-11-29T10:00:01.000Z',
		numErrors: 1,
		errors: [{ status: 'error', category: 'VALIDATION_ERROR', links: {}, errors: [], ...error }],
	};
	assertValidResponse('POST', path, 200, reply);
	nock(TEST_BASE_URL).post(path).reply(200, reply);
	return await runNode({
		items,
		parameters: {
			resource: 'association',
			operation,
			fromObjectType: 'contacts',
			toObjectType: 'companies',
			fromObjectId: '={{ $json.contactId }}',
			toObjectId: '={{ $json.companyId }}',
			...(operation === 'batchArchiveLabels' ? { associationTypes: ['USER_DEFINED:36'] } : {}),
		},
		onError: 'continueRegularOutput',
	});
}

describe.each(['batchArchive', 'batchArchiveLabels'] as const)('%s: an error naming an id both items share, on one side', (operation) => {
	const done = operation === 'batchArchive' ? 'removed' : 'labelsRemoved';

	it('"COMPANY=30000" in the message with a bare objectId in context fails only the item with company 30000', async () => {
		const { output } = await removeWith(operation, { message: 'One or more object ids are invalid: COMPANY=30000 is not valid', context: { objectId: ['30000'] } });

		expect(output.map((item) => item.json.status ?? item.json.error)).toEqual([done, expect.stringMatching(/^Item 1: .*COMPANY=30000/)]);
	});

	it('context objectId ["30000"] with objectType ["COMPANY"] fails only the item with company 30000', async () => {
		const { output } = await removeWith(operation, { message: 'One or more object ids are invalid', context: { objectId: ['30000'], objectType: ['COMPANY'] } });

		expect(output.map((item) => item.json.status ?? item.json.error)).toEqual([done, expect.stringMatching(/^Item 1: /)]);
	});
});
