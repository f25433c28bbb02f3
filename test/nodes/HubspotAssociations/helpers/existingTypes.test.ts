import { withExistingTypes } from '../../../../nodes/HubspotAssociations/helpers/existingTypes';

const label38 = { associationCategory: 'USER_DEFINED' as const, associationTypeId: 38 };

describe('withExistingTypes', () => {
	it("puts the asked types first, then the pair's current ones not asked again", () => {
		const associated = [
			{ toObjectId: '21', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }, { category: 'USER_DEFINED', typeId: 38 }] },
			{ toObjectId: '22', associationTypes: [{ category: 'USER_DEFINED', typeId: 99 }] },
		];
		expect(withExistingTypes([label38], associated, '21')).toEqual([label38, { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }]);
	});

	it('matches the to-record whether HubSpot gave its id as a number or a string', () => {
		expect(withExistingTypes([label38], [{ toObjectId: 21, associationTypes: [{ category: 'USER_DEFINED', typeId: 36 }] }], '21')).toHaveLength(2);
	});

	it('keeps the asked types alone for a pair without associations or a record not read', () => {
		expect(withExistingTypes([label38], [], '21')).toEqual([label38]);
		expect(withExistingTypes([label38], undefined, '21')).toEqual([label38]);
	});

	it('skips types it cannot send back (unknown category, bad id)', () => {
		const associated = [{ toObjectId: '21', associationTypes: [{ category: 'SYSTEM', typeId: 1 }, { category: 'USER_DEFINED', typeId: Number.NaN }] }];
		expect(withExistingTypes([label38], associated, '21')).toEqual([label38]);
	});
});
