import type { INodeParameters } from 'n8n-workflow';

/**
 * Batch Create Associations from contacts to companies, ids mapped from `contactId` / `companyId`.
 * No engine imports: the e2e and bench workflows (run in the real n8n) use it too.
 */
export function batchCreateParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'association',
		operation: 'batchCreate',
		fromObjectType: 'contacts',
		toObjectType: 'companies',
		fromObjectId: '={{ $json.contactId }}',
		toObjectId: '={{ $json.companyId }}',
		associationTypes: ['HUBSPOT_DEFINED:279'],
		...overrides,
	};
}
