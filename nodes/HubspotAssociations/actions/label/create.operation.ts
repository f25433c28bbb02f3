import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { findLabel, inverseTypeIds } from '../../helpers/labelNames';
import { runPerItem, RefusedAnswer } from '../perItemRunner';
import { directionOutput, labelFields, labelsOf, readDirection, readLabelText } from './labelFields';

export const description: INodeProperties[] = labelFields('create', {
	withLabel: true,
	extraOptions: [
		{
			displayName: 'Return Existing Label',
			name: 'returnExisting',
			type: 'boolean',
			default: true,
			description:
				'Whether a label that already exists for this direction with the same text (in any case) is answered with its type IDs instead of failing, so a workflow can make sure its labels exist on every run. Costs one read per direction and run.',
		},
	],
});

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const returnExisting = this.getNodeParameter('options.returnExisting', 0, true) !== false;
	return await runPerItem(this, {
		readItem: (read, itemIndex) => ({
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
				if (existing) {
					const inverse = inverseTypeIds(labels, await labelsOf(directory, toPathType, fromPathType)).get(existing.typeId);
					return [
						{
							status: 'exists',
							...directionOutput(asked),
							category: existing.category,
							typeId: existing.typeId,
							label: existing.label ?? null,
							...(inverse ? { inverseTypeId: inverse.typeId, inverseLabel: inverse.label ?? null } : {}),
						},
					];
				}
			}
			if (dryRun) {
				plan({ method: 'POST', path: directory.labelsPath(fromPathType, toPathType), body: directory.createBody(asked.label, asked.inverseLabel) });
				return [{ status: 'wouldCreate', ...directionOutput(asked), label: asked.label, ...(asked.inverseLabel ? { inverseLabel: asked.inverseLabel } : {}) }];
			}
			const created = await directory.create(fromPathType, toPathType, asked.label, asked.inverseLabel);
			if ('failed' in created) throw new RefusedAnswer(created.failed);
			const { forward, inverse } = created;
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
