import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { AssociationLabel } from '../../helpers/associationLabels';
import { findLabel, sameLabelText } from '../../helpers/labelNames';
import { InvalidInputError, showValue } from '../../helpers/validation';
import { runPerItem, RefusedAnswer } from '../perItemRunner';
import { directionOutput, inversesOf, labelFields, labelsOf, readDirection, readLabelText, type LabelDirection } from './labelFields';

export const description: INodeProperties[] = labelFields('create', {
	withLabel: true,
	extraOptions: [
		{
			displayName: 'Return Existing Label',
			name: 'returnExisting',
			type: 'boolean',
			default: true,
			description:
				'Whether a label that already exists for this direction with the same text (in any case) is answered with its type IDs instead of failing, so a workflow can make sure its labels exist on every run. An existing label whose inverse text differs from the one asked for is answered as it is, with a warning. Costs one read per direction and run.',
		},
	],
});

interface AskedLabel extends LabelDirection {
	label: string;
	inverseLabel?: string;
}

/**
 * What the output says of a label that was there already, and how it differs from what was asked.
 * `sameObjectLabels`: in a same-object direction, the list the inverse asked for would be in
 * (which type is whose inverse is not known there, only whether such a label exists).
 */
function existingJson(asked: AskedLabel, existing: AssociationLabel, inverse: AssociationLabel | undefined, sameObjectLabels?: AssociationLabel[]): IDataObject {
	const wantedInverse = asked.inverseLabel ?? asked.label;
	const shown = (text: string | null | undefined) => JSON.stringify(text ?? '');
	let warning: string | undefined;
	if (inverse && !sameLabelText(inverse.label ?? '', wantedInverse)) {
		warning = `The label ${shown(existing.label)} exists with the inverse label ${shown(inverse.label)}, not ${shown(wantedInverse)} as asked: the existing label is answered unchanged (rename its inverse with the Update operation).`;
	} else if (!inverse && asked.inverseLabel && sameObjectLabels) {
		if (!findLabel(sameObjectLabels.filter((label) => label.typeId !== existing.typeId), asked.inverseLabel)) {
			warning = `The label ${shown(existing.label)} exists; no label ${shown(asked.inverseLabel)} exists from ${asked.fromObjectType} to ${asked.toObjectType}, so it is not its inverse: the existing label is answered unchanged (rename its inverse with the Update operation).`;
		}
	} else if (!inverse && sameObjectLabels) {
		// A single label there has two types with its one text; one whose text is alone is paired with another.
		if (!findLabel(sameObjectLabels.filter((label) => label.typeId !== existing.typeId), existing.label ?? asked.label)) {
			warning = `The label ${shown(existing.label)} exists as a paired label (its other side reads differently), not as the single label asked for: the existing label is answered unchanged (rename its inverse with the Update operation).`;
		}
	} else if (!inverse && asked.inverseLabel) {
		warning = `The label ${shown(existing.label)} exists; its inverse label could not be read from HubSpot's lists, so whether it is ${shown(wantedInverse)} as asked is not known.`;
	}
	return {
		status: 'exists',
		...directionOutput(asked),
		category: existing.category,
		typeId: existing.typeId,
		label: existing.label ?? null,
		...(inverse ? { inverseTypeId: inverse.typeId, inverseLabel: inverse.label ?? null } : {}),
		...(warning ? { warning } : {}),
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const returnExisting = this.getNodeParameter('options.returnExisting', 0, true) !== false;
	return await runPerItem(this, {
		readItem: (read, itemIndex): AskedLabel => ({
			...readDirection(read, itemIndex),
			label: readLabelText(read, itemIndex, 'label')!,
			inverseLabel: readLabelText(read, itemIndex, 'inverseLabel'),
		}),
		describe: (asked) => `the label "${asked.label}" from ${asked.fromObjectType} to ${asked.toObjectType}`,
		async run(asked, { directory, dryRun, plan }): Promise<IDataObject[]> {
			const { fromPathType, toPathType } = asked;
			if (returnExisting) {
				const labels = await labelsOf(directory, fromPathType, toPathType);
				const existing = findLabel(labels.filter((label) => label.category === 'USER_DEFINED'), asked.label);
				// A label an earlier item of this dry run would create: the real run answers it as existing.
				if (existing && directory.plannedLabel(existing.typeId) !== undefined) {
					return [{ status: 'exists', ...directionOutput(asked), category: existing.category, typeId: null, label: existing.label ?? null, created: 'on a real run' }];
				}
				if (existing) {
					const inverse = (await inversesOf(directory, fromPathType, toPathType)).get(existing.typeId);
					return [existingJson(asked, existing, inverse, directory.isSameObject(fromPathType, toPathType) ? labels : undefined)];
				}
			}
			if (!returnExisting) {
				// Read (once per direction) to tell a label this run creates from one that was there, should HubSpot's answer to the create be lost.
				const read = await directory.labels(fromPathType, toPathType);
				const existing = 'labels' in read ? findLabel(read.labels.filter((label) => label.category === 'USER_DEFINED'), asked.label) : undefined;
				// HubSpot refuses a second label with the text (its name): a dry run says so, as the real run's answer will.
				if (dryRun && existing) {
					const what = directory.plannedLabel(existing.typeId) === undefined ? 'exists' : 'is created by an earlier item';
					throw new InvalidInputError('Label (label)', `is ${showValue(asked.label)}: a label with this text ${what} from ${asked.fromObjectType} to ${asked.toObjectType}, so HubSpot would refuse it (Return Existing Label is off)`);
				}
			}
			if (dryRun) plan({ method: 'POST', path: directory.labelsPath(fromPathType, toPathType), body: directory.createBody(asked.label, asked.inverseLabel) });
			const created = await directory.create(fromPathType, toPathType, asked.label, asked.inverseLabel, { dryRun, acceptExisting: returnExisting });
			if ('failed' in created) throw new RefusedAnswer(created.failed);
			if (created.planned) return [{ status: 'wouldCreate', ...directionOutput(asked), label: asked.label, ...(asked.inverseLabel ? { inverseLabel: asked.inverseLabel } : {}) }];
			const { forward, inverse } = created;
			if (created.found === 'existing') {
				if (!returnExisting) throw new RefusedAnswer(created.refused!);
				const sameObject = directory.isSameObject(fromPathType, toPathType) ? await labelsOf(directory, fromPathType, toPathType) : undefined;
				return [existingJson(asked, forward, inverse, sameObject)];
			}
			return [
				{
					status: 'created',
					...directionOutput(asked),
					category: forward.category,
					typeId: forward.typeId,
					label: forward.label ?? asked.label,
					...(inverse ? { inverseTypeId: inverse.typeId, inverseLabel: inverse.label ?? null } : {}),
				},
			];
		},
	});
}
