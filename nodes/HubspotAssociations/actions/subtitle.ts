import { STANDARD_OBJECT_TYPES } from '../helpers/objectTypes';

const OPERATION_NAMES: Record<string, string> = {
	batchCreate: 'Create',
	batchCreateDefault: 'Create default',
	batchArchiveLabels: 'Remove labels',
	batchArchive: 'Remove',
	batchRead: 'Get',
	batchSync: 'Sync',
	getAll: 'Get labels',
	create: 'Create label',
	update: 'Update label',
	delete: 'Delete label',
};

// A standard type reads as its label whether the node holds its name or its type id.
const TYPE_LABELS: Record<string, string> = Object.fromEntries(
	STANDARD_OBJECT_TYPES.flatMap((type) => [
		[type.name, type.label],
		[type.objectTypeId, type.label],
	]),
);

/**
 * The canvas subtitle, e.g. "Create: Contacts → Companies". The editor evaluates it with only the
 * node's parameters at hand, so a custom object chosen from the list (stored as its type id, e.g.
 * 2-123456) keeps its id; one given by fully qualified name (p1234_cars) reads as "cars".
 */
function typeExpression(parameter: string): string {
	return `(${JSON.stringify(TYPE_LABELS)}[$parameter["${parameter}"]] || String($parameter["${parameter}"]).replace(/^p\\d+_/, ""))`;
}

// Parameters the chosen operation does not show are undefined here: the direction is left out then.
export const NODE_SUBTITLE = `={{ (${JSON.stringify(OPERATION_NAMES)}[$parameter["operation"]] || $parameter["operation"]) + ($parameter["fromObjectType"] ? ": " + ${typeExpression('fromObjectType')} + " → " + ${typeExpression('toObjectType')} : "") }}`;
