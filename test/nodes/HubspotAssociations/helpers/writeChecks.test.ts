import type { PlannedInput } from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import { confirmedResult, typesHeld } from '../../../../nodes/HubspotAssociations/helpers/writeChecks';

const batch = { fromPathType: 'contacts', toPathType: 'companies' };
const labelled = (typeIds: number[]): PlannedInput => ({
	fromObjectId: '101',
	toObjectId: '201',
	types: typeIds.map((associationTypeId) => ({ associationCategory: associationTypeId === 279 ? 'HUBSPOT_DEFINED' : 'USER_DEFINED', associationTypeId })),
	itemIndexes: [0],
});
const unlabeled = { category: 'HUBSPOT_DEFINED', typeId: 279 };
const billing = { category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' };

describe('typesHeld', () => {
	it("gathers a pair's types from every entry of its to-record, as pages may split it", () => {
		const records = [
			{ toObjectId: 201, associationTypes: [unlabeled] },
			{ toObjectId: '202', associationTypes: [unlabeled] },
			{ toObjectId: '201', associationTypes: [billing] },
		];
		expect(typesHeld(records, '201')).toEqual([unlabeled, billing]);
		expect(typesHeld(undefined, '201')).toEqual([]);
	});
});

describe('confirmedResult', () => {
	it('confirms a create when the pair holds every asked type, answering as batch/create would', () => {
		expect(confirmedResult('batch/create', batch, labelled([36]), [unlabeled, billing])).toEqual({
			result: { fromObjectId: '101', fromObjectTypeId: '0-1', toObjectId: '201', toObjectTypeId: '0-2', labels: ['Billing contact'] },
		});
		expect(confirmedResult('batch/create', batch, labelled([36]), [unlabeled])).toBeUndefined();
		expect(confirmedResult('batch/create', batch, labelled([]), [])).toBeUndefined();
	});

	it("confirms a default association by HubSpot's unlabeled type on the pair", () => {
		expect(confirmedResult('batch/associate/default', batch, labelled([]), [billing, unlabeled])).toEqual({
			result: { from: { id: '101' }, to: { id: '201' }, associationSpecs: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] },
		});
		expect(confirmedResult('batch/associate/default', batch, labelled([]), [])).toBeUndefined();
	});

	it('confirms a removal when the pair is gone, and a label removal when none of its types is left', () => {
		expect(confirmedResult('batch/archive', batch, labelled([]), [])).toEqual({ result: undefined });
		expect(confirmedResult('batch/archive', batch, labelled([]), [unlabeled])).toBeUndefined();
		expect(confirmedResult('batch/labels/archive', batch, labelled([36]), [unlabeled])).toEqual({ result: undefined });
		expect(confirmedResult('batch/labels/archive', batch, labelled([36]), [unlabeled, billing])).toBeUndefined();
	});

	it('confirms nothing for an endpoint it does not know', () => {
		expect(confirmedResult('batch/read', batch, labelled([]), [])).toBeUndefined();
	});
});
