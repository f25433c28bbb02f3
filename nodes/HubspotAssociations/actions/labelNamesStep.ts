import type { INode } from 'n8n-workflow';
import { describeFailedExchange } from '../helpers/hubspotErrors';
import type { AssociationRequest } from '../helpers/interfaces';
import { existingLabelsText, findLabel } from '../helpers/labelNames';
import { InvalidInputError, showValue } from '../helpers/validation';
import type { Authentication } from '../transport';
import { hubspotError, invalidItemError } from './batchErrors';
import type { FailedAnswer, LabelDirectory } from './labelDirectory';
import type { ItemFailure } from './outputItems';

const TYPES_FIELD = 'Association Types (associationTypes)';

/** An item whose labels could not be resolved: its output, or the error that stops the node. */
export interface UnresolvedItem {
	failure: ItemFailure;
	error: Error;
}

export interface LabelNamesSettings {
	node: INode;
	directory: LabelDirectory;
	authentication: Authentication;
	/** Option `createMissingLabels`: a name that does not exist is created once, then used. */
	createMissing: boolean;
	dryRun: boolean;
}

/** An item stopped because a read of its direction's labels (or a label's create) failed. */
export function failedLabelsItem(settings: Pick<LabelNamesSettings, 'node' | 'authentication'>, request: AssociationRequest, what: string, failed: FailedAnswer): UnresolvedItem {
	const message = `Item ${request.itemIndex}: ${what} from ${request.fromObjectType} to ${request.toObjectType}: ${describeFailedExchange(failed, settings.authentication)}`;
	const error = hubspotError(settings.node, { message, hubspot: failed.hubspot, statusCode: failed.statusCode, itemIndex: request.itemIndex });
	return { failure: { message, fromObjectId: request.fromObjectId, toObjectId: request.toObjectId, hubspot: failed.hubspot }, error };
}

/**
 * Turns the label names items gave in `associationTypes` ("Decision maker") into type ids of
 * their direction, reading each direction's labels once. Each item's types gain the resolved
 * ones; an item naming a label that does not exist (and is not to be created) is returned.
 */
export async function resolveLabelNames(requests: AssociationRequest[], settings: LabelNamesSettings): Promise<Map<number, UnresolvedItem>> {
	const { node, directory } = settings;
	const unresolved = new Map<number, UnresolvedItem>();
	const ids = (request: AssociationRequest) => ({ fromObjectId: request.fromObjectId, toObjectId: request.toObjectId });
	const failWithAnswer = (request: AssociationRequest, what: string, failed: FailedAnswer) => unresolved.set(request.itemIndex, failedLabelsItem(settings, request, what, failed));

	for (const request of requests) {
		if (!request.labelNames?.length) continue;
		const read = await directory.labels(request.fromPathType, request.toPathType);
		if ('failed' in read) {
			failWithAnswer(request, 'could not read the labels', read.failed);
			continue;
		}
		for (const name of request.labelNames) {
			let label = findLabel(read.labels, name);
			if (!label && settings.createMissing) {
				const created = await directory.ensure(request.fromPathType, request.toPathType, name, settings.dryRun);
				if ('failed' in created) {
					failWithAnswer(request, `could not create the label ${showValue(name)}`, created.failed);
					break;
				}
				label = created.forward;
			}
			if (!label) {
				const invalid = new InvalidInputError(
					TYPES_FIELD,
					`names the label ${showValue(name)}, which does not exist from ${request.fromObjectType} to ${request.toObjectType} (${existingLabelsText(read.labels)})`,
				);
				const error = invalidItemError(node, request.itemIndex, invalid);
				unresolved.set(request.itemIndex, { failure: { message: error.message, ...ids(request) }, error });
				break;
			}
			const known = request.types.some((spec) => spec.associationCategory === label.category && spec.associationTypeId === label.typeId);
			if (!known) request.types.push({ associationCategory: label.category as AssociationRequest['types'][number]['associationCategory'], associationTypeId: label.typeId });
		}
	}
	return unresolved;
}
