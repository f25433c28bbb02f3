import { batchInputs, field } from '../batchInput';
import { badRequest, standardError, type StandardError } from '../hubspotErrors';
import { compareIds } from '../records';
import { batchTimes, json, type Route } from '../routing';
import type { SimulatorState } from '../state';
import { ASSOCIATIONS_PATH, direction, fromRef, invalidIdsError, typesOnPair, withErrors, type Direction } from './associationPath';

const MAX_INPUTS = 1000;
const COMPONENT = 'PublicFetchAssociationsBatchRequest';

/** `POST .../batch/read`: the associated records of each input id, paged per id with `after` cursors. */
export const batchReadRoute: Route = {
	method: 'POST',
	pattern: new RegExp(`${ASSOCIATIONS_PATH}/batch/read$`),
	kind: 'associations/batch/read',
	crm: true,
	handle(request, params, { state, random }) {
		const startedAt = new Date();
		const path = direction(params, state);
		const inputs = batchInputs(request.body, 'BatchInputPublicFetchAssociationsBatchRequest', MAX_INPUTS).map((input) => {
			const id = field(input, COMPONENT, 'id');
			const after = (input as { after?: unknown }).after;
			return { id: String(id), after: after === undefined || after === null ? undefined : decodeCursor(String(after)) };
		});

		const results = [];
		const errors: StandardError[] = [];
		for (const { id, after } of inputs) {
			const invalidIds = invalidIdsError(state, [{ type: path.from, id }]);
			if (invalidIds) {
				errors.push(invalidIds);
				continue;
			}
			const allIds = state.associations.associatedIds(fromRef(path, id), path.to.objectTypeId);
			if (allIds.length === 0 && state.settings.readWithoutAssociations === 'error') {
				errors.push(noAssociationsError(path, id));
				continue;
			}
			results.push(readOne(state, path, id, allIds, after));
		}

		const status = errors.length > 0 && path.version === '2026-03' ? 207 : 200;
		return json(status, { status: 'COMPLETE', results: random.shuffle(results), ...withErrors(errors), ...batchTimes(startedAt) });
	},
};

interface Row {
	toId: string;
	types: Array<{ category: string; typeId: number; label?: string }>;
	/** Where the row ends, as a cursor: `toId`, or `toId:n` (its n-th type) when paging by type. */
	position: string;
}

/** A record's associations as pageable rows: one per to-record, or one per association type. */
function rowsOf(state: SimulatorState, path: Direction, id: string, allIds: string[]): Row[] {
	return allIds.flatMap((toId) => {
		const types = typesOnPair(state, path, id, toId).map(({ category, typeId, label }) => ({ category, typeId, ...(label === undefined ? {} : { label }) }));
		if (state.settings.readPaging === 'byRecord') return [{ toId, types, position: toId }];
		return types.map((type, index) => ({ toId, types: [type], position: `${toId}:${index}` }));
	});
}

function readOne(state: SimulatorState, path: Direction, id: string, allIds: string[], after: string | undefined) {
	const rows = rowsOf(state, path, id, allIds);
	const remaining = after === undefined ? rows : rows.filter((row) => comparePositions(row.position, after) > 0);
	const page = remaining.slice(0, state.settings.readPageSize);
	const to: Array<{ toObjectId: string; associationTypes: Row['types'] }> = [];
	for (const row of page) {
		const last = to[to.length - 1];
		if (last?.toObjectId === row.toId) last.associationTypes.push(...row.types);
		else to.push({ toObjectId: row.toId, associationTypes: [...row.types] });
	}
	const more = remaining.length > page.length;
	return { from: { id }, to, ...(more ? { paging: { next: { after: encodeCursor(page[page.length - 1].position) } } } : {}) };
}

/** Orders `toId` or `toId:n` positions: by record id, then type (a bare id sorts after its types). */
function comparePositions(a: string, b: string): number {
	const [aId, aType] = a.split(':');
	const [bId, bType] = b.split(':');
	const byId = compareIds(aId, bId);
	if (byId !== 0) return byId;
	const rank = (type: string | undefined) => (type === undefined ? Number.MAX_SAFE_INTEGER : Number(type));
	return rank(aType) - rank(bType);
}

function noAssociationsError(path: Direction, id: string): StandardError {
	return standardError('OBJECT_NOT_FOUND', `No ${path.to.singular} is associated with ${path.from.singular} ${id}.`, {
		fromObjectId: [id],
	});
}

/** Cursors are opaque to clients; here the last position returned, base64url-encoded. */
function encodeCursor(position: string): string {
	return Buffer.from(position, 'utf8').toString('base64url');
}

function decodeCursor(after: string): string {
	const position = Buffer.from(after, 'base64url').toString('utf8');
	if (!/^[0-9]+(:[0-9]+)?$/.test(position)) throw badRequest(`Invalid paging cursor: ${after}`, { after: [after] });
	return position;
}
