import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { inverseTypeIds } from '../../helpers/labelNames';
import { knownObjectTypeId } from '../../helpers/objectTypes';
import { runPerItem } from '../perItemRunner';
import { directionOutput, labelFields, labelsOf, readDirection } from './labelFields';

export const description: INodeProperties[] = labelFields('getAll', { writes: false });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, {
		readItem: readDirection,
		describe: (direction) => `a read of the labels from ${direction.fromObjectType} to ${direction.toObjectType}`,
		async run(direction, { directory }): Promise<IDataObject[]> {
			const labels = await labelsOf(directory, direction.fromPathType, direction.toPathType);
			const sameType = (knownObjectTypeId(direction.fromPathType) ?? direction.fromPathType) === (knownObjectTypeId(direction.toPathType) ?? direction.toPathType);
			// The inverse ids live in the other direction's list: read it only when there is a label to pair.
			const pairable = !sameType && labels.some((label) => label.category === 'USER_DEFINED');
			const inverses = pairable ? inverseTypeIds(labels, await labelsOf(directory, direction.toPathType, direction.fromPathType)) : new Map();
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
