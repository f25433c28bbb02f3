import type { AssociationDefinition } from '../associationDefinitions';
import { batchInputs, field, objectId, requestedTypes } from '../batchInput';
import { badRequest } from '../hubspotErrors';
import { noContent, type Route } from '../routing';
import { ASSOCIATIONS_PATH, direction, fromRef, toRef } from './associationPath';

/** `POST .../batch/archive`: removes every type of each pair; unknown pairs are ignored. */
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
		for (const { fromId, toId } of pairs) state.associations.set(fromRef(path, fromId), toRef(path, toId), []);
		return noContent();
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
			return { from: fromRef(path, objectId(field(input, component, 'from'))), to: toRef(path, objectId(field(input, component, 'to'))), definitions };
		});

		for (const { from, to, definitions } of removals) {
			const remaining = new Set(state.associations.definitionsOn(from, to));
			if (definitions.includes(path.unlabeled.definition)) remaining.clear();
			for (const definition of definitions) remaining.delete(definition);
			state.associations.set(from, to, remaining);
		}
		return noContent();
	},
};
