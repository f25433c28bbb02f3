import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';
import { describeFailedExchange, missingScopes } from '../helpers/hubspotErrors';
import type { AssociationRequest, HubSpotErrorInfo, InputOutcome, PlannedBatch, PlannedInput } from '../helpers/interfaces';
import { InvalidInputError } from '../helpers/validation';
import { authenticationOf, createHubSpotClient } from '../transport';
import { itemParameterReader, type ParameterReader } from './itemParameters';
import { readClientSettings } from './requestOptions';

/** What a batch operation adds to the shared machinery: its input, endpoint and output. */
export interface BatchOperation<R> {
	/** The endpoint below `/{from}/{to}/`, e.g. `batch/create`. */
	action: string;
	/** Reads and validates one item; throws InvalidInputError naming the field. */
	readItem(read: ParameterReader, itemIndex: number): AssociationRequest;
	plan(requests: AssociationRequest[]): PlannedBatch[];
	body(batch: PlannedBatch): IDataObject;
	/** Pairs a 2xx answer with the batch's inputs. */
	match(batch: PlannedBatch, body: unknown, statusCode: number): Map<PlannedInput, InputOutcome<R>>;
	/** The output json of an item whose input succeeded. */
	success(request: AssociationRequest, result: R): IDataObject;
	/** Says what an item asked for, for error messages: "contacts 101 → companies 201". */
	describe?(request: AssociationRequest): string;
}

interface ItemFailure {
	message: string;
	fromObjectId?: unknown;
	toObjectId?: unknown;
	hubspot?: HubSpotErrorInfo;
}

function describePair(request: AssociationRequest): string {
	return `${request.fromObjectType} ${request.fromObjectId} → ${request.toObjectType} ${request.toObjectId}`;
}

function apiErrorDescription(hubspot: HubSpotErrorInfo | undefined): string | undefined {
	if (!hubspot) return undefined;
	const parts = [
		hubspot.category && `Category: ${hubspot.category}`,
		hubspot.correlationId && `Correlation ID: ${hubspot.correlationId}`,
	].filter(Boolean);
	return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * Runs a batch operation over all input items: validate every item, plan batches, send
 * them, and return exactly one output item per input item, paired to it.
 */
export async function runBatchOperation<R>(this: IExecuteFunctions, operation: BatchOperation<R>): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = node.onError === 'continueErrorOutput';
	const read = itemParameterReader(this);

	const failures = new Map<number, ItemFailure>();
	const requests: AssociationRequest[] = [];
	const rawIds = (itemIndex: number) => {
		const safe = (name: string) => {
			try {
				return read(name, itemIndex, '');
			} catch {
				return undefined;
			}
		};
		return { fromObjectId: safe('fromObjectId'), toObjectId: safe('toObjectId') };
	};

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let invalid: InvalidInputError | undefined;
		try {
			requests.push(operation.readItem(read, itemIndex));
		} catch (error) {
			if (!(error instanceof InvalidInputError)) throw new NodeOperationError(node, error as Error, { itemIndex });
			invalid = error;
		}
		if (!invalid) continue;
		const message = `Item ${itemIndex}: ${invalid.message}`;
		if (!continueOnFail) {
			throw new NodeOperationError(node, message, {
				itemIndex,
				description: `Fix the "${invalid.field}" parameter (or the field it is mapped from) for this item.`,
			});
		}
		failures.set(itemIndex, { message, ...rawIds(itemIndex) });
	}

	const requestsByIndex = new Map(requests.map((request) => [request.itemIndex, request]));
	const outcomes = new Map<number, InputOutcome<R>>();
	const describe = operation.describe ?? describePair;

	const { concurrency, ...settings } = readClientSettings(this);
	const client = createHubSpotClient(this, settings);
	const authentication = authenticationOf(this);
	const batches = operation.plan(requests);
	let stopError: Error | undefined;

	const sendBatch = async (batch: PlannedBatch) => {
		const answer = await client.request({
			method: 'POST',
			path: client.associationsPath(batch.fromPathType, batch.toPathType, operation.action),
			body: operation.body(batch),
		});
		if (!answer.ok) {
			const message = describeFailedExchange(answer, authentication);
			const hubspot = answer.hubspot && { ...answer.hubspot, status: answer.statusCode ?? answer.hubspot.status };
			const firstItem = batch.inputs[0].itemIndexes[0];
			if (!continueOnFail) {
				const apiError = new NodeApiError(node, (hubspot ?? { message }) as JsonObject, {
					message,
					description: apiErrorDescription(hubspot),
					httpCode: answer.statusCode ? String(answer.statusCode) : undefined,
					itemIndex: firstItem,
				});
				const scopes = missingScopes(hubspot);
				if (scopes.length > 0) apiError.context.missingScopes = scopes;
				throw apiError;
			}
			for (const input of batch.inputs) {
				for (const itemIndex of input.itemIndexes) outcomes.set(itemIndex, { kind: 'failed', message, hubspot });
			}
			return;
		}
		const matched = operation.match(batch, answer.body, answer.statusCode);
		for (const [input, outcome] of matched) {
			for (const itemIndex of input.itemIndexes) outcomes.set(itemIndex, outcome);
		}
		if (!continueOnFail) {
			const failedIndexes = batch.inputs
				.flatMap((input) => input.itemIndexes)
				.filter((itemIndex) => outcomes.get(itemIndex)?.kind === 'failed')
				.sort((a, b) => a - b);
			if (failedIndexes.length > 0) {
				const first = failedIndexes[0];
				const outcome = outcomes.get(first) as Extract<InputOutcome<R>, { kind: 'failed' }>;
				const others = failedIndexes.length > 1 ? ` (and ${failedIndexes.length - 1} more items of this batch)` : '';
				throw new NodeApiError(node, (outcome.hubspot ?? { message: outcome.message }) as JsonObject, {
					message: `Item ${first}: HubSpot did not accept ${describe(requestsByIndex.get(first)!)}: ${outcome.message}${others}`,
					description: apiErrorDescription(outcome.hubspot),
					itemIndex: first,
				});
			}
		}
	};

	// Workers take batches in order; without continue-on-fail the first failure stops new sends.
	let next = 0;
	const worker = async () => {
		while (!stopError && next < batches.length) {
			const batch = batches[next++];
			try {
				await sendBatch(batch);
			} catch (error) {
				stopError ??= error as Error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
	if (stopError) throw stopError;

	for (const [itemIndex, outcome] of outcomes) {
		if (outcome.kind !== 'failed') continue;
		const request = requestsByIndex.get(itemIndex)!;
		const message = `Item ${itemIndex}: HubSpot did not accept ${describe(request)}: ${outcome.message}`;
		failures.set(itemIndex, {
			message,
			fromObjectId: request.fromObjectId,
			toObjectId: request.toObjectId,
			hubspot: outcome.hubspot,
		});
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const failure = failures.get(itemIndex);
		if (failure) {
			// The error output merges the paired input item into json that holds only `error`;
			// the regular output keeps the ids and HubSpot's details.
			const json: IDataObject = toErrorOutput
				? { error: failure.message }
				: {
						error: failure.message,
						fromObjectId: failure.fromObjectId as IDataObject[string],
						toObjectId: failure.toObjectId as IDataObject[string],
						...(failure.hubspot ? { hubspot: failure.hubspot } : {}),
					};
			output.push({ json, pairedItem });
			continue;
		}
		const outcome = outcomes.get(itemIndex);
		const request = requestsByIndex.get(itemIndex)!;
		if (outcome?.kind !== 'succeeded') {
			throw new NodeOperationError(node, `Item ${itemIndex} got no answer: this is a bug in the node`, { itemIndex });
		}
		output.push({ json: operation.success(request, outcome.result), pairedItem });
	}
	return [output];
}
