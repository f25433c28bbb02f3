import type { AssociationLabel } from '../../../../nodes/HubspotAssociations/helpers/associationLabels';
import { createdLabelTypes, existingLabelsText, findLabel, internalLabelName, inverseTypeIds, sameLabelText } from '../../../../nodes/HubspotAssociations/helpers/labelNames';
import { parseAssociationTypesOrNames } from '../../../../nodes/HubspotAssociations/helpers/validation';

const contactToCompany: AssociationLabel[] = [
	{ category: 'HUBSPOT_DEFINED', typeId: 279 },
	{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
	{ category: 'USER_DEFINED', typeId: 38, label: 'Former employee' },
	{ category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' },
];
const companyToContact: AssociationLabel[] = [
	{ category: 'HUBSPOT_DEFINED', typeId: 280 },
	{ category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' },
	{ category: 'USER_DEFINED', typeId: 37, label: 'Billing contact' },
	{ category: 'USER_DEFINED', typeId: 39, label: 'Former employer' },
];

describe('findLabel', () => {
	it('matches a label’s text in any case and around spaces', () => {
		expect(findLabel(contactToCompany, '  billing CONTACT ')?.typeId).toBe(36);
	});

	it('prefers a label users created over HubSpot’s own of the same text', () => {
		expect(findLabel([...contactToCompany, { category: 'USER_DEFINED', typeId: 50, label: 'primary' }], 'Primary')?.typeId).toBe(50);
	});

	it('finds nothing for the unlabeled type or an unknown text', () => {
		expect(findLabel(contactToCompany, '')).toBeUndefined();
		expect(findLabel(contactToCompany, 'Decision maker')).toBeUndefined();
	});
});

describe('existingLabelsText', () => {
	it('lists each label text once, quoted', () => {
		expect(existingLabelsText(contactToCompany)).toBe('the labels that exist: "Primary", "Former employee", "Billing contact"');
		expect(existingLabelsText([{ category: 'HUBSPOT_DEFINED', typeId: 279 }])).toBe('this direction has no labels');
	});
});

describe('internalLabelName', () => {
	it.each([
		['Decision maker', 'decision_maker'],
		['  Decision   MAKER ', 'decision_maker'],
	])('names %j as %j, the plain form of a plain text', (label, name) => {
		expect(internalLabelName(label)).toBe(name);
	});

	it.each([
		['  Décideur (EU) ', /^decideur_eu__[0-9a-z]+$/],
		['!!!', /^label__[0-9a-z]+$/],
		['Менеджер', /^label__[0-9a-z]+$/],
	])('names %j with a hash of its text after what the plain form can spell', (label, pattern) => {
		expect(internalLabelName(label)).toMatch(pattern);
	});

	const scripts = {
		cyrillic: ['Менеджер', 'Клиент', 'Партнёр', 'Партнер'],
		greek: ['Πελάτης', 'Συνεργάτης'],
		cjk: ['经理', '客户', '取引先', '담당자'],
		arabic: ['مدير', 'عميل'],
		emoji: ['🚀', '🤝', '🚀🚀', 'VIP ⭐', 'VIP 🌟'],
		german: ['Geschäftsführer', 'Geschaftsfuhrer', 'Müller', 'Muller', 'Mueller', 'Straße'],
	};
	it.each(Object.entries(scripts))('gives distinct names to distinct %s texts, each a HubSpot-safe name, the same on every call', (_script, texts) => {
		const names = texts.map(internalLabelName);
		expect(new Set(names).size).toBe(texts.length);
		for (const name of names) expect(name).toMatch(/^[a-z0-9_]{1,80}$/);
		expect(texts.map(internalLabelName)).toEqual(names);
	});

	it('compares texts as it names them: case, runs of spaces and composed letters do not count', () => {
		expect(sameLabelText('REVIEWER  35', ' reviewer 35')).toBe(true);
		expect(internalLabelName('REVIEWER  35')).toBe(internalLabelName(' reviewer 35'));
		expect(sameLabelText('Mu\u0308ller', 'Müller')).toBe(true);
		expect(internalLabelName('Mu\u0308ller')).toBe(internalLabelName('Müller'));
		expect(sameLabelText('Reviewer', 'Reviewers')).toBe(false);
	});

	it('gives a plain text that spells another text’s hashed name a name of its own', () => {
		const hashed = internalLabelName('Decision-maker');
		expect(internalLabelName(hashed.replace(/_+/g, ' '))).not.toBe(hashed);
	});

	it('gives long plain texts alike in their first 60 characters names of their own', () => {
		const prefix = 'account executive responsible for the northern region renewal';
		expect(internalLabelName(`${prefix} team alpha`)).not.toBe(internalLabelName(`${prefix} team beta`));
		expect(internalLabelName(`${prefix} team alpha`)).toMatch(/^[a-z0-9_]{1,80}$/);
	});

	it('keeps names that differ only in case or spacing the same, as the node compares label texts', () => {
		expect(internalLabelName('Менеджер')).toBe(internalLabelName(' менеджер '));
		expect(internalLabelName('Geschäftsführer')).toBe(internalLabelName('GESCHÄFTSFÜHRER'));
	});
});

describe('inverseTypeIds', () => {
	it('pairs the user-defined types of both directions in type id order', () => {
		const inverses = inverseTypeIds(contactToCompany, companyToContact);
		expect([...inverses].map(([typeId, inverse]) => [typeId, inverse.typeId, inverse.label])).toEqual([
			[36, 37, 'Billing contact'],
			[38, 39, 'Former employer'],
		]);
	});

	it('pairs nothing when the directions disagree on how many labels there are', () => {
		expect(inverseTypeIds(contactToCompany, companyToContact.slice(0, 3)).size).toBe(0);
	});
});

describe('createdLabelTypes', () => {
	const answer: AssociationLabel[] = [
		{ category: 'USER_DEFINED', typeId: 145, label: 'Employee' },
		{ category: 'USER_DEFINED', typeId: 144, label: 'Manager' },
	];

	it('tells a paired label’s two types apart by their texts, whatever their order', () => {
		expect(createdLabelTypes(answer, 'Manager', 'Employee')).toEqual({ forward: answer[1], inverse: answer[0] });
	});

	it('takes the first type as this direction’s for a single label', () => {
		const single = answer.map((type) => ({ ...type, label: 'Partner' }));
		expect(createdLabelTypes(single, 'Partner')).toEqual({ forward: single[0], inverse: single[1] });
	});
});

describe('parseAssociationTypesOrNames', () => {
	const field = 'Association Types';

	it('keeps label texts apart from type codes and objects, without duplicates', () => {
		expect(
			parseAssociationTypesOrNames(field, ['Decision maker', 'USER_DEFINED:36', 'decision maker', { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }, 'Partner: EU']),
		).toEqual({
			types: [
				{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
				{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
			],
			labelNames: ['Decision maker', 'Partner: EU'],
		});
	});

	it('reads one text, or comma-separated texts', () => {
		expect(parseAssociationTypesOrNames(field, 'Billing contact, Former employee').labelNames).toEqual(['Billing contact', 'Former employee']);
	});

	it('reads texts in capitals, with underscores or a colon as labels', () => {
		expect(parseAssociationTypesOrNames(field, ['VIP', 'Key_account', 'Tier: Gold', 'WORK']).labelNames).toEqual(['VIP', 'Key_account', 'Tier: Gold', 'WORK']);
	});

	it.each([['LABELED:36'], ['USER_DEFINED'], ['USER_DEFIND'], ['USER_DEFINED:0'], ['USER_DEFINED:36:5'], ['user_defined:x'], ['36']])('still rejects the mistyped code %j instead of looking it up', (value) => {
		expect(() => parseAssociationTypesOrNames(field, value)).toThrow(/has an association type that is not "CATEGORY:typeId"/);
	});
});
