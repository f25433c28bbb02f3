import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { describeFailedExchange, missingScopes } from '../helpers/hubspotErrors';
import { writeScopesOf } from '../helpers/objectScopes';
import type { AssociationRequest, InputOutcome, PlannedBatch, PlannedInput, WaitingBatch } from '../helpers/interfaces';
import { plannedBatch, type BodyColumns } from '../helpers/planning';
import { InvalidInputError } from '../helpers/validation';
import { authenticationOf, createHubSpotClient, JsonBody, takeBody, type HubSpotAnswer } from '../transport';
import { runsAsTool } from './asTool';
import { dispatchBatches, type RequestSlots } from './batchDispatch';
import { hubspotError, invalidItemError, rejectedItemMessage } from './batchErrors';
import { dryRunJson, plansOfBatch, readDryRun, writeRecorder, type DryRunPlan } from './dryRun';
import { HeldRequests } from './heldRequests';
import { itemParameterReader, type ParameterReader } from './itemParameters';
import { LabelDirectory } from './labelDirectory';
import { resolveLabelNames, type LabelNamesSettings, type UnresolvedItem } from './labelNamesStep';
import { lookUpRecords } from './lookup/lookupStep';
import { failureItem, type ItemFailure } from './outputItems';
import { readClientSettings } from './requestOptions';
import { confirmUnfinished } from './writeConfirmation';

type FailedOutcome = Extract<InputOutcome<unknown>, { kind: 'failed' }>;

/** Stands in for a batch once it is answered. */
const SETTLED_BATCH: WaitingBatch = { fromPathType: '', toPathType: '', fromObjectIds: [], toObjectIds: [], types: [], items: [] };

/** Each item's input in a batch as planned. */
function plannedInputs(batch: PlannedBatch): Map<number, PlannedInput> {
	const byItem = new Map<number, PlannedInput>();
	for (const input of batch.inputs) for (const itemIndex of input.itemIndexes) byItem.set(itemIndex, input);
	return byItem;
}

/** What a batch operation adds to the shared machinery: its input, endpoint and output. */
export interface BatchOperation<R> {
	/** The endpoint below `/{from}/{to}/`, e.g. `batch/create`. */
	action: string;
	/** Reads and validates one item; throws InvalidInputError naming the field. */
	readItem(read: ParameterReader, itemIndex: number): AssociationRequest;
	plan(requests: AssociationRequest[]): WaitingBatch[];
	/** The JSON text of the batch's one request (unused by an operation with an exchange of its own). */
	body(batch: BodyColumns): string;
	/** Pairs a 2xx answer with the batch's inputs. */
	match(batch: PlannedBatch, body: unknown): Map<PlannedInput, InputOutcome<R>>;
	/** The output json of an item whose input succeeded. */
	success(request: AssociationRequest, result: R): IDataObject;
	/**
	 * Replaces the one-request exchange of a batch, e.g. to follow paging cursors; `send` posts a
	 * body to the operation's endpoint, or to another endpoint of the same direction.
	 * Returns the failed answer, or the outcome of each input. To send requests at once, each
	 * takes a slot of the run's limit (`slots`); one at a time, it need not.
	 */
	exchange?(batch: PlannedBatch, send: SendToDirection, failedBefore: FailedBeforeSending, slots: RequestSlots): Promise<BatchExchange<R>>;
	/** Option `createMissingLabels`: label names that do not exist are created before planning. */
	createMissingLabels?: boolean;
	/** A step after label names are resolved, before planning: may read labels; answers the items it stops. */
	prepare?(requests: AssociationRequest[], settings: LabelNamesSettings): Promise<Map<number, UnresolvedItem>>;
}

/** Items that failed before any batch was sent (validation, lookups, label names), with their from-record's id where known. */
export type FailedBeforeSending = ReadonlyMap<number, string | undefined>;

/** Posts `body` to `…/{from}/{to}/{action}` of the batch's direction (the operation's own by default). */
export type SendToDirection = (body: IDataObject | JsonBody, action?: string) => Promise<HubSpotAnswer>;

export type BatchExchange<R> = { failed: Extract<HubSpotAnswer, { ok: false }> } | { outcomes: Map<PlannedInput, InputOutcome<R>> };

/**
 * Runs a batch operation over all input items: validate every item, plan batches, send
 * them, and return exactly one output item per input item, paired to it.
 */
export async function runBatchOperation<R>(this: IExecuteFunctions, operation: BatchOperation<R>): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	// As an AI tool every failure is answered as a result: the model can act on it, a failed run it cannot read.
	const continueOnFail = this.continueOnFail() || runsAsTool(this);
	const read = itemParameterReader(this);
	const readQuietly = (name: string, itemIndex: number) => {
		try {
			return read(name, itemIndex, '');
		} catch {
			return undefined;
		}
	};

	// 1. Validate every item before anything is sent.
	const failures = new Map<number, ItemFailure>();
	let requests: AssociationRequest[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let invalid: InvalidInputError | undefined;
		try {
			requests.push(operation.readItem(read, itemIndex));
		} catch (error) {
			if (!(error instanceof InvalidInputError)) throw new NodeOperationError(node, error as Error, { itemIndex });
			invalid = error;
		}
		if (!invalid) continue;
		if (!continueOnFail) throw invalidItemError(node, itemIndex, invalid);
		failures.set(itemIndex, {
			message: invalidItemError(node, itemIndex, invalid).message,
			fromObjectId: readQuietly('fromObjectId', itemIndex),
			toObjectId: readQuietly('toObjectId', itemIndex),
			...(invalid.fromRecordId ? { fromRecordId: invalid.fromRecordId } : {}),
		});
	}

	const settings = readClientSettings(this);
	const client = createHubSpotClient(this, settings);
	const authentication = authenticationOf(this);
	const dryRun = readDryRun(this);

	// 1b. Records named by email, domain or another property get their ids, before any write (labels created included).
	// Lookups come before any batch: under Auto they use the run's adaptive limit, free until then.
	requests = await lookUpRecords(this, client, requests, { failures, concurrency: settings.concurrency === 'auto' ? client.concurrency : settings.concurrency });

	// 1c. Label names become type ids of their direction (one labels read per direction).
	const directory = new LabelDirectory(client);
	const createMissing = operation.createMissingLabels === true;
	const labelSettings: LabelNamesSettings = { node, directory, authentication, createMissing, dryRun };
	for (const step of [resolveLabelNames, operation.prepare].filter((candidate) => candidate !== undefined)) {
		const unresolved = await step(requests, labelSettings);
		for (const [itemIndex, { failure, error }] of unresolved) {
			if (!continueOnFail) throw error;
			failures.set(itemIndex, failure);
		}
		if (unresolved.size > 0) {
			for (const request of requests) if (unresolved.has(request.itemIndex)) failures.get(request.itemIndex)!.fromRecordId = request.fromObjectId;
			requests = requests.filter((request) => !unresolved.has(request.itemIndex));
		}
	}
	const failedBefore: FailedBeforeSending = new Map([...failures].map(([itemIndex, failure]) => [itemIndex, failure.fromRecordId]));

	// 2. Send the planned batches; each answer settles the items of its inputs.
	// Arrays by item index, not maps: a 500,000-item run keeps one slot per item, nothing more.
	// An item's output json is built as soon as its input succeeds, so HubSpot's answer is let go batch by batch.
	const succeeded: Array<IDataObject | undefined> = new Array(items.length);
	const failed = new Map<number, FailedOutcome>();
	// A dry run stops each batch at its write: the plan of each item instead of an answer.
	const plans = new Map<number, DryRunPlan>();

	const sendBatch = async (waiting: WaitingBatch, batchNumber: number, releaseSlot: () => void) => {
		const pathOf = (action = operation.action) => client.associationsPath(waiting.fromPathType, waiting.toPathType, action);
		const post: SendToDirection = async (body, action) => await client.request({ method: 'POST', path: pathOf(action), body });
		const recorder = dryRun ? writeRecorder(post, pathOf) : undefined;
		const send = recorder?.send ?? post;
		let batch: PlannedBatch;
		let exchanged: BatchExchange<R>;
		if (operation.exchange) {
			batch = plannedBatch(waiting);
			// An exchange sending several requests at once takes a slot for each: the batch's own is handed back first.
			const slots: RequestSlots = {
				ceiling: client.concurrency.ceiling,
				acquire: async () => {
					releaseSlot();
					return await client.concurrency.acquire();
				},
			};
			exchanged = await operation.exchange(batch, send, failedBefore, slots);
		} else {
			// The one request of a batch: its body is written as JSON from the batch's columns before it goes out,
			// and its inputs are built from them once answered, so neither waits on HubSpot in memory.
			const answer = await send(JsonBody.of(operation.body(waiting)));
			batch = plannedBatch(waiting);
			exchanged = answer.ok ? { outcomes: operation.match(batch, takeBody(answer)) } : { failed: answer };
			// A batch HubSpot has not finished is reported by what a read then shows it holds.
			if ('outcomes' in exchanged) await confirmUnfinished(batch, exchanged.outcomes, operation.action, send, authentication);
		}
		if (recorder?.write) {
			for (const [itemIndex, plan] of plansOfBatch(batch, recorder.write, batchNumber)) plans.set(itemIndex, plan);
			for (const input of batch.inputs) held.keep(input);
			// An input the write leaves out fails as it would in a real run (e.g. its record could not be read).
			const outcomes = 'outcomes' in exchanged ? exchanged.outcomes : new Map<PlannedInput, InputOutcome<R>>();
			for (const [input, outcome] of outcomes) {
				if (outcome.kind !== 'failed') continue;
				for (const itemIndex of input.itemIndexes) {
					if (plans.has(itemIndex)) continue;
					if (!continueOnFail) throw hubspotError(node, { message: rejectedItemMessage(held.kept(itemIndex)!, outcome.message), hubspot: outcome.hubspot, itemIndex });
					failed.set(itemIndex, outcome);
				}
			}
			return;
		}
		const batchItems = () => batch.inputs.flatMap((input) => input.itemIndexes).sort((a, b) => a - b);
		if ('failed' in exchanged) {
			const answer = exchanged.failed;
			const scopes = answer.statusCode === 403 && missingScopes(answer.hubspot).length === 0 ? writeScopesOf([waiting.fromPathType, waiting.toPathType]) : undefined;
			const message = `${describeFailedExchange(answer, authentication)}${scopes ? ` (${scopes})` : ''}`;
			const hubspot = answer.hubspot && { ...answer.hubspot, status: answer.statusCode ?? answer.hubspot.status };
			const itemsOfBatch = batchItems();
			if (!continueOnFail) throw hubspotError(node, { message, hubspot, statusCode: answer.statusCode, itemIndex: itemsOfBatch[0] });
			for (const input of batch.inputs) held.keep(input);
			for (const itemIndex of itemsOfBatch) failed.set(itemIndex, { kind: 'failed', message, hubspot });
			return;
		}
		// An exchange of its own may answer with inputs of its own (types merged with the pair's current ones): an item's request is told from the input as planned.
		const plannedInputOf = operation.exchange ? plannedInputs(batch) : undefined;
		let anyFailed = false;
		for (const [input, outcome] of exchanged.outcomes) {
			for (const itemIndex of input.itemIndexes) {
				if (outcome.kind === 'failed') {
					failed.set(itemIndex, outcome);
					held.keep(plannedInputOf?.get(itemIndex) ?? input, itemIndex);
					anyFailed = true;
					continue;
				}
				succeeded[itemIndex] = operation.success(held.of(itemIndex, plannedInputOf?.get(itemIndex) ?? input), outcome.result);
				// Its output is built: the request is let go, so a large run does not hold both to the end.
				held.release(itemIndex);
			}
		}
		const failedItems = anyFailed ? batchItems().filter((itemIndex) => failed.has(itemIndex)) : [];
		if (!continueOnFail && failedItems.length > 0) {
			const outcome = failed.get(failedItems[0])!;
			const others = failedItems.length > 1 ? ` (and ${failedItems.length - 1} more items of this batch)` : '';
			const message = `${rejectedItemMessage(held.kept(failedItems[0])!, outcome.message)}${others}`;
			throw hubspotError(node, { message, hubspot: outcome.hubspot, itemIndex: failedItems[0] });
		}
	};

	// Workers take batches in order, except that one sharing a record with a batch in flight waits
	// for it (BatchDispatch); without continue-on-fail the first failure stops new sends.
	const batches = operation.plan(requests);
	// From here on an item's request is told again from its batch's input; the few its input cannot tell are held.
	const held = new HeldRequests(items.length, requests, batches);
	requests = [];
	let stopError: Error | undefined;
	await dispatchBatches(
		batches,
		client.concurrency,
		async (index, release) => {
			try {
				await sendBatch(batches[index], index + 1, release);
				// Sent and settled: its inputs are no longer needed.
				batches[index] = SETTLED_BATCH;
			} catch (error) {
				stopError ??= error as Error;
			}
		},
		() => stopError !== undefined,
	);
	if (stopError) throw stopError;
	const { requests: sent, retries, rateLimited } = client.stats;
	if (retries > 0) {
		this.addExecutionHints({
			message: `HubSpot made the node wait: ${retries} of ${sent} requests were retries (${rateLimited} answered 429). If this repeats, lower "Requests per 10 Seconds" or run fewer workflows on this HubSpot account at once.`,
			type: 'info',
			location: 'outputPane',
		});
	}

	// 3. One output item per input item, paired to it.
	const toErrorOutput = node.onError === 'continueErrorOutput';
	return [
		items.map((_, itemIndex) => {
			const json = succeeded[itemIndex];
			if (json) return { json, pairedItem: { item: itemIndex } };
			const unsent = failures.get(itemIndex);
			if (unsent) return failureItem(itemIndex, unsent, toErrorOutput);
			const request = held.kept(itemIndex);
			const plan = plans.get(itemIndex);
			if (plan && request) return { json: dryRunJson(request, plan, batches.length, directory), pairedItem: { item: itemIndex } };
			const outcome = failed.get(itemIndex);
			if (!outcome || !request) throw new NodeOperationError(node, `Item ${itemIndex} got no answer: this is a bug in the node`, { itemIndex });
			const { fromObjectId, toObjectId } = request;
			const message = outcome.refusedByNode ? `Item ${itemIndex}: ${outcome.message}` : rejectedItemMessage(request, outcome.message);
			const failure = { message, fromObjectId, toObjectId, hubspot: outcome.hubspot };
			return failureItem(itemIndex, failure, toErrorOutput);
		}),
	];
}
