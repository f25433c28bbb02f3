/**
 * The floor the node's own cost is measured against (benchmark fixture, never shipped): a node with
 * no I/O that reads the two ids straight from each item's json, reads the association types once and
 * outputs `{ status, fromObjectId, toObjectId, types }` per item, and a plain `fetch` client posting
 * the same chunks the node sends.
 */
import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type INodeType } from 'n8n-workflow';

export const FLOOR_NODE_TYPE = 'bench.floor';

/** `fromField`/`toField` name the item json fields; a read floor has no `toField`. */
export function floorNodeType(fromField: string, toField?: string): INodeType {
	return {
		description: {
			displayName: 'Floor',
			name: 'benchFloor',
			group: ['transform'],
			version: 1,
			description: 'Outputs one association result per item without any I/O',
			defaults: { name: 'Floor' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Types', name: 'associationTypes', type: 'json', default: [] }],
		},
		async execute(this: IExecuteFunctions) {
			const items = this.getInputData();
			const types = this.getNodeParameter('associationTypes', 0) as IDataObject[];
			return [
				items.map((item, index) => ({
					json: {
						status: toField ? 'created' : 'read',
						fromObjectId: String(item.json[fromField]),
						...(toField ? { toObjectId: String(item.json[toField]) } : {}),
						types: types.map((type) => ({ ...type })),
					},
					pairedItem: { item: index },
				})),
			];
		},
	};
}

/** Posts `bodies` one after another, as a script without the node would; returns the statuses. */
export async function postChunks(url: string, accessToken: string, bodies: Iterable<IDataObject>): Promise<number[]> {
	const statuses: number[] = [];
	for (const body of bodies) {
		const response = await fetch(url, {
			method: 'POST',
			headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		await response.json();
		statuses.push(response.status);
	}
	return statuses;
}
