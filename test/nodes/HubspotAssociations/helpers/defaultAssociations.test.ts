import { matchDefaultAssociationResponse } from '../../../../nodes/HubspotAssociations/helpers/defaultAssociations';
import type { PlannedInput } from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import { defaultAssociationTypes, type DefaultAssociationResult } from '../../../../nodes/HubspotAssociations/helpers/matching';

const input = (fromObjectId: string, toObjectId: string): PlannedInput => ({ fromObjectId, toObjectId, types: [], itemIndexes: [0] });
const spec = (associationTypeId: number) => ({ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId });
const both = (from: string, to: string) => [
	{ from: { id: from }, to: { id: to }, associationSpec: spec(279) },
	{ from: { id: to }, to: { id: from }, associationSpec: spec(280) },
];
const typesOf = (outcome: unknown) => defaultAssociationTypes((outcome as { result: DefaultAssociationResult }).result).map((each) => each.associationTypeId);

describe('matchDefaultAssociationResponse', () => {
	it("gives a pair of one id on both sides the type the batch's other pairs show as this direction's", () => {
		const [same, other] = [input('5', '5'), input('102', '202')];
		const outcomes = matchDefaultAssociationResponse({ fromPathType: 'contacts', toPathType: 'companies', inputs: [same, other] }, { status: 'COMPLETE', results: [...both('5', '5'), ...both('102', '202')] });
		expect([typesOf(outcomes.get(same)), typesOf(outcomes.get(other))]).toEqual([[279], [279]]);
	});

	it('keeps both types when nothing in the answer tells the directions apart', () => {
		const same = input('5', '5');
		const outcomes = matchDefaultAssociationResponse({ fromPathType: 'contacts', toPathType: 'companies', inputs: [same] }, { results: both('5', '5') });
		expect(typesOf(outcomes.get(same))).toEqual([279, 280]);
	});
});
