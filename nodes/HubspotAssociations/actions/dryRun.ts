import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { AssociationRequest, PlannedBatch } from '../helpers/interfaces';
import { lookupOutput } from '../helpers/recordLookups';
import { JsonBody } from '../transport';
import type { SendToDirection } from './batchRunner';
import type { LabelDirectory } from './labelDirectory';

/** Option `dryRun` of every operation that writes to HubSpot. */
export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to check the items, do the reads and plan the requests exactly as a real run would, without writing anything to HubSpot. Each output item shows the request it would join and what it would send.',
};

export function readDryRun(context: IExecuteFunctions): boolean {
	return context.getNodeParameter('options.dryRun', 0, false) === true;
}

/** The endpoints below `/{from}/{to}/` that only read: a dry run sends them. */
const READ_ACTIONS = new Set(['batch/read']);

/** A write a dry run held back: what it would have sent, and where. */
export interface PlannedWrite {
	method: string;
	path: string;
	body: IDataObject;
}

/**
 * A batch's `send` for a dry run: reads go through; a write is recorded and answered as a
 * failure, so the exchange stops there without sending it.
 */
export function writeRecorder(send: SendToDirection, pathOf: (action?: string) => string): { send: SendToDirection; write?: PlannedWrite } {
	const recorder: { send: SendToDirection; write?: PlannedWrite } = {
		send: async (body, action) => {
			if (action !== undefined && READ_ACTIONS.has(action)) return await send(body, action);
			recorder.write ??= { method: 'POST', path: pathOf(action), body: body instanceof JsonBody ? body.parsed() : body };
			return { ok: false, headers: {}, attempts: 0, rawMessage: 'not sent: dry run' };
		},
	};
	return recorder;
}

/** What a dry run tells about one item: the request it would join and its input in it. */
export interface DryRunPlan {
	method: string;
	path: string;
	batch: number;
	input: IDataObject;
}

function copyOf<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Whether a body input writes this planned pair: its own input, or (batch/archive) its from-record's with every to-record. */
function writesPair(candidate: IDataObject, planned: PlannedBatch['inputs'][number]): boolean {
	if ((candidate.from as IDataObject | undefined)?.id !== planned.fromObjectId) return false;
	const to = candidate.to as IDataObject | IDataObject[] | undefined;
	return Array.isArray(to) ? to.some((each) => each?.id === planned.toObjectId) : to?.id === planned.toObjectId;
}

/**
 * The plan of each item of a batch a dry run stopped at. Bodies list one input per planned
 * input, in order, or (batch/archive) one per from-record. An input the write leaves out (Keep
 * Existing Labels writes nothing for a record it could not read) gets no plan: its outcome stands.
 */
export function plansOfBatch(batch: PlannedBatch, write: PlannedWrite, batchNumber: number): Map<number, DryRunPlan> {
	const inputs = (write.body.inputs ?? []) as IDataObject[];
	const aligned = inputs.length === batch.inputs.length;
	const plans = new Map<number, DryRunPlan>();
	batch.inputs.forEach((planned, position) => {
		const input = aligned ? inputs[position] : inputs.find((candidate) => writesPair(candidate, planned));
		if (!aligned && !input) return;
		for (const itemIndex of planned.itemIndexes) {
			plans.set(itemIndex, { method: write.method, path: write.path, batch: batchNumber, input: copyOf(input ?? {}) });
		}
	});
	return plans;
}

/** Shows the labels a dry run would create by their text where their type id will be. */
function withPlannedLabels(input: IDataObject, directory: LabelDirectory): IDataObject {
	if (!Array.isArray(input.types)) return input;
	const types = (input.types as IDataObject[]).map((type) => {
		const label = directory.plannedLabel(Number(type.associationTypeId));
		return label === undefined ? type : { associationCategory: type.associationCategory, associationTypeId: null, label, created: 'on a real run' };
	});
	return { ...input, types };
}

/** The output json of an item in a dry run of a batch operation. */
export function dryRunJson(request: AssociationRequest, plan: DryRunPlan, batchCount: number, directory: LabelDirectory): IDataObject {
	const { fromObjectType, fromObjectId, toObjectType, toObjectId } = request;
	return {
		dryRun: true,
		fromObjectType,
		fromObjectId,
		toObjectType,
		toObjectId,
		...lookupOutput(request),
		request: { method: plan.method, path: plan.path, batch: plan.batch, of: batchCount },
		input: withPlannedLabels(plan.input, directory),
	};
}
