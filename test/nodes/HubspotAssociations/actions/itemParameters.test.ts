import nock from 'nock';
import { simpleJsonPath } from '../../../../nodes/HubspotAssociations/actions/itemParameters';
import { createdReply, mockBatchCreate } from '../../../harness/hubspotMock';
import { runNode } from '../../../harness/runWorkflow';

describe('simpleJsonPath', () => {
	it.each([
		['={{ $json.contactId }}', ['contactId']],
		['={{$json.contact.id}}', ['contact', 'id']],
		['={{ $json["company id"] }}', ['company id']],
		["={{ $json['a'].b[0] }}", ['a', 'b', '0']],
	])('reads %s as a plain field path', (expression, path) => {
		expect(simpleJsonPath(expression)).toEqual(path);
	});

	it.each([
		'contacts',
		'={{ $json.id + 1 }}',
		'={{ $json.id.toString() }}',
		'={{ $("Other node").item.json.id }}',
		'=id-{{ $json.id }}',
		'={{ $json }}',
		'={{ $json[key] }}',
	])('leaves %s to the expression engine', (expression) => {
		expect(simpleJsonPath(expression)).toBeUndefined();
	});
});

describe('reading ids mapped from the items', () => {
	const parameters = (fromObjectId: string, toObjectId: string) => ({
		resource: 'association',
		operation: 'batchCreate',
		fromObjectType: 'contacts',
		toObjectType: 'companies',
		fromObjectId,
		toObjectId,
		associationTypes: ['HUBSPOT_DEFINED:279'],
	});

	afterEach(() => nock.cleanAll());

	it('gives the same values as the expression engine for nested and bracketed fields', async () => {
		const sent = mockBatchCreate({ from: 'contacts', to: 'companies' }, (body) => createdReply(body));

		await runNode({
			items: [{ contact: { id: 101 }, 'company id': '201' }],
			parameters: parameters('={{ $json.contact.id }}', '={{ $json["company id"] }}'),
		});

		expect(sent[0].body.inputs[0]).toMatchObject({ from: { id: '101' }, to: { id: '201' } });
	});

	it('treats a field path that runs into nothing as the engine does: no value, named in the error', async () => {
		const { error } = await runNode({
			items: [{ contact: null, companyId: '201' }],
			parameters: parameters('={{ $json.contact.id }}', '={{ $json.companyId }}'),
		});

		expect(error?.message).toBe('Item 0: From Record ID (fromObjectId) must be a HubSpot record ID made of digits, got nothing');
	});
});
