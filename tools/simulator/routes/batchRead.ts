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
			return { id: String(id), afterId: after === undefined || after === null ? undefined : decodeCursor(String(after)) };
		});

		const results = [];
		const errors: StandardError[] = [];
		for (const { id, afterId } of inputs) {
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
			results.push(readOne(state, path, id, allIds, afterId));
		}

		const status = errors.length > 0 && path.version === '2026-03' ? 207 : 200;
		return json(status, { status: 'COMPLETE', results: random.shuffle(results), ...withErrors(errors), ...batchTimes(startedAt) });
	},
};

function readOne(state: SimulatorState, path: Direction, id: string, allIds: string[], afterId: string | undefined) {
	const remaining = afterId === undefined ? allIds : allIds.filter((toId) => compareIds(toId, afterId) > 0);
	const page = remaining.slice(0, state.settings.readPageSize);
	const to = page.map((toId) => ({
		toObjectId: toId,
		associationTypes: typesOnPair(state, path, id, toId).map(({ category, typeId, label }) => ({ category, typeId, ...(label === undefined ? {} : { label }) })),
	}));
	const more = remaining.length > page.length;
	return { from: { id }, to, ...(more ? { paging: { next: { after: encodeCursor(page[page.length - 1]) } } } : {}) };
}

function noAssociationsError(path: Direction, id: string): StandardError {
	return standardError('OBJECT_NOT_FOUND', `No ${path.to.singular} is associated with ${path.from.singular} ${id}.`, {
		fromObjectId: [id],
	});
}

/** Cursors are opaque to clients; here the last id returned, base64url-encoded. */
function encodeCursor(lastId: string): string {
	return Buffer.from(lastId, 'utf8').toString('base64url');
}

function decodeCursor(after: string): string {
	const lastId = Buffer.from(after, 'base64url').toString('utf8');
	if (!/^[0-9]+$/.test(lastId)) throw badRequest(`Invalid paging cursor: ${after}`, { after: [after] });
	return lastId;
}
