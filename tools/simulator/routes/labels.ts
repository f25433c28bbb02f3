import type { DirectionalType } from '../associationDefinitions';
import { field } from '../batchInput';
import { badRequest, notFound } from '../hubspotErrors';
import { json, noContent, type Route } from '../routing';
import type { SimulatorState } from '../state';
import { ASSOCIATIONS_PATH, direction, type Direction } from './associationPath';

const LABELS = `${ASSOCIATIONS_PATH}/labels`;

function asSpec({ category, typeId, label }: DirectionalType) {
	return { category, typeId, ...(label === undefined ? {} : { label }) };
}

function text(body: unknown, component: string, attribute: string): string {
	const value = field(body, component, attribute);
	if (typeof value !== 'string' || value.trim() === '') throw badRequest(`Invalid input JSON: ${component}.${attribute} must be a non-empty string`);
	return value;
}

/** Only labels users created can be changed; HubSpot's own types are fixed. */
function userDefinedType(state: SimulatorState, path: Direction, typeId: number): DirectionalType {
	const type = state.definitions.find(path.from.objectTypeId, path.to.objectTypeId, typeId);
	if (!type) throw notFound(`Association type ${typeId} does not exist from ${path.from.errorName} to ${path.to.errorName}`);
	if (type.category !== 'USER_DEFINED') throw badRequest(`Association type ${typeId} is ${type.category} and cannot be changed`);
	return type;
}

/** `GET .../labels`: the association types of one direction (the unlabeled one has no `label`). */
export const readLabelsRoute: Route = {
	method: 'GET',
	pattern: new RegExp(`${LABELS}$`),
	kind: 'associations/labels',
	crm: true,
	handle(_request, params, { state }) {
		const path = direction(params, state);
		return json(200, { results: state.definitions.forDirection(path.from.objectTypeId, path.to.objectTypeId).map(asSpec) });
	},
};

/** `POST .../labels`: a USER_DEFINED label pair; answers both type ids (from→to, then to→from). */
export const createLabelRoute: Route = {
	method: 'POST',
	pattern: new RegExp(`${LABELS}$`),
	kind: 'associations/labels',
	crm: true,
	handle(request, params, { state }) {
		const path = direction(params, state);
		const component = 'PublicAssociationDefinitionCreateRequest';
		const label = text(request.body, component, 'label');
		const name = text(request.body, component, 'name');
		const inverse = (request.body as { inverseLabel?: unknown }).inverseLabel;
		const inverseLabel = typeof inverse === 'string' && inverse !== '' ? inverse : undefined;
		const taken = state.definitions.forDirection(path.from.objectTypeId, path.to.objectTypeId).some((type) => type.definition.name === name);
		if (taken) throw badRequest(`An association label named ${name} already exists between ${path.from.errorName} and ${path.to.errorName}`);

		const definition = state.definitions.createLabel(path.from.objectTypeId, path.to.objectTypeId, name, label, inverseLabel);
		const forward = state.definitions.directed(definition, path.from.objectTypeId);
		const backward = state.definitions.inverse(definition, path.from.objectTypeId);
		return json(200, { results: [asSpec(forward), asSpec(backward)] });
	},
};

/** `PUT .../labels`: renames a user-defined label (and its inverse when given). */
export const updateLabelRoute: Route = {
	method: 'PUT',
	pattern: new RegExp(`${LABELS}$`),
	kind: 'associations/labels',
	crm: true,
	handle(request, params, { state }) {
		const path = direction(params, state);
		const component = 'PublicAssociationDefinitionUpdateRequest';
		const typeId = field(request.body, component, 'associationTypeId');
		if (typeof typeId !== 'number') throw badRequest(`Invalid input JSON: ${component}.associationTypeId must be an integer`);
		const label = text(request.body, component, 'label');
		const inverse = (request.body as { inverseLabel?: unknown }).inverseLabel;

		const { definition } = userDefinedType(state, path, typeId);
		const forwardIsAToB = definition.a === path.from.objectTypeId;
		const [forward, backward] = forwardIsAToB ? [definition.aToB, definition.bToA] : [definition.bToA, definition.aToB];
		forward.label = label;
		if (typeof inverse === 'string' && inverse !== '') backward.label = inverse;
		return noContent();
	},
};

/** `DELETE .../labels/{associationTypeId}`: removes the label pair and drops it from every association. */
export const deleteLabelRoute: Route = {
	method: 'DELETE',
	pattern: new RegExp(`${LABELS}/([0-9]+)$`),
	kind: 'associations/labels',
	crm: true,
	handle(_request, params, { state }) {
		const path = direction(params, state);
		const { definition } = userDefinedType(state, path, Number(params[3]));
		state.associations.removeDefinitionEverywhere(definition);
		state.definitions.remove(definition);
		return noContent();
	},
};
