import type { AssociationDefinition } from '../associationDefinitions';
import { batchInputs, field, objectId, requestedTypes, type RequestedType } from '../batchInput';
import { standardError, type StandardError } from '../hubspotErrors';
import { batchTimes, json, type Route } from '../routing';
import type { SimulatorState } from '../state';
import { ASSOCIATIONS_PATH, direction, fromRef, invalidIdsError, toRef, typesOnPair, withErrors, type Direction } from './associationPath';

const MAX_INPUTS = 2000;
const COMPONENT = 'PublicAssociationMultiPost';

interface CreateInput {
	fromId: string;
	toId: string;
	types: RequestedType[];
}

/**
 * `POST .../batch/create`: sets the pair's types to exactly the requested ones (plus the
 * unlabeled default), so labels not in the request are dropped, as on HubSpot.
 */
export const batchCreateRoute: Route = {
	method: 'POST',
	pattern: new RegExp(`${ASSOCIATIONS_PATH}/batch/create$`),
	kind: 'associations/batch/create',
	crm: true,
	handle(request, params, { state, random }) {
		const startedAt = new Date();
		const path = direction(params, state);
		const inputs: CreateInput[] = batchInputs(request.body, 'BatchInputPublicAssociationMultiPost', MAX_INPUTS).map((input) => ({
			fromId: objectId(field(input, COMPONENT, 'from')),
			toId: objectId(field(input, COMPONENT, 'to')),
			types: requestedTypes(input, COMPONENT),
		}));

		const results = [];
		const errors: StandardError[] = [];
		for (const input of inputs) {
			const failure = createOne(state, path, input);
			if (failure) {
				errors.push(failure);
				continue;
			}
			results.push({
				fromObjectId: input.fromId,
				fromObjectTypeId: path.from.objectTypeId,
				toObjectId: input.toId,
				toObjectTypeId: path.to.objectTypeId,
				labels: typesOnPair(state, path, input.fromId, input.toId).flatMap((type) => (type.label === undefined ? [] : [type.label])),
			});
		}

		const status = path.version === '2026-09' ? 200 : errors.length > 0 ? 207 : state.settings.createSuccessStatus;
		return json(status, { status: 'COMPLETE', results: random.shuffle(results), ...withErrors(errors), ...batchTimes(startedAt) });
	},
};

function createOne(state: SimulatorState, path: Direction, input: CreateInput): StandardError | undefined {
	const invalidIds = invalidIdsError(state, [
		{ type: path.from, id: input.fromId },
		{ type: path.to, id: input.toId },
	]);
	if (invalidIds) return invalidIds;

	const kept = state.settings.createLabels === 'keep' ? state.associations.definitionsOn(fromRef(path, input.fromId), toRef(path, input.toId)) : [];
	const definitions: AssociationDefinition[] = [path.unlabeled.definition, ...kept];
	for (const requested of input.types) {
		const type = state.definitions.find(path.from.objectTypeId, path.to.objectTypeId, requested.associationTypeId);
		if (!type || type.category !== requested.associationCategory) return invalidTypeError(path, input, requested, type?.category);
		definitions.push(type.definition);
	}
	state.associations.set(fromRef(path, input.fromId), toRef(path, input.toId), definitions);
	return undefined;
}

function invalidTypeError(path: Direction, input: CreateInput, requested: RequestedType, definedCategory?: string): StandardError {
	const what = `${requested.associationCategory} ${requested.associationTypeId}`;
	const message = definedCategory
		? `Association type ${requested.associationTypeId} from ${path.from.errorName} to ${path.to.errorName} is ${definedCategory}, not ${requested.associationCategory} (${path.from.errorName}=${input.fromId}, ${path.to.errorName}=${input.toId})`
		: `Association type ${what} is not defined from ${path.from.errorName} to ${path.to.errorName} (${path.from.errorName}=${input.fromId}, ${path.to.errorName}=${input.toId})`;
	return standardError('VALIDATION_ERROR', message, {
		associationTypeId: [String(requested.associationTypeId)],
		associationCategory: [requested.associationCategory],
		fromObjectId: [input.fromId],
		toObjectId: [input.toId],
	});
}
