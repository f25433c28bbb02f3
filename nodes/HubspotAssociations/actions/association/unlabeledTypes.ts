import { isPrimaryType, type AssociationLabel } from '../../helpers/associationLabels';
import type { AssociationRequest, AssociationSpec } from '../../helpers/interfaces';
import { failedLabelsItem, type LabelNamesSettings, type UnresolvedItem } from '../labelNamesStep';

const key = (fromPathType: string, toPathType: string, typeId: number) => `${fromPathType} ${toPathType} ${typeId}`;

/** Whether a type may be a direction's unlabeled one: only HubSpot's own types that are not primary can be. */
const mayBeUnlabeled = (spec: AssociationSpec) =>
	spec.associationCategory === 'HUBSPOT_DEFINED' && !isPrimaryType({ category: spec.associationCategory, typeId: spec.associationTypeId });

/**
 * The unlabeled types items ask to remove. That type carries the association itself: removing it
 * removes the association with all its labels, so such an item's answer says so. A direction's
 * labels are read only when an item names a HubSpot-defined type that could be its unlabeled one.
 */
export class UnlabeledTypes {
	private readonly unlabeled = new Set<string>();

	readonly prepare = async (requests: AssociationRequest[], settings: LabelNamesSettings): Promise<Map<number, UnresolvedItem>> => {
		const stopped = new Map<number, UnresolvedItem>();
		for (const request of requests) {
			if (!request.types.some(mayBeUnlabeled)) continue;
			const read = await settings.directory.labels(request.fromPathType, request.toPathType);
			if ('failed' in read) {
				stopped.set(request.itemIndex, failedLabelsItem(settings, request, 'could not read the labels (to tell whether a type is the unlabeled one, whose removal removes the association)', read.failed));
				continue;
			}
			for (const label of read.labels) if (isUnlabeled(label)) this.unlabeled.add(key(request.fromPathType, request.toPathType, label.typeId));
		}
		return stopped;
	};

	/** The unlabeled type among a request's types, if it asks to remove it. */
	of(request: AssociationRequest): AssociationSpec | undefined {
		return request.types.find((spec) => mayBeUnlabeled(spec) && this.unlabeled.has(key(request.fromPathType, request.toPathType, spec.associationTypeId)));
	}
}

function isUnlabeled(label: AssociationLabel): boolean {
	return label.category === 'HUBSPOT_DEFINED' && !label.label;
}
