import { toolFailure, toolResult } from '../../../../nodes/HubspotAssociations/helpers/toolResults';

describe('toolResult', () => {
	it('answers a created pair with its status, ids and label names only', () => {
		const full = {
			status: 'created',
			fromObjectType: 'contacts',
			fromObjectId: '101',
			toObjectType: 'companies',
			toObjectId: '201',
			fromObjectTypeId: '0-1',
			toObjectTypeId: '0-2',
			labels: ['Billing contact'],
			types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }],
		};
		expect(toolResult(full)).toEqual({
			status: 'created',
			fromObjectType: 'contacts',
			fromObjectId: '101',
			toObjectType: 'companies',
			toObjectId: '201',
			labels: ['Billing contact'],
		});
	});

	it('leaves out an empty labels list', () => {
		expect(toolResult({ status: 'removed', fromObjectType: 'contacts', fromObjectId: '1', toObjectType: 'companies', toObjectId: '2' })).toEqual({
			status: 'removed',
			fromObjectType: 'contacts',
			fromObjectId: '1',
			toObjectType: 'companies',
			toObjectId: '2',
		});
	});

	it('passes through the fields of a result it does not know, such as a label', () => {
		expect(toolResult({ label: 'Billing contact', typeId: 36, category: 'USER_DEFINED' })).toEqual({ label: 'Billing contact', typeId: 36, category: 'USER_DEFINED' });
	});

	it('answers Batch Get with the linked record ids and their label names', () => {
		const read = {
			fromObjectType: 'contacts',
			fromObjectId: '101',
			toObjectType: 'companies',
			count: 2,
			associations: [
				{ toObjectId: '201', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }, { category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' }] },
				{ toObjectId: '202', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] },
			],
		};
		expect(toolResult(read)).toEqual({
			fromObjectType: 'contacts',
			fromObjectId: '101',
			toObjectType: 'companies',
			count: 2,
			associations: [{ toObjectId: '201', labels: ['Billing contact'] }, { toObjectId: '202' }],
		});
	});
});

describe('toolFailure', () => {
	it('tells the model an id names no record and to look the record up, without the item number', () => {
		const failure = toolFailure({
			error: 'Item 0: HubSpot did not accept contacts 101 → companies 999999: One or more object ids are invalid: COMPANY=999999 is not valid',
			fromObjectId: '101',
			toObjectId: '999999',
			hubspot: { category: 'VALIDATION_ERROR', context: { INVALID_OBJECT_IDS: ['COMPANY=999999 is not valid'] } },
		});
		expect(failure).toEqual({
			status: 'failed',
			error:
				'HubSpot did not accept contacts 101 → companies 999999: One or more object ids are invalid: COMPANY=999999 is not valid. No HubSpot record has that ID: look the record up first and call again with its HubSpot record ID',
			fromObjectId: '101',
			toObjectId: '999999',
		});
	});

	it('says retrying will not help when the credential lacks scopes', () => {
		const { error } = toolFailure({
			error: 'Item 0: HubSpot did not accept contacts 1 → companies 2: The HubSpot credential lacks the scopes crm.objects.companies.write (403): add them',
			hubspot: { status: 403, category: 'MISSING_SCOPES', context: { missingScopes: ['crm.objects.companies.write'] } },
		});
		expect(error).toMatch(/crm\.objects\.companies\.write.*Retrying will not help/);
	});

	it('asks the model to wait when HubSpot rate limits, and not to retry today when the daily limit is used up', () => {
		expect(toolFailure({ error: "HubSpot's rate limit was reached (429)", hubspot: { status: 429, policyName: 'TEN_SECONDLY_ROLLING' } }).error).toMatch(
			/wait a minute, then call again$/,
		);
		expect(toolFailure({ error: "HubSpot's daily request limit is used up (429)", hubspot: { status: 429, policyName: 'DAILY' } }).error).toMatch(/Retrying today will not help/);
	});

	it('keeps a bad value message as it is: it already names the field and the value', () => {
		expect(toolFailure({ error: 'Item 0: To Record ID (toObjectId) must be a HubSpot record ID made of digits, got "Acme"', fromObjectId: '101', toObjectId: 'Acme' })).toEqual({
			status: 'failed',
			error: 'To Record ID (toObjectId) must be a HubSpot record ID made of digits, got "Acme"',
			fromObjectId: '101',
			toObjectId: 'Acme',
		});
	});
});
