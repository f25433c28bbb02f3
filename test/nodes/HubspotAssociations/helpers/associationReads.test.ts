import { isNoAssociationsError, outputAssociations } from '../../../../nodes/HubspotAssociations/helpers/associationReads';

describe('isNoAssociationsError', () => {
	it.each(['No company is associated with contact 11.', 'No associations found for 11', 'association not found'])('recognises "%s"', (message) => {
		expect(isNoAssociationsError({ message })).toBe(true);
	});

	it('does not take an invalid id for an empty list', () => {
		expect(isNoAssociationsError({ message: 'One or more object ids are invalid: CONTACT=5 is not valid' })).toBe(false);
	});
});

describe('outputAssociations', () => {
	const labelled = { category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' };
	const unlabelled = { category: 'HUBSPOT_DEFINED', typeId: 279 };

	it('hands over records already in output form, as parsed, to the item that owns them', () => {
		const records = [{ toObjectId: '21', associationTypes: [unlabelled, labelled] }];
		const output = outputAssociations(records, true);
		expect(output).toBe(records);
		expect(output[0]).toBe(records[0]);
		expect(output[0].associationTypes).toBe(records[0].associationTypes);
	});

	it('gives an id sent as a number as a string and drops a null label, keys in the usual order', () => {
		const parsed = JSON.parse('[{"toObjectId":21,"associationTypes":[{"category":"HUBSPOT_DEFINED","typeId":279,"label":null},{"category":"USER_DEFINED","typeId":36,"label":"Billing contact"}]}]');
		const [record] = outputAssociations(parsed, true);
		expect(record).toEqual({ toObjectId: '21', associationTypes: [unlabelled, labelled] });
		expect(Object.keys(record)).toEqual(['toObjectId', 'associationTypes']);
		expect(record.associationTypes!.map((type) => Object.keys(type))).toEqual([['category', 'typeId'], ['category', 'typeId', 'label']]);
	});

	it('rebuilds a record whose keys come in another order, so every output lists them alike', () => {
		const parsed = JSON.parse('[{"associationTypes":[{"typeId":279,"category":"HUBSPOT_DEFINED"}],"toObjectId":"21"}]');
		const [record] = outputAssociations(parsed, true);
		expect(Object.keys(record)).toEqual(['toObjectId', 'associationTypes']);
		expect(Object.keys(record.associationTypes![0])).toEqual(['category', 'typeId']);
	});

	it('copies records another item also gets, so a later node changing one item leaves the other alone', () => {
		const records = [{ toObjectId: '21', associationTypes: [labelled] }];
		const output = outputAssociations(records, false);
		expect(output).toEqual(records);
		expect(output[0]).not.toBe(records[0]);
		expect(output[0].associationTypes![0]).not.toBe(labelled);
	});
});
