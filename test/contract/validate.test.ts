import { assertMatchesComponent, assertValidRequest, assertValidResponse } from './validate';

describe('the HubSpot contract validator', () => {
	it('accepts a batch create body with category and type id', () => {
		expect(() =>
			assertValidRequest('POST', '/crm/associations/2026-03/contacts/companies/batch/create', {
				inputs: [{ from: { id: '1' }, to: { id: '2' }, types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }] }],
			}),
		).not.toThrow();
	});

	it('rejects a batch create type without its category', () => {
		expect(() =>
			assertMatchesComponent('BatchInputPublicAssociationMultiPost', {
				inputs: [{ from: { id: '1' }, to: { id: '2' }, types: [{ associationTypeId: 36 }] }],
			}),
		).toThrow(/associationCategory/);
	});

	it('rejects a 207 error without the fields HubSpot always sends', () => {
		expect(() =>
			assertValidResponse('POST', '/crm/associations/2026-03/0-1/0-2/batch/create', 207, {
				status: 'COMPLETE',
				results: [],
				startedAt: '2026-01-01T00:00:00Z',
				completedAt: '2026-01-01T00:00:01Z',
				errors: [{ status: 'error', message: 'x' }],
			}),
		).toThrow(/category/);
	});

	it('checks error answers against the Error shape', () => {
		expect(() =>
			assertValidResponse('POST', '/crm/associations/2026-03/0-1/0-2/batch/create', 403, {
				status: 'error',
				message: 'missing scopes',
				correlationId: 'c-1',
				category: 'MISSING_SCOPES',
			}),
		).not.toThrow();
	});
});
