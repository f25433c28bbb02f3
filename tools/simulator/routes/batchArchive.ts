import type { AssociationDefinition } from '../associationDefinitions';
import { batchInputs, field, objectId, requestedTypes } from '../batchInput';
import { badRequest, type StandardError } from '../hubspotErrors';
import { batchTimes, json, noContent, type Route, type SimResponse } from '../routing';
import type { SimulatorState } from '../state';
import { ASSOCIATIONS_PATH, direction, fromRef, invalidIdsError, toRef, withErrors, type Direction } from './associationPath';

/**
 * Applies each pair whose records exist; a pair naming a record that does not exist fails on
 * its own. HubSpot documents 204, or 200 with a batch body, for these endpoints (no 207):
 * partial failures come as 200 with `errors`.
 */
function applyEach<P extends { fromId: string; toId: string }>(state: SimulatorState, path: Direction, pairs: P[], apply: (pair: P) => void): SimResponse {
	const startedAt = new Date();
	const errors: StandardError[] = [];
	for (const pair of pairs) {
		const invalidIds = invalidIdsError(state, [
			{ type: path.from, id: pair.fromId },
			{ type: path.to, id: pair.toId },
		]);
		if (invalidIds) errors.push(invalidIds);
		else apply(pair);
	}
	if (errors.length === 0) return noContent();
	return json(200, { status: 'COMPLETE', results: [], ...withErrors(errors), ...batchTimes(startedAt) });
}

/** `POST .../batch/archive`: removes every type of each pair; pairs without an association are ignored. */
export const batchArchiveRoute: Route = {
	method: 'POST',
	pattern: new RegExp(`${ASSOCIATIONS_PATH}/batch/archive$`),
	kind: 'associations/batch/archive',
	crm: true,
	handle(request, params, { state }) {
		const path = direction(params, state);
		const component = 'PublicAssociationMultiArchive';
		const pairs = batchInputs(request.body, 'BatchInputPublicAssociationMultiArchive').flatMap((input) => {
			const fromId = objectId(field(input, component, 'from'));
			const to = field(input, component, 'to');
			if (!Array.isArray(to)) throw badRequest(`Invalid input JSON: ${component}.to must be an array`);
			return to.map((target) => ({ fromId, toId: objectId(target) }));
		});
		return applyEach(state, path, pairs, ({ fromId, toId }) => state.associations.set(fromRef(path, fromId), toRef(path, toId), []));
	},
};

/**
 * `POST .../batch/labels/archive`: removes only the given types; removing the unlabeled
 * type removes the association with all its labels. Every type is checked before any change.
 */
export const batchLabelsArchiveRoute: Route = {
	method: 'POST',
	pattern: new RegExp(`${ASSOCIATIONS_PATH}/batch/labels/archive$`),
	kind: 'associations/batch/labels/archive',
	crm: true,
	handle(request, params, { state }) {
		const path = direction(params, state);
		const component = 'PublicAssociationMultiPost';
		const removals = batchInputs(request.body, 'BatchInputPublicAssociationMultiPost').map((input) => {
			const definitions: AssociationDefinition[] = requestedTypes(input, component).map(({ associationTypeId }) => {
				const type = state.definitions.find(path.from.objectTypeId, path.to.objectTypeId, associationTypeId);
				if (!type) {
					throw badRequest(`Association type ${associationTypeId} is not defined from ${path.from.errorName} to ${path.to.errorName}`, {
						associationTypeId: [String(associationTypeId)],
					});
				}
				return type.definition;
			});
			return { fromId: objectId(field(input, component, 'from')), toId: objectId(field(input, component, 'to')), definitions };
		});

		return applyEach(state, path, removals, ({ fromId, toId, definitions }) => {
			const [from, to] = [fromRef(path, fromId), toRef(path, toId)];
			const remaining = new Set(state.associations.definitionsOn(from, to));
			if (definitions.includes(path.unlabeled.definition)) remaining.clear();
			for (const definition of definitions) remaining.delete(definition);
			state.associations.set(from, to, remaining);
		});
	},
};
