import nock from 'nock';
import { assertValidRequest, assertValidResponse } from '../contract/validate';
import { TEST_BASE_URL } from './runWorkflow';

export interface BatchInput {
	from: { id: string };
	to: { id: string };
	types: Array<{ associationCategory: string; associationTypeId: number }>;
}

export interface SentRequest {
	path: string;
	body: { inputs: BatchInput[] };
	headers: Record<string, string | string[] | undefined>;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

const TIMESTAMPS = { startedAt: '2026-11-29T10:00:00.000Z', completedAt: '2026-11-29T10:00:01.000Z' };

/** HubSpot's answer when every input of a batch/create was created. */
export function createdReply(body: { inputs: BatchInput[] }, status = 200, typeIds = { from: '0-1', to: '0-2' }): Reply {
	return {
		status,
		body: {
			status: 'COMPLETE',
			...TIMESTAMPS,
			results: body.inputs.map((input) => ({
				fromObjectId: input.from.id,
				fromObjectTypeId: typeIds.from,
				toObjectId: input.to.id,
				toObjectTypeId: typeIds.to,
				labels: input.types.filter((t) => t.associationCategory === 'USER_DEFINED').map((t) => `Label ${t.associationTypeId}`),
			})),
		},
	};
}

/** A 207 with results for all inputs except those `fails` rejects, which get `error(input)`. */
export function partialReply(
	body: { inputs: BatchInput[] },
	fails: (input: BatchInput) => boolean,
	error: (input: BatchInput) => Record<string, unknown>,
	status = 207,
): Reply {
	const created = createdReply({ inputs: body.inputs.filter((input) => !fails(input)) }).body as Record<string, unknown>;
	const errors = body.inputs.filter(fails).map((input) => ({
		status: 'error',
		category: 'VALIDATION_ERROR',
		context: {},
		links: {},
		errors: [],
		...error(input),
	}));
	return { status, body: { ...created, numErrors: errors.length, errors } };
}

/** A HubSpot error body for a non-2xx answer. */
export function errorReply(status: number, fields: Record<string, unknown> = {}): Reply {
	return {
		status,
		body: { status: 'error', message: `HubSpot error ${status}`, correlationId: `corr-${status}`, category: 'VALIDATION_ERROR', ...fields },
	};
}

/**
 * Mocks batch/create for a direction: every request body is checked against HubSpot's
 * contract and recorded, and every reply is checked too, so tests cannot drift from it.
 */
export function mockBatchCreate(
	direction: { from: string; to: string },
	respond: (body: { inputs: BatchInput[] }, callIndex: number) => Reply,
	times = 1,
	apiVersion = '2026-03',
): SentRequest[] {
	const sent: SentRequest[] = [];
	const path = `/crm/associations/${apiVersion}/${direction.from}/${direction.to}/batch/create`;
	nock(TEST_BASE_URL)
		.post(path)
		.times(times)
		.reply(function (_uri, requestBody) {
			const body = requestBody as { inputs: BatchInput[] };
			assertValidRequest('POST', path, body);
			sent.push({ path, body, headers: this.req.headers });
			const reply = respond(body, sent.length - 1);
			assertValidResponse('POST', path, reply.status, reply.body);
			return [reply.status, reply.body as nock.Body, reply.headers ?? {}];
		});
	return sent;
}

/** Answers every batch/create (up to five) as created, recording each body sent: for specs that check nothing, or only the right pairs, was written. */
export function recordCreates(path = '/crm/associations/2026-03/contacts/companies/batch/create'): Array<{ inputs: BatchInput[] }> {
	const sent: Array<{ inputs: BatchInput[] }> = [];
	nock(TEST_BASE_URL)
		.post(path)
		.times(5)
		.reply((_uri, body) => {
			sent.push(body as { inputs: BatchInput[] });
			return [200, createdReply(body as { inputs: BatchInput[] }).body as nock.Body];
		});
	return sent;
}

/** The [from id, to id] of every input of the batch/creates `recordCreates` saw. */
export function createdPairs(sent: Array<{ inputs: BatchInput[] }>): string[][] {
	return sent.flatMap((body) => body.inputs.map((input) => [input.from.id, input.to.id]));
}
