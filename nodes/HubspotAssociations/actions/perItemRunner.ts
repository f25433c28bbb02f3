import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { describeFailedExchange } from '../helpers/hubspotErrors';
import { InvalidInputError } from '../helpers/validation';
import { authenticationOf, createHubSpotClient, type HubSpotClient, type HubSpotRequest } from '../transport';
import { hubspotError, invalidItemError } from './batchErrors';
import { readDryRun } from './dryRun';
import { itemParameterReader, type ParameterReader } from './itemParameters';
import { LabelDirectory, type FailedAnswer } from './labelDirectory';
import { failureItem, type ItemFailure } from './outputItems';
import { readClientSettings } from './requestOptions';

/** HubSpot refused a request an item made (or a read it needed). */
export class RefusedAnswer extends Error {
	constructor(readonly answer: FailedAnswer) {
		super('HubSpot refused the request');
	}
}

export interface PerItemTools {
	client: HubSpotClient;
	directory: LabelDirectory;
	dryRun: boolean;
	/** In a dry run: records the write the item would send instead of sending it. */
	plan(request: HubSpotRequest): void;
}

/** What an operation whose endpoint takes one item a request adds to the shared machinery. */
export interface PerItemOperation<T> {
	/** Reads and validates one item; throws InvalidInputError naming the field. */
	readItem(read: ParameterReader, itemIndex: number): T;
	/** What the item asked for, in error messages, e.g. `the label "Decision maker" from contacts to companies`. */
	describe(item: T): string;
	/** Checks an item before any item writes (e.g. that a label may be changed); may read. */
	check?(item: T, tools: PerItemTools): Promise<void>;
	/**
	 * Runs one item: its output json (one per result). Throws InvalidInputError for what the node
	 * refuses before sending, RefusedAnswer for what HubSpot refused.
	 */
	run(item: T, tools: PerItemTools): Promise<IDataObject[]>;
}

/**
 * Runs an operation one request per item (the label endpoints are not batch endpoints), through
 * the run's one client (throttle, retries): every item is validated and checked before anything
 * is written, then each gets its outputs, or one error item, paired to it.
 */
export async function runPerItem<T>(context: IExecuteFunctions, operation: PerItemOperation<T>): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const toErrorOutput = node.onError === 'continueErrorOutput';
	const read = itemParameterReader(context);

	const asked = new Map<number, T>();
	const failures = new Map<number, ItemFailure>();
	const refuse = (itemIndex: number, invalid: InvalidInputError) => {
		const error = invalidItemError(node, itemIndex, invalid);
		if (!continueOnFail) throw error;
		failures.set(itemIndex, { message: error.message });
	};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			asked.set(itemIndex, operation.readItem(read, itemIndex));
		} catch (error) {
			if (!(error instanceof InvalidInputError)) throw new NodeOperationError(node, error as Error, { itemIndex });
			refuse(itemIndex, error);
		}
	}

	// One request per item, in item order: the client's throttle and retries, no parallel requests.
	const client = createHubSpotClient(context, readClientSettings(context));
	const authentication = authenticationOf(context);
	const dryRun = readDryRun(context);
	const directory = new LabelDirectory(client);
	const outputs = new Map<number, IDataObject[]>();
	const planned = new Map<number, HubSpotRequest>();

	const toolsOf = (itemIndex: number): PerItemTools => ({ client, directory, dryRun, plan: (request) => planned.set(itemIndex, request) });
	/** Runs one step of an item; a refusal settles the item (or stops the node) and answers false. */
	const attempt = async (itemIndex: number, item: T, step: () => Promise<void>): Promise<boolean> => {
		try {
			await step();
			return true;
		} catch (error) {
			if (error instanceof InvalidInputError) {
				refuse(itemIndex, error);
				return false;
			}
			if (!(error instanceof RefusedAnswer)) throw new NodeOperationError(node, error as Error, { itemIndex });
			const { answer } = error;
			const message = `Item ${itemIndex}: HubSpot did not accept ${operation.describe(item)}: ${describeFailedExchange(answer, authentication)}`;
			if (!continueOnFail) throw hubspotError(node, { message, hubspot: answer.hubspot, statusCode: answer.statusCode, itemIndex });
			failures.set(itemIndex, { message, hubspot: answer.hubspot });
			return false;
		}
	};

	// Every item's checks (which may read) run before the first write.
	const { check } = operation;
	const checked = new Map<number, T>();
	for (const [itemIndex, item] of asked) {
		if (!check || (await attempt(itemIndex, item, async () => await check(item, toolsOf(itemIndex))))) checked.set(itemIndex, item);
	}
	for (const [itemIndex, item] of checked) {
		await attempt(itemIndex, item, async () => {
			outputs.set(itemIndex, await operation.run(item, toolsOf(itemIndex)));
		});
	}

	// A dry run numbers the writes it would send, in item order.
	const order = new Map([...planned.keys()].map((itemIndex, position) => [itemIndex, position + 1]));
	const dryRunFields = (itemIndex: number): IDataObject => {
		const request = planned.get(itemIndex);
		if (!request) return { dryRun: true, request: null, input: null };
		const numbered = { method: request.method, path: request.path, batch: order.get(itemIndex), of: order.size };
		return { dryRun: true, request: numbered, input: (request.body ?? null) as IDataObject | null };
	};

	return [
		items.flatMap((_, itemIndex): INodeExecutionData[] => {
			const failure = failures.get(itemIndex);
			if (failure) return [failureItem(itemIndex, failure, toErrorOutput)];
			return (outputs.get(itemIndex) ?? []).map((json) => ({
				json: dryRun ? { ...dryRunFields(itemIndex), ...json } : json,
				pairedItem: { item: itemIndex },
			}));
		}),
	];
}
