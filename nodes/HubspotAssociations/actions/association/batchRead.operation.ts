import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { outputAssociations, type AssociationsOfRecord } from '../../helpers/associationReads';
import type { AssociationRequest } from '../../helpers/interfaces';
import { idsNamedByError, matchBatchResponse } from '../../helpers/matching';
import { planBatches } from '../../helpers/planning';
import { runBatchOperation, type BatchExchange } from '../batchRunner';
import { lookupOutput } from '../../helpers/recordLookups';
import { pairFields, readBatchSize, readFromRecord } from './pairFields';
import { readAssociations } from './readAssociations';

const batchSize = { default: 1000, max: 1000 };
export const description: INodeProperties[] = pairFields('batchRead', { withTo: false, withTypes: false, batchSize, writes: false });

const byFromRecord = {
	pairOf: (result: AssociationsOfRecord) => result,
	merge: (existing: AssociationsOfRecord) => existing,
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	return await runBatchOperation.call(this, {
		action: 'batch/read',
		readItem: readFromRecord,
		plan: (requests) => planBatches(requests, size),
		body: () => '{}',
		match: () => new Map(),
		// Follows each record's paging cursor until every association is read.
		async exchange(batch, send): Promise<BatchExchange<AssociationsOfRecord>> {
			const read = await readAssociations(send, batch.inputs.map((input) => input.fromObjectId));
			if ('failed' in read) return read;
			const { gathered, errors } = read;
			// A record no error names and no page lists has no associations of this type.
			const named = new Set(errors.flatMap((error) => idsNamedByError(error, batch).map(({ id }) => id)));
			const results: AssociationsOfRecord[] = batch.inputs
				.filter((input) => gathered.has(input.fromObjectId) || !named.has(input.fromObjectId))
				.map((input) => ({ fromObjectId: input.fromObjectId, toObjectId: '', associations: gathered.get(input.fromObjectId) ?? [] }));
			return { outcomes: matchBatchResponse(batch, { results, errors }, byFromRecord) };
		},
		success: readJson(new WeakSet()),
	});
}

/**
 * The output json of an item whose from-record's associations were read. The first item given a
 * record's result takes its parsed records (`handedOver` remembers it); an item naming the same
 * record again gets a copy.
 */
function readJson(handedOver: WeakSet<AssociationsOfRecord>) {
	return (request: AssociationRequest, result: AssociationsOfRecord): IDataObject => {
		const { fromObjectType, fromObjectId, toObjectType } = request;
		const count = result.associations.length;
		const owned = !handedOver.has(result);
		handedOver.add(result);
		const associations = outputAssociations(result.associations, owned) as unknown as IDataObject[];
		if (request.fromLookup || request.toLookup) return { fromObjectType, fromObjectId, toObjectType, ...lookupOutput(request), count, associations };
		// The same keys in the same order, written out: one compact object per item on runs of 100,000s.
		return { fromObjectType, fromObjectId, toObjectType, count, associations };
	};
}
