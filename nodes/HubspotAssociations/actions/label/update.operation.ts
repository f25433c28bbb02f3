import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem, RefusedAnswer } from '../perItemRunner';
import { changeableLabel, directionOutput, labelFields, readDirection, readLabelText, readTypeId } from './labelFields';

export const description: INodeProperties[] = labelFields('update', { withTypeId: true, withLabel: true });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, {
		readItem: (read, itemIndex) => ({
			...readDirection(read, itemIndex),
			typeId: readTypeId(read, itemIndex),
			label: readLabelText(read, itemIndex, 'label')!,
			inverseLabel: readLabelText(read, itemIndex, 'inverseLabel'),
		}),
		describe: (asked) => `the new text "${asked.label}" of label ${asked.typeId} from ${asked.fromObjectType} to ${asked.toObjectType}`,
		// HubSpot's own types and unknown ids are refused before any item writes.
		check: async (asked, { directory }) => void (await changeableLabel(directory, asked, asked.typeId)),
		async run(asked, { client, directory, dryRun, plan }): Promise<IDataObject[]> {
			const { fromPathType, toPathType, typeId } = asked;
			const current = await changeableLabel(directory, asked, typeId);
			const request = {
				method: 'PUT' as const,
				path: directory.labelsPath(fromPathType, toPathType),
				body: { associationTypeId: typeId, label: asked.label, ...(asked.inverseLabel ? { inverseLabel: asked.inverseLabel } : {}) },
			};
			const output = {
				...directionOutput(asked),
				typeId,
				label: asked.label,
				...(asked.inverseLabel ? { inverseLabel: asked.inverseLabel } : {}),
				previousLabel: current.label ?? null,
			};
			if (dryRun) {
				plan(request);
				// As after a real rename: a later item of the run sees the new text.
				await directory.rename(fromPathType, toPathType, typeId, asked.label);
				return [{ status: 'wouldUpdate', ...output }];
			}
			const answer = await client.request(request);
			if (!answer.ok) throw new RefusedAnswer(answer);
			await directory.rename(fromPathType, toPathType, typeId, asked.label);
			return [{ status: 'updated', ...output }];
		},
	});
}
