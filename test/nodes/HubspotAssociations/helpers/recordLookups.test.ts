import {
	ambiguousMessage,
	knownLookupMethod,
	lookupKey,
	normaliseDomain,
	notFoundMessage,
	parseIdType,
	parseLookupValue,
} from '../../../../nodes/HubspotAssociations/helpers/recordLookups';
import { InvalidInputError } from '../../../../nodes/HubspotAssociations/helpers/validation';

describe('normaliseDomain', () => {
	it.each([
		['https://Acme.com/about', 'acme.com'],
		['http://user:pw@ACME.com:8080/a?b=c#d', 'acme.com'],
		['acme.com.', 'acme.com'],
		['  www.Acme.co.uk ', 'www.acme.co.uk'],
		['acme.com?ref=x', 'acme.com'],
		['acme.com', 'acme.com'],
	])('turns %p into %p', (given, expected) => {
		expect(normaliseDomain(given)).toBe(expected);
	});
});

describe('parseIdType', () => {
	it.each([undefined, '', 'id', ' hs_object_id '])('reads %p as the record id', (value) => {
		expect(parseIdType('From Record Identified By', value)).toBe('id');
	});

	it('takes a property name as given', () => {
		expect(parseIdType('From Record Identified By', ' my_unique_code ')).toBe('my_unique_code');
	});

	it.each(['e mail', '1abc', 5, {}])('refuses %p', (value) => {
		expect(() => parseIdType('From Record Identified By', value)).toThrow(InvalidInputError);
	});
});

describe('parseLookupValue', () => {
	it('keeps a domain as given when it is already normal, and remembers the given value when not', () => {
		expect(parseLookupValue('To Record ID', 'domain', 'acme.com')).toEqual({ property: 'domain', value: 'acme.com' });
		expect(parseLookupValue('To Record ID', 'domain', 'https://Acme.com/')).toEqual({ property: 'domain', value: 'acme.com', given: 'https://Acme.com/' });
	});

	it('takes a number as text and trims other values', () => {
		expect(parseLookupValue('From Record ID', 'order_number', 1234)).toEqual({ property: 'order_number', value: '1234' });
		expect(parseLookupValue('From Record ID', 'email', ' Ada@Example.com ')).toEqual({ property: 'email', value: 'Ada@Example.com' });
	});

	it.each(['', '   ', null, undefined, {}, 'https:///'])('refuses %p, naming the field', (value) => {
		expect(() => parseLookupValue('From Record ID (fromObjectId)', 'domain', value)).toThrow(/^From Record ID \(fromObjectId\) must hold/);
	});
});

describe('how a property is looked up', () => {
	it("knows contacts' email is unique and companies' domain is not, by name or type id", () => {
		expect(knownLookupMethod('contacts', 'email')).toBe('batchRead');
		expect(knownLookupMethod('0-1', 'email')).toBe('batchRead');
		expect(knownLookupMethod('companies', 'domain')).toBe('search');
		expect(knownLookupMethod('companies', 'company_number')).toBeUndefined();
		expect(knownLookupMethod('2-3456789', 'email')).toBeUndefined();
	});

	it('keys emails and searched values regardless of case, other unique values exactly', () => {
		expect(lookupKey('batchRead', 'email', 'Ada@X.com')).toBe('ada@x.com');
		expect(lookupKey('search', 'firstname', 'Ada')).toBe('ada');
		expect(lookupKey('batchRead', 'vin', 'Vin-1')).toBe('Vin-1');
	});
});

describe('lookup messages', () => {
	it('say which record type has no such value, with the given value when normalising changed it', () => {
		expect(notFoundMessage('contacts', 'contacts', { property: 'email', value: 'x@y.z' })).toBe('no contact has email x@y.z');
		expect(notFoundMessage('0-2', 'companies', { property: 'domain', value: 'acme.com', given: 'https://Acme.com' })).toBe(
			'no company has domain acme.com (from "https://Acme.com")',
		);
		expect(notFoundMessage('p12345678_cars', 'p12345678_cars', { property: 'vin', value: 'V1' })).toBe('no p12345678_cars record has vin V1');
	});

	it('say how many records share a value and which, cutting long lists', () => {
		expect(ambiguousMessage('companies', 'companies', { property: 'domain', value: 'acme.com' }, ['123', '456'])).toBe('2 companies have domain acme.com: 123, 456');
		const ids = Array.from({ length: 12 }, (_, i) => String(i + 1));
		expect(ambiguousMessage('companies', 'companies', { property: 'domain', value: 'a.io' }, ids, 15000)).toBe(
			'15000 companies have domain a.io: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (14990 more)',
		);
	});
});
