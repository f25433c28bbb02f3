import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { outputAssociations, type AssociationsOfRecord } from '../../helpers/associationReads';
import type { AssociationRequest, InputOutcome, PlannedInput } from '../../helpers/interfaces';
import { planBatches } from '../../helpers/planning';
import { authenticationOf } from '../../transport';
import { runBatchOperation, type BatchExchange } from '../batchRunner';
import { lookupOutput } from '../../helpers/recordLookups';
import { pairFields, readBatchSize, readFromRecord } from './pairFields';
import { readAssociations } from './readAssociations';

const batchSize = { default: 1000, max: 1000 };
export const description: INodeProperties[] = pairFields('batchRead', { withTo: false, withTypes: false, batchSize, writes: false });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	const authentication = authenticationOf(this);
	return await runBatchOperation.call(this, {
		action: 'batch/read',
		readItem: readFromRecord,
		plan: (requests) => planBatches(requests, size),
		body: () => '{}',
		match: () => new Map(),
		// Each record complete (every page) or failed with HubSpot's reason: never a partial list.
		async exchange(batch, send): Promise<BatchExchange<AssociationsOfRecord>> {
			const read = await readAssociations(send, batch, authentication);
			if ('failed' in read) return read;
			const outcomes = new Map<PlannedInput, InputOutcome<AssociationsOfRecord>>();
			// Inputs naming one record share its result: the first item takes the parsed records, others a copy.
			const results = new Map<string, AssociationsOfRecord>();
			for (const input of batch.inputs) {
				const outcome = read.reads.get(input.fromObjectId)!;
				if (outcome.kind === 'failed') {
					outcomes.set(input, outcome);
					continue;
				}
				let result = results.get(input.fromObjectId);
				if (!result) results.set(input.fromObjectId, (result = { fromObjectId: input.fromObjectId, toObjectId: '', associations: outcome.associations }));
				outcomes.set(input, { kind: 'succeeded', result });
			}
			return { outcomes };
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
