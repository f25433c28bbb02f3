import { json, type Route } from '../routing';
import { objectTypeOrReject } from './associationPath';

/** `GET /crm/properties/{version}/{objectType}`: the properties of a type; `hasUniqueValue` marks lookup keys. */
export const propertiesRoute: Route = {
	method: 'GET',
	pattern: /^\/crm\/properties\/(2026-03|2026-09)\/([^/]+)$/,
	kind: 'properties',
	crm: true,
	handle(_request, [, objectType]) {
		const type = objectTypeOrReject(objectType);
		const results = type.properties.map(({ name, label, type: valueType, fieldType, hasUniqueValue }) => ({
			name,
			label,
			type: valueType,
			fieldType,
			groupName: `${type.singular}information`,
			hasUniqueValue,
			hidden: false,
			archived: false,
		}));
		return json(200, { results });
	},
};
