/**
 * The floor the node's own cost is measured against (benchmark fixture, never shipped): a node with
 * no I/O that reads the two ids straight from each item's json, reads the association types once and
 * outputs `{ status, fromObjectId, toObjectId, types }` per item, and a plain `fetch` client posting
 * the same chunks the node sends. A read floor outputs `{ status, fromObjectId, associations }`: the
 * associations HubSpot answered for the record, as parsed, read by the same plain client before the
 * run (what a user of a read gets is those associations, so a floor without them would not be one).
 */
import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type INodeType } from 'n8n-workflow';

export const FLOOR_NODE_TYPE = 'bench.floor';

/** `fromField`/`toField` name the item json fields; a read floor has no `toField`, and the associations read by record id instead. */
export function floorNodeType(fromField: string, toField?: string, associationsRead?: Map<string, unknown[]>): INodeType {
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
			if (associationsRead) {
				return [
					items.map((item, index) => {
						const fromObjectId = String(item.json[fromField]);
						return { json: { status: 'read', fromObjectId, associations: (associationsRead.get(fromObjectId) ?? []) as IDataObject[] }, pairedItem: { item: index } };
					}),
				];
			}
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

/** Reads the associations of `ids` through batch/read in chunks of 1,000, following paging cursors: each record's list as parsed. */
export async function readAssociationsOf(url: string, accessToken: string, ids: string[]): Promise<Map<string, unknown[]>> {
	const read = new Map<string, unknown[]>();
	let pending: Array<{ id: string; after?: string }> = ids.map((id) => ({ id }));
	while (pending.length > 0) {
		const next: Array<{ id: string; after: string }> = [];
		for (let start = 0; start < pending.length; start += 1000) {
			const response = await fetch(url, {
				method: 'POST',
				headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
				body: JSON.stringify({ inputs: pending.slice(start, start + 1000) }),
			});
			const body = (await response.json()) as { results?: Array<{ from: { id: string }; to: unknown[]; paging?: { next?: { after?: string } } }> };
			for (const { from, to, paging } of body.results ?? []) {
				const known = read.get(String(from.id));
				read.set(String(from.id), known ? [...known, ...to] : to);
				if (paging?.next?.after) next.push({ id: String(from.id), after: paging.next.after });
			}
		}
		pending = next;
	}
	return read;
}
