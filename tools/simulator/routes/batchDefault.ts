import { batchInputs, field, objectId } from '../batchInput';
import type { StandardError } from '../hubspotErrors';
import { batchTimes, json, type Route } from '../routing';
import { ASSOCIATIONS_PATH, direction, fromRef, invalidIdsError, toRef, withErrors } from './associationPath';

const COMPONENT = 'PublicDefaultAssociationMultiPost';

/**
 * `POST .../batch/associate/default`: adds the unlabeled type, keeping labels already on the pair.
 * HubSpot answers one result per direction, so each input yields two results.
 */
export const batchDefaultRoute: Route = {
	method: 'POST',
	pattern: new RegExp(`${ASSOCIATIONS_PATH}/batch/associate/default$`),
	kind: 'associations/batch/associate/default',
	crm: true,
	handle(request, params, { state, random }) {
		const startedAt = new Date();
		const path = direction(params, state);
		const inputs = batchInputs(request.body, 'BatchInputPublicDefaultAssociationMultiPost').map((input) => ({
			fromId: objectId(field(input, COMPONENT, 'from')),
			toId: objectId(field(input, COMPONENT, 'to')),
		}));
		const reverse = state.definitions.inverse(path.unlabeled.definition, path.from.objectTypeId);

		const results = [];
		const errors: StandardError[] = [];
		for (const { fromId, toId } of inputs) {
			const invalidIds = invalidIdsError(state, [
				{ type: path.from, id: fromId },
				{ type: path.to, id: toId },
			]);
			if (invalidIds) {
				errors.push(invalidIds);
				continue;
			}
			const from = fromRef(path, fromId);
			const to = toRef(path, toId);
			state.associations.set(from, to, [...state.associations.definitionsOn(from, to), path.unlabeled.definition]);
			results.push(
				{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: path.unlabeled.category, associationTypeId: path.unlabeled.typeId } },
				{ from: { id: toId }, to: { id: fromId }, associationSpec: { associationCategory: reverse.category, associationTypeId: reverse.typeId } },
			);
		}
		return json(200, { status: 'COMPLETE', results: random.shuffle(results), ...withErrors(errors), ...batchTimes(startedAt) });
	},
};
