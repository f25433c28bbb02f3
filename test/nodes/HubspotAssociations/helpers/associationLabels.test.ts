import { associationTypeOptions, isPrimaryType } from '../../../../nodes/HubspotAssociations/helpers/associationLabels';

describe('associationTypeOptions', () => {
	it('lists the unlabeled type first, then labels, then the primary types, marked; the type id only in the description', () => {
		const options = associationTypeOptions([
			{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
			{ category: 'USER_DEFINED', typeId: 37, label: 'Billing contact' },
			{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
			{ category: 'USER_DEFINED', typeId: 36, label: 'Manager' },
		]);
		expect(options).toEqual([
			{ name: 'Unlabeled', value: 'HUBSPOT_DEFINED:279', description: 'The plain association, without a label (HUBSPOT_DEFINED:279)' },
			{ name: 'Manager', value: 'USER_DEFINED:36', description: 'USER_DEFINED:36' },
			{ name: 'Billing contact', value: 'USER_DEFINED:37', description: 'USER_DEFINED:37' },
			{
				name: '⚠ Primary',
				value: 'HUBSPOT_DEFINED:1',
				description: 'Makes the target the primary record of this type, replacing the current primary one (HUBSPOT_DEFINED:1)',
			},
		]);
	});

	it('marks every primary type id 1, 2, 5, 6, 25 and 26 and puts them last', () => {
		const primary = [1, 2, 5, 6, 25, 26];
		const options = associationTypeOptions([
			...primary.map((typeId) => ({ category: 'HUBSPOT_DEFINED', typeId, label: `Primary ${typeId}` })),
			{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null },
		]);
		expect(options[0].value).toBe('HUBSPOT_DEFINED:3');
		expect(options.slice(1).map((option) => option.value)).toEqual(primary.map((typeId) => `HUBSPOT_DEFINED:${typeId}`));
		for (const option of options.slice(1)) expect(option.name).toMatch(/^⚠ Primary \d+$/);
	});

	it('names a primary type without a label "⚠ Primary", and one whose label lacks the word "⚠ Primary: <label>"', () => {
		expect(associationTypeOptions([{ category: 'HUBSPOT_DEFINED', typeId: 2 }])[0].name).toBe('⚠ Primary');
		expect(associationTypeOptions([{ category: 'HUBSPOT_DEFINED', typeId: 5, label: 'Main company' }])[0].name).toBe('⚠ Primary: Main company');
	});

	it('never doubles a word or a parenthesis in a name', () => {
		const names = associationTypeOptions([
			{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
			{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
			{ category: 'USER_DEFINED', typeId: 36, label: 'Manager' },
		]).map((option) => option.name);
		for (const name of names) {
			expect(name).not.toMatch(/\b(\w+)\W+\1\b/i);
			expect(name).not.toMatch(/\).*\(/);
		}
	});

	it('does not mark a user-defined label whose type id happens to be a primary one', () => {
		expect(associationTypeOptions([{ category: 'USER_DEFINED', typeId: 1, label: 'Partner' }])).toEqual([
			{ name: 'Partner', value: 'USER_DEFINED:1', description: 'USER_DEFINED:1' },
		]);
	});

	it('treats an absent or empty label as unlabeled, and tells same-named types apart by type id', () => {
		const options = associationTypeOptions([
			{ category: 'USER_DEFINED', typeId: 40, label: 'Owner' },
			{ category: 'HUBSPOT_DEFINED', typeId: 280 },
			{ category: 'HUBSPOT_DEFINED', typeId: 449, label: '' },
		]);
		expect(options.map((option) => option.name)).toEqual([
			'Unlabeled (280)',
			'Unlabeled (449)',
			'Owner',
		]);
	});

	it('leaves the labels it was given in their order', () => {
		const labels = [
			{ category: 'USER_DEFINED', typeId: 37, label: 'B' },
			{ category: 'USER_DEFINED', typeId: 36, label: 'A' },
		];
		associationTypeOptions(labels);
		expect(labels.map((label) => label.typeId)).toEqual([37, 36]);
	});

	it('gives no options for no labels', () => {
		expect(associationTypeOptions([])).toEqual([]);
	});
});

describe('isPrimaryType', () => {
	it('is true only for HubSpot-defined primary type ids', () => {
		expect(isPrimaryType({ category: 'HUBSPOT_DEFINED', typeId: 26 })).toBe(true);
		expect(isPrimaryType({ category: 'HUBSPOT_DEFINED', typeId: 279 })).toBe(false);
		expect(isPrimaryType({ category: 'USER_DEFINED', typeId: 5 })).toBe(false);
	});
});
