/** HubSpot's standard object types. `pathName` is set where HubSpot accepts the name in a URL path. */
export interface StandardObjectType {
	name: string;
	label: string;
	objectTypeId: string;
	pathName?: string;
}

export const STANDARD_OBJECT_TYPES: readonly StandardObjectType[] = [
	{ name: 'contacts', label: 'Contacts', objectTypeId: '0-1', pathName: 'contacts' },
	{ name: 'companies', label: 'Companies', objectTypeId: '0-2', pathName: 'companies' },
	{ name: 'deals', label: 'Deals', objectTypeId: '0-3', pathName: 'deals' },
	{ name: 'tickets', label: 'Tickets', objectTypeId: '0-5', pathName: 'tickets' },
	{ name: 'notes', label: 'Notes', objectTypeId: '0-46', pathName: 'notes' },
	{ name: 'products', label: 'Products', objectTypeId: '0-7' },
	{ name: 'line_items', label: 'Line Items', objectTypeId: '0-8' },
	{ name: 'quotes', label: 'Quotes', objectTypeId: '0-14' },
	{ name: 'communications', label: 'Communications', objectTypeId: '0-18' },
	{ name: 'tasks', label: 'Tasks', objectTypeId: '0-27' },
	{ name: 'meetings', label: 'Meetings', objectTypeId: '0-47' },
	{ name: 'calls', label: 'Calls', objectTypeId: '0-48' },
	{ name: 'emails', label: 'Emails', objectTypeId: '0-49' },
	{ name: 'invoices', label: 'Invoices', objectTypeId: '0-53' },
	{ name: 'payments', label: 'Payments', objectTypeId: '0-101' },
	{ name: 'users', label: 'Users', objectTypeId: '0-115' },
	{ name: 'postal_mail', label: 'Postal Mail', objectTypeId: '0-116' },
	{ name: 'orders', label: 'Orders', objectTypeId: '0-123' },
	{ name: 'leads', label: 'Leads', objectTypeId: '0-136' },
	{ name: 'carts', label: 'Carts', objectTypeId: '0-142' },
	{ name: 'services', label: 'Services', objectTypeId: '0-162' },
	{ name: 'projects', label: 'Projects', objectTypeId: '0-970' },
];

const byName = new Map(STANDARD_OBJECT_TYPES.map((type) => [type.name, type]));

const TYPE_ID = /^[02]-[1-9]\d{0,9}$/;
// A custom object's fully qualified name: p<portalId>_<name>.
const FULLY_QUALIFIED_NAME = /^p\d{1,12}_[a-z][a-z0-9_]{0,99}$/;

/**
 * The form of an object type that goes in a URL path, or undefined when the value is not an
 * object type. Standard names HubSpot does not accept in paths become their type ids.
 */
export function toPathObjectType(value: string): string | undefined {
	const lower = value.toLowerCase();
	const standard = byName.get(lower);
	if (standard) return standard.pathName ?? standard.objectTypeId;
	if (TYPE_ID.test(value)) return value;
	if (FULLY_QUALIFIED_NAME.test(lower)) return lower;
	return undefined;
}

/** The type id of an object type when it can be known without asking HubSpot. */
export function knownObjectTypeId(pathType: string): string | undefined {
	if (TYPE_ID.test(pathType)) return pathType;
	return byName.get(pathType)?.objectTypeId;
}

/**
 * How a path type names a custom object: by type id (`2-3456789`) or by fully qualified name
 * (`p12345678_cars`); undefined for standard objects. Which id a name has only HubSpot's schemas tell.
 */
export function customObjectForm(pathType: string): 'typeId' | 'name' | undefined {
	if (TYPE_ID.test(pathType)) return pathType.startsWith('2-') ? 'typeId' : undefined;
	return FULLY_QUALIFIED_NAME.test(pathType) ? 'name' : undefined;
}

const byTypeId = new Map(STANDARD_OBJECT_TYPES.map((type) => [type.objectTypeId, type]));

/** The standard name of a path type given by name or type id ("0-8" → "line_items"). */
export function objectTypeName(pathType: string): string | undefined {
	return byName.get(pathType)?.name ?? byTypeId.get(pathType)?.name;
}
