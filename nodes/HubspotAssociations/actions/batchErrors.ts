import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { missingScopes } from '../helpers/hubspotErrors';
import type { AssociationRequest, HubSpotErrorInfo } from '../helpers/interfaces';
import type { InvalidInputError } from '../helpers/validation';

/** "contacts 101 → companies 201": what an item asked for, in error messages. */
function describePair(request: AssociationRequest): string {
	const to = request.toObjectId ? `${request.toObjectType} ${request.toObjectId}` : request.toObjectType;
	return `${request.fromObjectType} ${request.fromObjectId} → ${to}`;
}

/** The message of an item HubSpot did not accept. */
export function rejectedItemMessage(request: AssociationRequest, reason: string): string {
	return `Item ${request.itemIndex}: HubSpot did not accept ${describePair(request)}: ${reason}`;
}

function apiErrorDescription(hubspot: HubSpotErrorInfo | undefined): string | undefined {
	const parts = [hubspot?.category && `Category: ${hubspot.category}`, hubspot?.correlationId && `Correlation ID: ${hubspot.correlationId}`];
	const present = parts.filter(Boolean);
	return present.length > 0 ? present.join(' · ') : undefined;
}

/** A bad parameter value of one item: nothing is sent when the node stops on it. */
export function invalidItemError(node: INode, itemIndex: number, invalid: InvalidInputError): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex}: ${invalid.message}`, {
		itemIndex,
		description: `Fix the "${invalid.field}" parameter (or the field it is mapped from) for this item.`,
	});
}

/** HubSpot's refusal of a request, or of an item in it, keeping its category and correlation id. */
export function hubspotError(
	node: INode,
	{ message, hubspot, statusCode, itemIndex }: { message: string; hubspot?: HubSpotErrorInfo; statusCode?: number; itemIndex: number },
): NodeApiError {
	const error = new NodeApiError(node, (hubspot ?? { message }) as JsonObject, {
		message,
		description: apiErrorDescription(hubspot),
		httpCode: statusCode ? String(statusCode) : undefined,
		itemIndex,
	});
	const scopes = missingScopes(hubspot);
	if (scopes.length > 0) error.context.missingScopes = scopes;
	return error;
}
