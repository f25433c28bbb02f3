import { NODE_SUBTITLE } from '../../../../nodes/HubspotAssociations/actions/subtitle';
import { evaluateExpression } from '../../../harness/expressions';

const subtitle = (parameters: Record<string, string>) => evaluateExpression(NODE_SUBTITLE, { parameters });

describe('the canvas subtitle', () => {
	it('names the operation and the direction in words', () => {
		expect(subtitle({ operation: 'batchCreate', fromObjectType: 'contacts', toObjectType: 'companies' })).toBe('Create: Contacts → Companies');
		expect(subtitle({ operation: 'batchRead', fromObjectType: 'deals', toObjectType: 'tickets' })).toBe('Get: Deals → Tickets');
	});

	it('reads a standard type given by type id as its name', () => {
		expect(subtitle({ operation: 'batchArchive', fromObjectType: '0-8', toObjectType: '0-7' })).toBe('Remove: Line Items → Products');
	});

	it("reads a custom object's fully qualified name without the portal prefix, and keeps a custom type id", () => {
		expect(subtitle({ operation: 'batchArchiveLabels', fromObjectType: 'p12345678_cars', toObjectType: '2-3456789' })).toBe('Remove labels: cars → 2-3456789');
	});

	it('shows an operation it does not know by its value, without the direction it does not show', () => {
		expect(subtitle({ operation: 'somethingNew', fromObjectType: 'contacts', toObjectType: 'companies' })).toBe('somethingNew');
	});
});
