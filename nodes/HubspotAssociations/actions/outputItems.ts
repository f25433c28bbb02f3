import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { HubSpotErrorInfo } from '../helpers/interfaces';

export interface ItemFailure {
	message: string;
	fromObjectId?: unknown;
	toObjectId?: unknown;
	hubspot?: HubSpotErrorInfo;
	/** The id of the item's from-record, where it was known when the item failed (never shown). */
	fromRecordId?: string;
}

/**
 * The output item of a failed input item. On the error output n8n merges the paired input
 * item into json that holds only `error`; the regular output keeps the ids and HubSpot's details.
 */
export function failureItem(itemIndex: number, failure: ItemFailure, toErrorOutput: boolean): INodeExecutionData {
	const json: IDataObject = toErrorOutput
		? { error: failure.message }
		: {
				error: failure.message,
				...(failure.fromObjectId !== undefined ? { fromObjectId: failure.fromObjectId as IDataObject[string] } : {}),
				...(failure.toObjectId !== undefined && failure.toObjectId !== '' ? { toObjectId: failure.toObjectId as IDataObject[string] } : {}),
				...(failure.hubspot ? { hubspot: failure.hubspot } : {}),
			};
	return { json, pairedItem: { item: itemIndex } };
}
