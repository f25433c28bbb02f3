import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { AssociationLabel } from '../../helpers/associationLabels';
import { runPerItem } from '../perItemRunner';
import { directionOutput, inversesOf, labelFields, labelsOf, readDirection } from './labelFields';

export const description: INodeProperties[] = labelFields('getAll', { writes: false });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, {
		readItem: readDirection,
		describe: (direction) => `a read of the labels from ${direction.fromObjectType} to ${direction.toObjectType}`,
		async run(direction, { directory }): Promise<IDataObject[]> {
			const labels = await labelsOf(directory, direction.fromPathType, direction.toPathType);
			// The inverse ids live in the other direction's list: read it only when there is a label to pair.
			const pairable = labels.some((label) => label.category === 'USER_DEFINED');
			const inverses = pairable ? await inversesOf(directory, direction.fromPathType, direction.toPathType) : new Map<number, AssociationLabel>();
			return labels.map((label) => {
				const inverse = inverses.get(label.typeId);
				return {
					...directionOutput(direction),
					category: label.category,
					typeId: label.typeId,
					label: label.label ?? null,
					...(inverse ? { inverseTypeId: inverse.typeId, inverseLabel: inverse.label ?? null } : {}),
				};
			});
		},
	});
}
