/** The object types the simulated portal knows, and how paths may name them. */

export const PORTAL_ID = 12345678;

export interface SimulatedProperty {
	name: string;
	label: string;
	type: 'string' | 'number';
	fieldType: 'text' | 'number';
	hasUniqueValue: boolean;
	/** Every record's seeded value is `prefix + id + suffix`, so a unique value leads back to its id. */
	prefix: string;
	suffix: string;
}

export interface ObjectTypeInfo {
	objectTypeId: string;
	/** Plural path name as HubSpot uses it (`contacts`), or the custom object's `name`. */
	name: string;
	singular: string;
	/** How HubSpot spells the type inside error messages and contexts (`CONTACT`). */
	errorName: string;
	/** Seeded ids: every integer id in this inclusive range exists. */
	seededIds: { first: number; last: number };
	properties: SimulatedProperty[];
	custom?: { fullyQualifiedName: string; labels: { singular: string; plural: string }; primaryDisplayProperty: string };
}

/** HubSpot does not flag the record id as unique, but `idProperty` accepts it. */
const objectIdProperty: SimulatedProperty = {
	name: 'hs_object_id',
	label: 'Record ID',
	type: 'number',
	fieldType: 'number',
	hasUniqueValue: false,
	prefix: '',
	suffix: '',
};

function text(name: string, label: string, prefix: string, suffix = '', hasUniqueValue = false): SimulatedProperty {
	return { name, label, type: 'string', fieldType: 'text', hasUniqueValue, prefix, suffix };
}

function unique(name: string, label: string, prefix: string, suffix = ''): SimulatedProperty {
	return text(name, label, prefix, suffix, true);
}

export function propertyValue(property: SimulatedProperty, id: string): string {
	return `${property.prefix}${id}${property.suffix}`;
}

export const CARS_OBJECT_TYPE_ID = '2-3456789';

export const OBJECT_TYPES: readonly ObjectTypeInfo[] = [
	{
		objectTypeId: '0-1',
		name: 'contacts',
		singular: 'contact',
		errorName: 'CONTACT',
		seededIds: { first: 1, last: 100_000 },
		properties: [
			objectIdProperty,
			unique('email', 'Email', 'c', '@example.com'),
			text('firstname', 'First name', 'Contact '),
		],
	},
	{
		objectTypeId: '0-2',
		name: 'companies',
		singular: 'company',
		errorName: 'COMPANY',
		seededIds: { first: 1, last: 20_000 },
		properties: [
			objectIdProperty,
			text('name', 'Company name', 'Company '),
			text('domain', 'Company domain name', 'company', '.example.com'),
			unique('company_number', 'Company number', 'CO-'),
		],
	},
	{
		objectTypeId: '0-3',
		name: 'deals',
		singular: 'deal',
		errorName: 'DEAL',
		seededIds: { first: 1, last: 10_000 },
		properties: [
			objectIdProperty,
			text('dealname', 'Deal name', 'Deal '),
			unique('deal_reference', 'Deal reference', 'D-'),
		],
	},
	{
		objectTypeId: '0-5',
		name: 'tickets',
		singular: 'ticket',
		errorName: 'TICKET',
		seededIds: { first: 1, last: 5_000 },
		properties: [objectIdProperty, text('subject', 'Ticket name', 'Ticket ')],
	},
	{
		objectTypeId: '0-46',
		name: 'notes',
		singular: 'note',
		errorName: 'NOTE',
		seededIds: { first: 1, last: 1_000 },
		properties: [objectIdProperty, text('hs_note_body', 'Note body', 'Note ')],
	},
	{
		objectTypeId: CARS_OBJECT_TYPE_ID,
		name: 'cars',
		singular: 'car',
		errorName: CARS_OBJECT_TYPE_ID,
		seededIds: { first: 1, last: 1_000 },
		properties: [
			objectIdProperty,
			text('car_name', 'Car name', 'Car '),
			unique('vin', 'VIN', 'VIN-'),
		],
		custom: {
			fullyQualifiedName: `p${PORTAL_ID}_cars`,
			labels: { singular: 'Car', plural: 'Cars' },
			primaryDisplayProperty: 'car_name',
		},
	},
];

const byPathName = new Map<string, ObjectTypeInfo>();
for (const type of OBJECT_TYPES) {
	const names = [type.objectTypeId, type.custom?.fullyQualifiedName];
	if (!type.custom) names.push(type.name, type.singular);
	for (const name of names) if (name) byPathName.set(name.toLowerCase(), type);
}

/** Resolves a path segment (`contacts`, `contact`, `0-1`, `2-3456789`, `p12345678_cars`). */
export function resolveObjectType(pathName: string): ObjectTypeInfo | undefined {
	return byPathName.get(pathName.toLowerCase());
}
