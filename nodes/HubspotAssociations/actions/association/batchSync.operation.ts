import { deepCopy, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { AssociationRequest, AssociationSpec } from '../../helpers/interfaces';
import { customObjectForm, knownObjectTypeId } from '../../helpers/objectTypes';
import { planBatches } from '../../helpers/planning';
import { InvalidInputError, parseBatchSize, showValue } from '../../helpers/validation';
import { authenticationOf, createHubSpotClient } from '../../transport';
import { runsAsTool } from '../asTool';
import { runBatchOperation } from '../batchRunner';
import { readDryRun } from '../dryRun';
import { readClientSettings } from '../requestOptions';
import { pairFields, pairOutput, readBatchSize, readPair } from './pairFields';
import { syncDirection, type SyncCounts, type SyncOptions, type SyncResult } from './syncExchange';

const BATCH_CREATE_MAX_INPUTS = 2000;
const batchSize = { default: BATCH_CREATE_MAX_INPUTS, max: BATCH_CREATE_MAX_INPUTS };
// HubSpot documents no cap for the removal endpoints: start small, let the user raise it.
const removalBatchSize = { default: 100, max: 2000 };
const MAX_REMOVALS_DEFAULT = 100;

export const description: INodeProperties[] = pairFields('batchSync', {
	withTypes: true,
	typesDescription:
		"The association types each listed pair should have, exactly: missing ones are added, others removed. HubSpot's unlabeled type stays while the pair exists, and primary types are never removed.",
	batchSize,
	extraOptions: [
		{
			displayName: 'Remove Unlisted',
			name: 'removeUnlisted',
			type: 'boolean',
			default: true,
			description:
				'Whether to remove the associations of each listed from-record to records the input does not list (pairs holding a primary type are kept). Records the input does not name are never touched.',
		},
		{
			displayName: 'Max Removals',
			name: 'maxRemovals',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 100,
			description:
				'The most associations one run may remove. A run that would remove more fails before writing anything, so a half-empty input cannot wipe the CRM.',
		},
		{
			displayName: 'Removal Batch Size',
			name: 'removalBatchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: removalBatchSize.max },
			default: 100,
			description: `How many pairs to send in one request that removes associations or labels (at most ${removalBatchSize.max})`,
		},
	],
});

function readSyncOptions(context: IExecuteFunctions): SyncOptions {
	const option = (name: string, fallback: unknown) => context.getNodeParameter(`options.${name}`, 0, fallback);
	const maxRemovals = option('maxRemovals', MAX_REMOVALS_DEFAULT);
	if (typeof maxRemovals !== 'number' || !Number.isInteger(maxRemovals) || maxRemovals < 0) {
		throw new InvalidInputError('Max Removals (options.maxRemovals)', `must be a whole number of 0 or more, got ${showValue(maxRemovals)}`);
	}
	return {
		removeUnlisted: option('removeUnlisted', true) !== false,
		maxRemovals,
		dryRun: readDryRun(context),
		createBatchSize: readBatchSize(context, batchSize),
		removalBatchSize: parseBatchSize('Removal Batch Size (options.removalBatchSize)', option('removalBatchSize', removalBatchSize.default), removalBatchSize.max),
	};
}

const directionOf = (request: AssociationRequest) =>
	`${knownObjectTypeId(request.fromPathType) ?? request.fromPathType} → ${knownObjectTypeId(request.toPathType) ?? request.toPathType}`;

const copyTypes = (types: AssociationSpec[]) => types.map((spec) => ({ ...spec }));

function summary(counts: SyncCounts, dryRun: boolean): string {
	const parts = [`${counts.created} created`, `${counts.updated} updated`, `${counts.unchanged} unchanged`, `${counts.removed} removed`, `${counts.kept} kept (primary)`];
	if (counts.failed > 0) parts.push(`${counts.failed} failed`);
	if (counts.removalsSkipped > 0) parts.push(`${counts.removalsSkipped} unlisted not removed (records with failed items)`);
	if (counts.removalsFailed > 0) parts.push(`${counts.removalsFailed} removal${counts.removalsFailed === 1 ? '' : 's'} failed`);
	return dryRun ? `Dry run, nothing was written. Would be: ${parts.join(', ')}` : `Sync: ${parts.join(', ')}`;
}

const SKIPPED_REASON = 'an item of this from-record (or, in a same-object direction, of the other record) failed: this unlisted pair was not removed in this run';

function syncOutput(request: AssociationRequest, { change, planned, report, removalsSkipped }: SyncResult, { dryRun, removeUnlisted }: SyncOptions): IDataObject {
	const json: IDataObject = { status: change.status, ...pairOutput(request), types: copyTypes(change.types) };
	if (change.status === 'updated' && change.typesBefore) json.typesBefore = copyTypes(change.typesBefore);
	if (change.keptPrimary.length > 0) json.keptPrimaryTypes = copyTypes(change.keptPrimary);
	if (dryRun) json.dryRun = true;
	// Items of one pair share its result: each gets its own copy, as later nodes may change it in place.
	if (planned) Object.assign(json, { request: { ...planned.request }, input: deepCopy(planned.input) });
	if (report?.itemIndex === request.itemIndex) {
		if (removeUnlisted) json.removed = report.removed;
		if (report.kept.length > 0 || report.skipped.length > 0) {
			json.kept = [
				...report.kept.map(({ toObjectId, types }) => ({ toObjectId, types, reason: 'holds a primary type, which a sync never removes' })),
				...report.skipped.map(({ toObjectId, types }) => ({ toObjectId, types, reason: SKIPPED_REASON })),
			];
		}
		if (report.removalErrors.length > 0) json.removalErrors = report.removalErrors;
	}
	if (removalsSkipped) json.removalsSkipped = removalsSkipped;
	return json;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readSyncOptions(this);
	const settings = readClientSettings(this);
	// Only for the paths a dry run shows: the runner's own client sends every request.
	const paths = createHubSpotClient(this, settings);
	// As an AI tool a sync answers each item's truth (created, with its removal errors), as with continue-on-fail.
	const context = { node: this.getNode(), continueOnFail: this.continueOnFail() || runsAsTool(this), authentication: authenticationOf(this), options };
	const summarize = (counts: SyncCounts, wouldRemove?: number) => {
		this.addExecutionHints({ message: summary(counts, options.dryRun), type: 'info', location: 'outputPane' });
		if (wouldRemove === undefined) return;
		this.addExecutionHints({
			message: `A real run would stop before writing: it would remove ${wouldRemove} associations, more than Max Removals (options.maxRemovals) allows (${options.maxRemovals}).`,
			type: 'warning',
			location: 'outputPane',
		});
	};

	// One direction per run: Max Removals must be checked over all removals before any write.
	let direction: string | undefined;
	return await runBatchOperation.call(this, {
		action: 'batch/read',
		readItem(read, itemIndex) {
			const request = readPair(read, itemIndex, true);
			direction ??= directionOf(request);
			if (directionOf(request) !== direction) {
				throw new InvalidInputError('From/To Object Type (fromObjectType, toObjectType)', `must be the same for every item of a sync (${direction}), got ${directionOf(request)}`);
			}
			// Whether they are one object type decides which pairs count as listed (a same-object pair is either end's).
			const [fromForm, toForm] = [customObjectForm(request.fromPathType), customObjectForm(request.toPathType)];
			if (fromForm && toForm && fromForm !== toForm) {
				throw new InvalidInputError(
					'From/To Object Type (fromObjectType, toObjectType)',
					`must name custom objects in one form, both by type ID (e.g. 2-3456789) or both by name: a sync cannot tell whether ${request.fromPathType} and ${request.toPathType} are one object type, got ${direction}`,
				);
			}
			return request;
		},
		plan: (requests) => planBatches(requests, Number.MAX_SAFE_INTEGER),
		body: () => '{}',
		match: () => new Map(),
		exchange: async (batch, send, failedBefore, slots) =>
			await syncDirection(batch, send, { ...context, summarize, pathOf: (action) => paths.associationsPath(batch.fromPathType, batch.toPathType, action) }, failedBefore, slots),
		success: (request, result: SyncResult) => syncOutput(request, result, options),
	});
}
