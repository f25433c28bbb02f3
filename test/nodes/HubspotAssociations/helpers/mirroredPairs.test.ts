import type { WaitingBatch } from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import { keepMirrorsApart } from '../../../../nodes/HubspotAssociations/helpers/mirroredPairs';

const types = [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: 279 }];
function batch(pairs: Array<[string, string]>, toPathType = 'companies'): WaitingBatch {
	return { fromPathType: 'contacts', toPathType, fromObjectIds: pairs.map(([from]) => from), toObjectIds: pairs.map(([, to]) => to), types: pairs.map(() => types), items: pairs.map((_, item) => item) };
}
const pairsOf = (batches: WaitingBatch[]) => batches.map((each) => each.fromObjectIds.map((from, at) => `${from}→${each.toObjectIds[at]} #${JSON.stringify(each.items[at])}`));

describe('keepMirrorsApart', () => {
	it('moves the later of a pair and its mirror into a batch right after, items kept with their inputs', () => {
		const planned = [batch([['101', '30000'], ['5', '6'], ['30000', '101']]), batch([['7', '8']])];
		expect(pairsOf(keepMirrorsApart(planned))).toEqual([['101→30000 #0', '5→6 #1'], ['30000→101 #2'], ['7→8 #0']]);
	});

	it('leaves batches without mirrors, a pair of one id on both sides, and one object type both ways as they are', () => {
		const plain = batch([['1', '2'], ['5', '5']]);
		const oneType = batch([['1', '2'], ['2', '1']], '0-1');
		const kept = keepMirrorsApart([plain, oneType]);
		expect(kept).toHaveLength(2);
		expect(kept[0]).toBe(plain);
		expect(kept[1]).toBe(oneType);
	});
});
