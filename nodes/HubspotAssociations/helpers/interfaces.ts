import type { IDataObject } from 'n8n-workflow';
import type { RecordLookup } from './recordLookups';

export const ASSOCIATION_CATEGORIES = ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED', 'WORK'] as const;
export type AssociationCategory = (typeof ASSOCIATION_CATEGORIES)[number];

/** One association type as HubSpot's batch endpoints take it. */
export interface AssociationSpec {
	associationCategory: AssociationCategory;
	associationTypeId: number;
}

/** What one input item asks for, after validation. */
export interface AssociationRequest {
	itemIndex: number;
	/** The object types as the user gave them (echoed in the output). */
	fromObjectType: string;
	toObjectType: string;
	/** The object types as they go in HubSpot's URL path. */
	fromPathType: string;
	toPathType: string;
	/** The record ids; a looked-up side's id is filled in by the lookup step. */
	fromObjectId: string;
	toObjectId: string;
	types: AssociationSpec[];
	/** Set when the item names the record by a property value (email, domain, …) instead of its id. */
	fromLookup?: RecordLookup;
	toLookup?: RecordLookup;
	/** Labels given by their text, resolved into `types` before planning. */
	labelNames?: string[];
}

/** One entry of a batch request's `inputs`, and the items it answers for. */
export interface PlannedInput {
	fromObjectId: string;
	toObjectId: string;
	types: AssociationSpec[];
	itemIndexes: number[];
}

/** One HTTP request to make: a direction and at most `batchSize` inputs. */
export interface PlannedBatch {
	fromPathType: string;
	toPathType: string;
	inputs: PlannedInput[];
}

/**
 * A planned batch while it waits to be sent: its inputs in columns, a slot each, instead of an
 * object and an item index array per input. A large run holds its batches from planning until
 * their answers, so this is most of what it keeps per item beside the items themselves; the
 * inputs are built just before the batch is sent (`plannedBatch`).
 */
export interface WaitingBatch {
	fromPathType: string;
	toPathType: string;
	fromObjectIds: string[];
	toObjectIds: string[];
	/** Each input's types; the inputs of a run mostly share one array. */
	types: AssociationSpec[][];
	/** The item each input answers for, or its items when several named its pair. */
	items: Array<number | number[]>;
}

/** The parts of a HubSpot error body worth keeping; every field is optional in practice. */
export interface HubSpotErrorInfo extends IDataObject {
	status?: string | number;
	category?: string;
	subCategory?: string;
	message?: string;
	correlationId?: string;
	context?: Record<string, string[]>;
	/** On a 429: TEN_SECONDLY_ROLLING, SECONDLY or DAILY. */
	policyName?: string;
}

/** `LabelsBetweenObjectPair` in HubSpot's reference. */
export interface LabelsBetweenObjectPair {
	fromObjectId: string;
	fromObjectTypeId: string;
	toObjectId: string;
	toObjectTypeId: string;
	labels: string[];
}

/** The body of a 2xx answer to batch/create (200, 201 or 207). */
export interface BatchCreateResponse {
	status?: string;
	results?: LabelsBetweenObjectPair[];
	numErrors?: number;
	errors?: HubSpotBatchError[];
}

/** `StandardError` in HubSpot's reference: one failure inside a batch answer. */
export interface HubSpotBatchError {
	status?: string;
	category?: string;
	subCategory?: unknown;
	message?: string;
	context?: Record<string, string[]>;
	errors?: Array<{ message?: string; context?: Record<string, string[]> }>;
}

/** How one planned input came out. */
export type InputOutcome<R = LabelsBetweenObjectPair> =
	| { kind: 'succeeded'; result: R }
	| {
			kind: 'failed';
			message: string;
			hubspot?: HubSpotErrorInfo;
			/** The node, not HubSpot, stopped the input: nothing was sent for it. */
			refusedByNode?: true;
			/** The batch's status (PENDING, PROCESSING) when only a read can tell whether the input was written. */
			unconfirmed?: string;
			/** HubSpot's answer named the input in neither its results nor its errors. */
			unanswered?: true;
	  };
