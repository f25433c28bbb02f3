import {
	InvalidInputError,
	parseAssociationTypes,
	parseBatchSize,
	parseObjectType,
	parseRecordId,
	showValue,
} from '../../../../nodes/HubspotAssociations/helpers/validation';

/** The error a call throws, so tests can read its field and message. */
function thrownBy(call: () => unknown): InvalidInputError {
	try {
		call();
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidInputError);
		return error as InvalidInputError;
	}
	throw new Error('expected the call to throw');
}

describe('parseRecordId', () => {
	it('accepts a string of digits as it is', () => {
		expect(parseRecordId('From Record ID', '38374264688')).toBe('38374264688');
	});

	it('accepts a safe whole number and returns it as a string', () => {
		expect(parseRecordId('From Record ID', 12345)).toBe('12345');
	});

	it.each([['0023', '23'], [' 007 ', '7'], ['000038374264688', '38374264688']])('returns %p in HubSpot’s form, %p: matching and dedupe see one id', (given, canonical) => {
		expect(parseRecordId('From Record ID', given)).toBe(canonical);
	});

	it.each(['22.0', '2e3', '-5', '0x1F'])('refuses %p, which is not a record id', (value) => {
		expect(() => parseRecordId('To Record ID', value)).toThrow(/must be a HubSpot record ID made of digits/);
	});

	it.each([0, '0', ' 000 '])('refuses %p: no HubSpot record has id 0', (value) => {
		expect(thrownBy(() => parseRecordId('From Record ID', value)).message).toMatch(/^From Record ID must be a HubSpot record ID made of digits, got .+ \(no HubSpot record has ID 0\)$/);
	});

	it('trims whitespace around a string id', () => {
		expect(parseRecordId('From Record ID', '  42 \n')).toBe('42');
	});

	it('keeps ids longer than a safe integer when given as a string', () => {
		expect(parseRecordId('From Record ID', '12345678901234567890')).toBe('12345678901234567890');
	});

	it.each([
		['an empty string', '', 'an empty value'],
		['only spaces', '   ', '"   "'],
		['letters', 'abc', '"abc"'],
		['digits mixed with letters', '12a', '"12a"'],
		['a negative string', '-5', '"-5"'],
		['a decimal string', '1.5', '"1.5"'],
		['a negative number', -5, '-5'],
		['null', null, 'null'],
		['undefined', undefined, 'nothing'],
		['an object', { id: '1' }, '{"id":"1"}'],
		['an array', ['1'], '["1"]'],
		['a boolean', true, 'true'],
		['NaN', NaN, 'NaN'],
	])('rejects %s, naming the field and showing the value', (_, value, shown) => {
		const error = thrownBy(() => parseRecordId('From Record ID', value));
		expect(error.field).toBe('From Record ID');
		expect(error.message).toBe(`From Record ID must be a HubSpot record ID made of digits, got ${shown}`);
	});

	it('rejects a fractional number without claiming it is too large', () => {
		const error = thrownBy(() => parseRecordId('To Record ID', 1.5));
		expect(error.message).toBe('To Record ID must be a HubSpot record ID made of digits, got 1.5');
	});

	it('rejects a number past the safe integer range with a hint to pass the id as a string', () => {
		const error = thrownBy(() => parseRecordId('To Record ID', 2 ** 53 + 2));
		expect(error.message).toContain('got 9007199254740994');
		expect(error.message).toContain('pass the ID as a string');
	});

	it('rejects a bigint with an input error rather than crashing while showing it', () => {
		const error = thrownBy(() => parseRecordId('To Record ID', BigInt(5)));
		expect(error.message).toContain('got 5');
	});
});

describe('parseObjectType', () => {
	it.each([
		['contacts', 'contacts'],
		['companies', 'companies'],
		['deals', 'deals'],
		['tickets', 'tickets'],
		['notes', 'notes'],
	])('keeps the name %s, which HubSpot accepts in paths', (given, pathType) => {
		expect(parseObjectType('From Object Type', given)).toEqual({ given, pathType });
	});

	it('accepts a name in any case and puts it in the path in lower case', () => {
		expect(parseObjectType('From Object Type', 'Contacts')).toEqual({ given: 'Contacts', pathType: 'contacts' });
		expect(parseObjectType('From Object Type', 'LINE_ITEMS')).toEqual({ given: 'LINE_ITEMS', pathType: '0-8' });
	});

	it.each([
		['line_items', '0-8'],
		['products', '0-7'],
		['quotes', '0-14'],
		['calls', '0-48'],
		['projects', '0-970'],
	])('maps %s, a name HubSpot does not accept in paths, to its type id %s', (given, pathType) => {
		expect(parseObjectType('To Object Type', given)).toEqual({ given, pathType });
	});

	it.each(['0-1', '0-970', '2-123456'])('accepts the type id %s', (given) => {
		expect(parseObjectType('To Object Type', given)).toEqual({ given, pathType: given });
	});

	it('accepts a custom object fully qualified name, in lower case for the path', () => {
		expect(parseObjectType('To Object Type', 'p1234_cars')).toEqual({ given: 'p1234_cars', pathType: 'p1234_cars' });
		expect(parseObjectType('To Object Type', 'P1234_Cars')).toEqual({ given: 'P1234_Cars', pathType: 'p1234_cars' });
	});

	it('trims whitespace around the given value', () => {
		expect(parseObjectType('To Object Type', ' companies ')).toEqual({ given: 'companies', pathType: 'companies' });
	});

	it.each([
		['a path traversal', 'contacts/../x'],
		['a query string', 'contacts?x=1'],
		['an encoded slash', 'contacts%2Fx'],
		['an encoded slash alone', '%2F'],
		['a space inside', 'con tacts'],
		['a type id without a number', '0-'],
		['a type id of an unknown kind', '3-5'],
		['a type id with a leading zero', '0-01'],
		['a singular name', 'contact'],
		['an empty value', ''],
	])('rejects %s', (_, value) => {
		const error = thrownBy(() => parseObjectType('From Object Type', value));
		expect(error.field).toBe('From Object Type');
		expect(error.message).toMatch(/^From Object Type must be an object type such as "contacts", "0-1" or "2-123456"/);
		expect(error.message).toContain(`got ${showValue(value)}`);
	});

	it.each([[1], [null], [undefined], [{ value: 'contacts' }], [['contacts']]])('rejects the non-string %p', (value) => {
		const error = thrownBy(() => parseObjectType('From Object Type', value));
		expect(error.message).toContain(`got ${showValue(value)}`);
	});
});

describe('parseAssociationTypes', () => {
	it('accepts a lower-case category in an object, as it does in a string', () => {
		expect(parseAssociationTypes('types', [{ category: 'user_defined', typeId: 36 }])).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
		]);
	});

	const field = 'Association Types';

	it('reads the dropdown strings "CATEGORY:typeId"', () => {
		expect(parseAssociationTypes(field, ['HUBSPOT_DEFINED:279', 'USER_DEFINED:36'])).toEqual([
			{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
		]);
	});

	it('accepts a category in lower case and spaces around the parts', () => {
		expect(parseAssociationTypes(field, ' user_defined : 36 ')).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
		]);
	});

	it('splits a comma-separated string and ignores empty parts', () => {
		expect(parseAssociationTypes(field, 'HUBSPOT_DEFINED:1, USER_DEFINED:36,')).toEqual([
			{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 },
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
		]);
	});

	it('reads an array of objects with associationCategory/associationTypeId or category/typeId', () => {
		expect(
			parseAssociationTypes(field, [
				{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
				{ category: 'INTEGRATOR_DEFINED', typeId: 7 },
				{ associationCategory: 'WORK', associationTypeId: '12' },
			]),
		).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
			{ associationCategory: 'INTEGRATOR_DEFINED', associationTypeId: 7 },
			{ associationCategory: 'WORK', associationTypeId: 12 },
		]);
	});

	it('accepts a type id given as a numeric string', () => {
		expect(parseAssociationTypes(field, { category: 'HUBSPOT_DEFINED', typeId: ' 279 ' })).toEqual([
			{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
		]);
	});

	it('accepts a single object', () => {
		expect(parseAssociationTypes(field, { associationCategory: 'USER_DEFINED', associationTypeId: 36 })).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
		]);
	});

	it('keeps only the fields HubSpot takes from a spec object', () => {
		expect(parseAssociationTypes(field, [{ category: 'USER_DEFINED', typeId: 36, label: 'Manager' }])).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
		]);
	});

	it('removes duplicates however they were written, keeping the first-seen order', () => {
		expect(
			parseAssociationTypes(field, [
				'USER_DEFINED:36',
				'HUBSPOT_DEFINED:279',
				'user_defined:36',
				{ category: 'HUBSPOT_DEFINED', typeId: '279' },
				'USER_DEFINED:37',
			]),
		).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
			{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
			{ associationCategory: 'USER_DEFINED', associationTypeId: 37 },
		]);
	});

	it.each([
		['an empty array', [], '[]'],
		['an empty string', '', 'an empty value'],
		['only commas and spaces', ' , ', '" , "'],
		['null', null, 'null'],
		['undefined', undefined, 'nothing'],
	])('asks for at least one type when given %s', (_, value, shown) => {
		const error = thrownBy(() => parseAssociationTypes(field, value));
		expect(error.field).toBe(field);
		expect(error.message).toBe(`${field} needs at least one association type, got ${shown}`);
	});

	it.each([
		['an unknown category', 'LABELED:36', '"LABELED:36"'],
		['a missing type id', 'USER_DEFINED', '"USER_DEFINED"'],
		['a type id of zero', 'USER_DEFINED:0', '"USER_DEFINED:0"'],
		['a negative type id', 'USER_DEFINED:-3', '"USER_DEFINED:-3"'],
		['a fractional type id', 'USER_DEFINED:1.5', '"USER_DEFINED:1.5"'],
		['a type id with extra parts', 'USER_DEFINED:36:5', '"USER_DEFINED:36:5"'],
		['a zero type id in an object', { category: 'USER_DEFINED', typeId: 0 }, '{"category":"USER_DEFINED","typeId":0}'],
		['a negative type id in an object', { category: 'USER_DEFINED', typeId: -1 }, '{"category":"USER_DEFINED","typeId":-1}'],
		['a fractional type id in an object', { category: 'USER_DEFINED', typeId: 2.5 }, '{"category":"USER_DEFINED","typeId":2.5}'],
		['an object without a category', { typeId: 36 }, '{"typeId":36}'],
		['a bare number', 36, '36'],
		['a bare number in an array', [36], '36'],
		['null in an array', ['USER_DEFINED:36', null], 'null'],
	])('rejects %s, naming the field and showing the value', (_, value, shown) => {
		const error = thrownBy(() => parseAssociationTypes(field, value));
		expect(error.field).toBe(field);
		expect(error.message).toMatch(/^Association Types has an association type that is not "CATEGORY:typeId"/);
		expect(error.message).toMatch(new RegExp(`got ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
	});
});

describe('parseBatchSize', () => {
	it.each([1, 100, 2000])('accepts %d when the maximum is 2,000', (value) => {
		expect(parseBatchSize('Batch Size', value, 2000)).toBe(value);
	});

	it.each([
		[0, '0'],
		[2001, '2001'],
		[-1, '-1'],
		[1.5, '1.5'],
		['100', '"100"'],
		[undefined, 'nothing'],
	])('rejects %p', (value, shown) => {
		const error = thrownBy(() => parseBatchSize('Batch Size', value, 2000));
		expect(error.message).toBe(`Batch Size must be a whole number from 1 to 2000, got ${shown}`);
	});
});

describe('showValue', () => {
	it('quotes strings and shows other values as JSON', () => {
		expect(showValue('abc')).toBe('"abc"');
		expect(showValue(12)).toBe('12');
		expect(showValue({ a: [1] })).toBe('{"a":[1]}');
	});

	it('names the empty values in words', () => {
		expect(showValue(undefined)).toBe('nothing');
		expect(showValue(null)).toBe('null');
		expect(showValue('')).toBe('an empty value');
	});

	it('shows a value of up to 60 characters whole', () => {
		const sixty = 'x'.repeat(60);
		expect(showValue(sixty)).toBe(`"${sixty}"`);
	});

	it('cuts a value over 60 characters and marks the cut', () => {
		expect(showValue('y'.repeat(61))).toBe(`"${'y'.repeat(60)}…"`);
		const shown = showValue({ list: 'z'.repeat(100) });
		expect(shown).toBe(`${'{"list":"'}${'z'.repeat(51)}…`);
	});

	it('shows values JSON cannot encode without throwing', () => {
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(showValue(BigInt(7))).toBe('7');
		expect(showValue(circular)).toBe('[object Object]');
		expect(showValue(() => 1)).toContain('=>');
	});
});

describe('InvalidInputError', () => {
	it('keeps the field and the reason apart and joins them in the message', () => {
		const error = new InvalidInputError('From Record ID', 'must be digits');
		expect(error).toBeInstanceOf(Error);
		expect(error.field).toBe('From Record ID');
		expect(error.reason).toBe('must be digits');
		expect(error.message).toBe('From Record ID must be digits');
	});
});
