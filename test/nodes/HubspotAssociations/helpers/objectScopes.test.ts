import { readFileSync } from 'fs';
import { join } from 'path';
import { writeScopesOf } from '../../../../nodes/HubspotAssociations/helpers/objectScopes';
import { STANDARD_OBJECT_TYPES } from '../../../../nodes/HubspotAssociations/helpers/objectTypes';

const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');

describe('the scopes of each object type the dropdown offers', () => {
	it.each(STANDARD_OBJECT_TYPES.map((type) => [type.label, type]))('%s: named in errors and in the README scope table', (_label, type) => {
		const named = writeScopesOf([type.pathName ?? type.objectTypeId]);
		expect(named).toMatch(/ need \S+$/);
		const scope = named!.split(' need ')[1];
		const row = readme.split('\n').find((line) => line.trimStart().startsWith(`| ${type.label} |`));
		expect(row).toContain(`\`${scope}\``);
	});

	it('names line items e-commerce and custom objects crm.objects.custom.write, once per type', () => {
		expect(writeScopesOf(['0-8', 'contacts', 'line_items'])).toBe('line items need e-commerce; contacts need crm.objects.contacts.write');
		expect(writeScopesOf(['2-123456'])).toBe('custom objects need crm.objects.custom.write');
		expect(writeScopesOf(['nothing'])).toBeUndefined();
	});
});
