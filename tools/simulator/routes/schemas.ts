import { OBJECT_TYPES } from '../objectTypes';
import { json, type Route } from '../routing';

/** `GET /crm-object-schemas/{version}/schemas`: the portal's custom object types. */
export const schemasRoute: Route = {
	method: 'GET',
	pattern: /^\/crm-object-schemas\/(2026-03|2026-09)\/schemas$/,
	kind: 'schemas',
	crm: true,
	handle() {
		const results = OBJECT_TYPES.flatMap(({ objectTypeId, name, custom }) =>
			custom
				? [
						{
							id: objectTypeId.split('-')[1],
							objectTypeId,
							name,
							fullyQualifiedName: custom.fullyQualifiedName,
							labels: custom.labels,
							primaryDisplayProperty: custom.primaryDisplayProperty,
							archived: false,
						},
					]
				: [],
		);
		return json(200, { results });
	},
};
