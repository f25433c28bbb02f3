import type {
	BatchCreateResponse,
	HubSpotBatchError,
	LabelsBetweenObjectPair,
	PlannedBatch,
	PlannedInput,
} from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import { defaultAssociationResults, defaultAssociationTypes, type DefaultAssociationResult, errorInfo, idsNamedByError, matchBatchCreateResponse, matchBatchResponse, NO_RESULTS } from '../../../../nodes/HubspotAssociations/helpers/matching';

function input(fromObjectId: string, toObjectId: string, itemIndex = 0): PlannedInput {
	return {
		fromObjectId,
		toObjectId,
		types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
		itemIndexes: [itemIndex],
	};
}

function batchOf(inputs: PlannedInput[], fromPathType = 'contacts', toPathType = 'companies'): PlannedBatch {
	return { fromPathType, toPathType, inputs };
}

function result(fromObjectId: string | number, toObjectId: string | number, labels: string[] = []): LabelsBetweenObjectPair {
	return { fromObjectId, toObjectId, fromObjectTypeId: '0-1', toObjectTypeId: '0-2', labels } as LabelsBetweenObjectPair;
}

function invalidIdError(typeName: string, id: string): HubSpotBatchError {
	return {
		status: 'error',
		category: 'VALIDATION_ERROR',
		message: `${typeName}=${id} is not valid`,
		context: { INVALID_OBJECT_IDS: [`${typeName}=${id} is not valid`], objectId: [id], objectType: [typeName] },
	};
}

/** Each input's outcome, in input order, as "created" or the failure message. */
function outcomesOf(batch: PlannedBatch, body: BatchCreateResponse | undefined) {
	const outcomes = matchBatchCreateResponse(batch, body);
	return batch.inputs.map((each) => {
		const outcome = outcomes.get(each)!;
		return outcome.kind === 'succeeded' ? 'created' : outcome.message;
	});
}

describe('matchBatchCreateResponse', () => {
	it('matches results by their ids, not by their position', () => {
		const inputs = [input('1', '10'), input('2', '20'), input('3', '30'), input('4', '40')];
		const body = { status: 'COMPLETE', results: [result('3', '30'), result('1', '10', ['Manager']), result('4', '40'), result('2', '20')] };
		const outcomes = matchBatchCreateResponse(batchOf(inputs), body);
		inputs.forEach((each) => {
			expect(outcomes.get(each)).toEqual({ kind: 'succeeded', result: expect.objectContaining({ fromObjectId: each.fromObjectId, toObjectId: each.toObjectId }) });
		});
		expect(outcomes.get(inputs[0])).toMatchObject({ result: { labels: ['Manager'] } });
	});

	it('matches a result whose ids came back as numbers', () => {
		const inputs = [input('38374264688', '9001')];
		const outcomes = matchBatchCreateResponse(batchOf(inputs), { results: [result(38374264688, 9001)] });
		expect(outcomes.get(inputs[0])?.kind).toBe('succeeded');
	});

	it('ignores results for pairs the batch did not ask for', () => {
		const inputs = [input('1', '10')];
		expect(outcomesOf(batchOf(inputs), { results: [result('10', '1'), result('1', '11')] })).toEqual([
			'HubSpot answered the batch without a result or an error for this pair, so it may not have been created',
		]);
	});

	it('maps a 207 error naming a to-id back to only the inputs with that to-id', () => {
		const inputs = [input('1', '10'), input('2', '999'), input('3', '999'), input('999', '30')];
		const body = { status: 'COMPLETE', results: [result('1', '10'), result('999', '30')], numErrors: 1, errors: [invalidIdError('COMPANY', '999')] };
		const outcomes = matchBatchCreateResponse(batchOf(inputs), body);
		expect(outcomes.get(inputs[0])?.kind).toBe('succeeded');
		expect(outcomes.get(inputs[1])).toEqual({
			kind: 'failed',
			message: 'COMPANY=999 is not valid',
			hubspot: {
				status: 'error',
				category: 'VALIDATION_ERROR',
				message: 'COMPANY=999 is not valid',
				context: { INVALID_OBJECT_IDS: ['COMPANY=999 is not valid'], objectId: ['999'], objectType: ['COMPANY'] },
			},
		});
		expect(outcomes.get(inputs[2])).toMatchObject({ kind: 'failed', message: 'COMPANY=999 is not valid' });
		expect(outcomes.get(inputs[3])?.kind).toBe('succeeded');
	});

	it('reads "CONTACT=5" as the from side of contacts→companies even when a company also has id 5', () => {
		const inputs = [input('5', '10'), input('7', '5')];
		const body = { errors: [invalidIdError('CONTACT', '5'), { message: 'Something else went wrong', category: 'VALIDATION_ERROR' }] };
		expect(outcomesOf(batchOf(inputs), body)).toEqual([
			'CONTACT=5 is not valid',
			'HubSpot did not accept this pair and named no record for its errors: Something else went wrong',
		]);
	});

	it('reads "COMPANY=5" as the to side of contacts→companies', () => {
		const inputs = [input('5', '10'), input('7', '5')];
		expect(outcomesOf(batchOf(inputs), { errors: [invalidIdError('COMPANY', '5')] })).toEqual([
			'HubSpot answered the batch without a result or an error for this pair, so it may not have been created',
			'COMPANY=5 is not valid',
		]);
	});

	it('reads a typed id on either side when both sides are the same object type', () => {
		const inputs = [input('5', '10'), input('7', '5'), input('8', '9')];
		const outcomes = outcomesOf(batchOf(inputs, 'contacts', 'contacts'), { errors: [invalidIdError('CONTACT', '5')] });
		expect(outcomes.slice(0, 2)).toEqual(['CONTACT=5 is not valid', 'CONTACT=5 is not valid']);
	});

	it('finds the id in the message when the error has an empty context', () => {
		const inputs = [input('1', '10'), input('2', '20')];
		const body = { errors: [{ status: 'error', message: 'Record 20 was not found', context: {} }] };
		expect(outcomesOf(batchOf(inputs), body)).toEqual([
			'HubSpot answered the batch without a result or an error for this pair, so it may not have been created',
			'Record 20 was not found',
		]);
	});

	it('finds an id in a nested error when the top level names none', () => {
		const inputs = [input('1', '10'), input('2', '20')];
		const body = { errors: [{ message: 'Batch failed', errors: [{ message: 'bad', context: { ids: ['10'] } }] }] };
		expect(outcomesOf(batchOf(inputs), body)[0]).toBe('Batch failed');
	});

	it('fails every unanswered input with the unattributed message when an error names no known id', () => {
		const inputs = [input('1', '10'), input('2', '20'), input('3', '30')];
		const body = {
			results: [result('2', '20')],
			errors: [
				{ status: 'error', category: 'VALIDATION_ERROR', message: 'One or more associations are invalid' },
				{ status: 'error', category: 'RATE_LIMITS' },
				{ status: 'error', message: 'One or more associations are invalid' },
			],
		};
		const outcomes = matchBatchCreateResponse(batchOf(inputs), body);
		const expected = {
			kind: 'failed',
			message: 'HubSpot did not accept this pair and named no record for its errors: One or more associations are invalid; RATE_LIMITS',
			hubspot: { status: 'error', category: 'VALIDATION_ERROR', message: 'One or more associations are invalid' },
		};
		expect(outcomes.get(inputs[0])).toEqual(expected);
		expect(outcomes.get(inputs[1])?.kind).toBe('succeeded');
		expect(outcomes.get(inputs[2])).toEqual(expected);
	});

	it('fails an input answered by neither a result nor an error as having no result or error', () => {
		const inputs = [input('1', '10'), input('2', '20')];
		expect(outcomesOf(batchOf(inputs), { results: [result('1', '10')] })).toEqual([
			'created',
			'HubSpot answered the batch without a result or an error for this pair, so it may not have been created',
		]);
	});

	it('fails every input the same way when the body is missing', () => {
		expect(outcomesOf(batchOf([input('1', '10')]), undefined)).toEqual([
			'HubSpot answered the batch without a result or an error for this pair, so it may not have been created',
		]);
	});

	it('keeps an input with a result created even if an error names its from-id', () => {
		const inputs = [input('5', '10'), input('5', '11')];
		const body = { results: [result('5', '10')], errors: [invalidIdError('CONTACT', '5')] };
		expect(outcomesOf(batchOf(inputs), body)).toEqual(['created', 'CONTACT=5 is not valid']);
	});

	it('does not spread an error naming only answered inputs to the other inputs', () => {
		const inputs = [input('5', '10'), input('6', '11')];
		const body = { results: [result('5', '10')], errors: [invalidIdError('CONTACT', '5')] };
		expect(outcomesOf(batchOf(inputs), body)).toEqual([
			'created',
			'HubSpot answered the batch without a result or an error for this pair, so it may not have been created',
		]);
	});

	it('gives an input named by two errors the first one', () => {
		const inputs = [input('5', '10')];
		const body = { errors: [invalidIdError('COMPANY', '10'), invalidIdError('CONTACT', '5')] };
		expect(outcomesOf(batchOf(inputs), body)).toEqual(['COMPANY=10 is not valid']);
	});

	it('says HubSpot rejected the association when an error naming it has no message', () => {
		const inputs = [input('5', '10')];
		const body = { errors: [{ category: 'VALIDATION_ERROR', context: { objectId: ['10'] } }] };
		expect(outcomesOf(batchOf(inputs), body)).toEqual(['HubSpot rejected this pair']);
	});

	it('merges duplicate results for one pair into one, with the union of their labels', () => {
		const inputs = [input('1', '10')];
		const body = { results: [result('1', '10', ['Manager']), result('1', '10', ['Manager', 'Billing']), result('1', '10')] };
		const outcome = matchBatchCreateResponse(batchOf(inputs), body).get(inputs[0]);
		expect(outcome).toMatchObject({ kind: 'succeeded', result: { fromObjectId: '1', toObjectId: '10', labels: ['Manager', 'Billing'] } });
		expect(body.results[0].labels).toEqual(['Manager']);
	});

	it('skips results without ids and results without labels', () => {
		const inputs = [input('1', '10')];
		const body = { results: [{ fromObjectId: '1' } as LabelsBetweenObjectPair, { fromObjectId: '1', toObjectId: '10' } as LabelsBetweenObjectPair, null as unknown as LabelsBetweenObjectPair] };
		expect(matchBatchCreateResponse(batchOf(inputs), body).get(inputs[0])).toMatchObject({ kind: 'succeeded', result: { labels: [] } });
	});
});

describe('idsNamedByError', () => {
	const contactsToCompanies = { fromPathType: 'contacts', toPathType: 'companies' };

	it('reads "TYPE=id" as the side whose object type it names', () => {
		expect(idsNamedByError({ context: { INVALID_OBJECT_IDS: ['CONTACT=1 is not valid', 'COMPANY=2 is not valid'] } }, contactsToCompanies)).toEqual([
			{ id: '1', side: 'from' },
			{ id: '2', side: 'to' },
		]);
	});

	it('lets a typed mention decide the side of the same id listed bare elsewhere in the context', () => {
		const named = idsNamedByError(invalidIdError('CONTACT', '5'), contactsToCompanies);
		expect(named).toEqual([{ id: '5', side: 'from' }]);
	});

	it('leaves the side open for an object type that is on neither side', () => {
		expect(idsNamedByError({ context: { x: ['DEAL=4'] } }, contactsToCompanies)).toEqual([{ id: '4', side: undefined }]);
	});

	it('reads singular names of "-ies" types', () => {
		expect(idsNamedByError({ message: 'COMPANY=7' }, { fromPathType: 'deals', toPathType: 'companies' })).toEqual([{ id: '7', side: 'to' }]);
	});

	it('reads bare digit runs from context values, numbers included', () => {
		expect(idsNamedByError({ context: { ids: ['12 and 13'], other: 14 as unknown as string[] } }, contactsToCompanies)).toEqual([
			{ id: '12' },
			{ id: '13' },
			{ id: '14' },
		]);
	});

	it('reads the messages only when no context names an id', () => {
		expect(idsNamedByError({ message: 'Record 3 is bad', context: { ids: ['4'] } }, contactsToCompanies)).toEqual([{ id: '4' }]);
		expect(idsNamedByError({ message: 'Record 3 is bad', errors: [{ message: 'and 6' }] }, contactsToCompanies)).toEqual([{ id: '3' }, { id: '6' }]);
	});

	it('knows the side of a typed id when the direction is given by type ids', () => {
		expect(idsNamedByError({ message: 'LINE_ITEM=9 is not valid' }, { fromPathType: '0-3', toPathType: '0-8' })).toEqual([{ id: '9', side: 'to' }]);
	});

	it('does not read the digits of a type id such as "0-1" as record ids', () => {
		expect(idsNamedByError({ context: { objectTypeId: ['0-1'], objectId: ['77'] } }, contactsToCompanies)).toEqual([{ id: '77' }]);
	});

	it('gives a bare id of the context the side its message types it on', () => {
		expect(idsNamedByError({ message: 'One or more object ids are invalid: COMPANY=30000 is not valid', context: { objectId: ['30000'] } }, contactsToCompanies)).toEqual([{ id: '30000', side: 'to' }]);
	});

	it('gives a bare objectId the side of the objectType listed beside it', () => {
		expect(idsNamedByError({ context: { objectId: ['30000', '101'], objectType: ['COMPANY', 'CONTACT'] } }, contactsToCompanies)).toEqual([
			{ id: '30000', side: 'to' },
			{ id: '101', side: 'from' },
		]);
		// Lists that do not pair up one to one say nothing of sides.
		expect(idsNamedByError({ context: { objectId: ['30000', '101'], objectType: ['COMPANY'] } }, contactsToCompanies)).toEqual([{ id: '30000' }, { id: '101' }]);
	});

	it('names nothing for an error without ids', () => {
		expect(idsNamedByError({ message: 'Invalid input' }, contactsToCompanies)).toEqual([]);
		expect(idsNamedByError({}, contactsToCompanies)).toEqual([]);
	});
});

describe('errorInfo', () => {
	it('keeps status, category, subCategory, message, context and correlation id', () => {
		const context = { objectId: ['1'] };
		expect(
			errorInfo({ status: 'error', category: 'VALIDATION_ERROR', subCategory: 'X', message: 'm', context, links: {} } as HubSpotBatchError, 'abc-123'),
		).toEqual({ status: 'error', category: 'VALIDATION_ERROR', subCategory: 'X', message: 'm', context, correlationId: 'abc-123' });
	});

	it("prefers the error's own correlation id", () => {
		expect(errorInfo({ correlationId: 'own' }, 'given')).toEqual({ correlationId: 'own' });
	});

	it('drops fields that are not strings and leaves out what is absent', () => {
		expect(errorInfo({ category: 3 as unknown as string, subCategory: { a: 1 }, message: undefined })).toEqual({});
	});
});

describe('matchBatchResponse for endpoints without per-pair results', () => {
	it('counts every pair no error names as done (a 204 has no body at all)', () => {
		const inputs = [input('1', '10'), input('2', '20')];
		const outcomes = matchBatchResponse(batchOf(inputs), undefined, NO_RESULTS);
		expect([...outcomes.values()].map((outcome) => outcome.kind)).toEqual(['succeeded', 'succeeded']);
	});

	it('fails the pair an error names and keeps the others done', () => {
		const inputs = [input('1', '10'), input('2', '20')];
		const outcomes = matchBatchResponse(batchOf(inputs), { errors: [{ message: 'COMPANY=20 is not valid', context: { objectId: ['20'] } }] }, NO_RESULTS);
		expect(outcomes.get(inputs[0])?.kind).toBe('succeeded');
		expect(outcomes.get(inputs[1])).toMatchObject({ kind: 'failed', message: 'COMPANY=20 is not valid' });
	});

	it('fails only the pair on the side the error types an id both pairs hold on: the other was removed', () => {
		const inputs = [input('30000', '202'), input('101', '30000')];
		const outcomes = matchBatchResponse(batchOf(inputs), { errors: [{ message: 'COMPANY=30000 is not valid', context: { objectId: ['30000'] } }] }, NO_RESULTS);
		expect(outcomes.get(inputs[0])?.kind).toBe('succeeded');
		expect(outcomes.get(inputs[1])).toMatchObject({ kind: 'failed', message: 'COMPANY=30000 is not valid' });
	});

	it('fails every pair when an error names none of them: nothing can be claimed done', () => {
		const inputs = [input('1', '10')];
		const outcomes = matchBatchResponse(batchOf(inputs), { errors: [{ message: 'Something broke' }] }, NO_RESULTS);
		expect(outcomes.get(inputs[0])).toMatchObject({ kind: 'failed', message: expect.stringContaining('Something broke') });
	});
});

describe('default association results', () => {
	it('match their pair and gather every type HubSpot reports for it, ignoring the reverse direction', () => {
		const inputs = [input('1', '10')];
		const spec = (associationTypeId: number) => ({ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId });
		const body = {
			results: [
				{ from: { id: '10' }, to: { id: '1' }, associationSpec: spec(280) },
				{ from: { id: '1' }, to: { id: '10' }, associationSpec: spec(279) },
			],
		};
		const outcome = matchBatchResponse<DefaultAssociationResult>(batchOf(inputs), body, defaultAssociationResults).get(inputs[0]);
		expect(outcome?.kind).toBe('succeeded');
		expect(outcome?.kind === 'succeeded' && defaultAssociationTypes(outcome.result)).toEqual([spec(279)]);
	});
});

describe('matching a result to its direction', () => {
	it('does not take a batch/create result of the other object types as the pair', () => {
		const pair = input('101', '30000');
		const outcomes = matchBatchCreateResponse({ fromPathType: 'contacts', toPathType: 'companies', inputs: [pair] }, {
			status: 'COMPLETE',
			results: [{ fromObjectId: '101', fromObjectTypeId: '0-2', toObjectId: '30000', toObjectTypeId: '0-1', labels: [] }],
		});
		expect(outcomes.get(pair)?.kind).toBe('failed');
	});

	it('does not read a default result as a pair when its mirror was asked for in the same batch', () => {
		const [pair, mirror] = [input('101', '30000'), input('30000', '101')];
		const spec = (associationTypeId: number) => ({ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId });
		const outcomes = matchBatchResponse({ fromPathType: 'contacts', toPathType: 'companies', inputs: [pair, mirror] }, {
			status: 'COMPLETE',
			results: [
				{ from: { id: '30000' }, to: { id: '101' }, associationSpec: spec(279) },
				{ from: { id: '101' }, to: { id: '30000' }, associationSpec: spec(280) },
			],
		}, defaultAssociationResults);
		expect(outcomes.get(pair)?.kind).toBe('failed');
	});

	it('between records of one object type, reads a result either way: both directions are the one association', () => {
		const [pair, mirror] = [input('1', '2'), input('2', '1')];
		const outcomes = matchBatchResponse({ fromPathType: 'contacts', toPathType: '0-1', inputs: [pair, mirror] }, {
			results: [{ from: { id: '1' }, to: { id: '2' }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 449 } }],
		}, defaultAssociationResults);
		expect([outcomes.get(pair)?.kind, outcomes.get(mirror)?.kind]).toEqual(['succeeded', 'failed']);
	});
});
