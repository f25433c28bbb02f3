import {
	STANDARD_OBJECT_TYPES,
	customObjectForm,
	knownObjectTypeId,
	toPathObjectType,
} from '../../../../nodes/HubspotAssociations/helpers/objectTypes';

describe('toPathObjectType', () => {
	it('keeps the five names HubSpot accepts in paths', () => {
		for (const name of ['contacts', 'companies', 'deals', 'tickets', 'notes']) {
			expect(toPathObjectType(name)).toBe(name);
		}
	});

	it('turns every other standard name into its type id', () => {
		expect(toPathObjectType('line_items')).toBe('0-8');
		expect(toPathObjectType('postal_mail')).toBe('0-116');
		expect(toPathObjectType('leads')).toBe('0-136');
	});

	it('reads names in any case', () => {
		expect(toPathObjectType('CONTACTS')).toBe('contacts');
		expect(toPathObjectType('Line_Items')).toBe('0-8');
	});

	it('keeps standard and custom type ids', () => {
		expect(toPathObjectType('0-1')).toBe('0-1');
		expect(toPathObjectType('2-123456')).toBe('2-123456');
	});

	it('lower-cases a fully qualified custom object name', () => {
		expect(toPathObjectType('p1234_cars')).toBe('p1234_cars');
		expect(toPathObjectType('P1234_CARS')).toBe('p1234_cars');
	});

	it.each(['contacts/../x', 'contacts?x=1', '%2F', 'con tacts', '0-', '3-5', '0-1/x', '2-', '', 'p_cars', 'p12_'])(
		'gives nothing for %p, which must not reach a URL path',
		(value) => {
			expect(toPathObjectType(value)).toBeUndefined();
		},
	);

	it('gives a path type for every standard object type', () => {
		for (const type of STANDARD_OBJECT_TYPES) {
			expect(toPathObjectType(type.name)).toBe(type.pathName ?? type.objectTypeId);
		}
	});
});

describe('knownObjectTypeId', () => {
	it('gives the type id of a name HubSpot accepts in paths', () => {
		expect(knownObjectTypeId('contacts')).toBe('0-1');
		expect(knownObjectTypeId('companies')).toBe('0-2');
		expect(knownObjectTypeId('notes')).toBe('0-46');
	});

	it('gives a type id back as it is', () => {
		expect(knownObjectTypeId('0-8')).toBe('0-8');
		expect(knownObjectTypeId('2-123456')).toBe('2-123456');
	});

	it('gives nothing for a custom object name, whose id only HubSpot knows', () => {
		expect(knownObjectTypeId('p1234_cars')).toBeUndefined();
	});

	it('tells a custom object named by type ID from one named by name, and standard objects from both', () => {
		expect(customObjectForm('2-3456789')).toBe('typeId');
		expect(customObjectForm('p12345678_cars')).toBe('name');
		expect(customObjectForm('0-1')).toBeUndefined();
		expect(customObjectForm('contacts')).toBeUndefined();
	});
});
