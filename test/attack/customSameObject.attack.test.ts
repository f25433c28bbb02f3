import nock from 'nock';
import { syncParameters } from '../harness/operationParameters';
import { runNode, TEST_BASE_URL } from '../harness/runWorkflow';

const PATH = '/crm/associations/2026-03/p12345678_cars/2-3456789';
const LINKED = [{ category: 'USER_DEFINED', typeId: 500, label: 'Sibling' }];

describe('attack: Sync, a custom object named by name on one side and by type id on the other', () => {
	afterEach(() => nock.cleanAll());

	it('does not remove a same-object pair listed from its other end', async () => {
		const held: Record<string, string[]> = { '1': ['2'], '2': ['1', '3'] };
		const archived: unknown[] = [];
		nock(TEST_BASE_URL)
			.persist()
			.post(`${PATH}/batch/read`)
			.reply(200, (_uri, body) => ({
				status: 'COMPLETE',
				startedAt: '2026-11-29T10:00:00.000Z',
				completedAt: '2026-11-29T10:00:01.000Z',
				results: (body as { inputs: Array<{ id: string }> }).inputs.map(({ id }) => ({ from: { id }, to: (held[id] ?? []).map((toObjectId) => ({ toObjectId, associationTypes: LINKED })) })),
			}))
			.post(`${PATH}/batch/archive`)
			.reply(204, (_uri, body) => {
				archived.push(body);
				return '';
			})
			.post(`${PATH}/batch/create`)
			.reply(200, (_uri, body) => ({
				status: 'COMPLETE',
				startedAt: '2026-11-29T10:00:00.000Z',
				completedAt: '2026-11-29T10:00:01.000Z',
				results: (body as { inputs: Array<{ from: { id: string }; to: { id: string } }> }).inputs.map((input) => ({
					fromObjectId: input.from.id,
					fromObjectTypeId: '2-3456789',
					toObjectId: input.to.id,
					toObjectTypeId: '2-3456789',
					labels: ['Sibling'],
				})),
			}));

		const { output } = await runNode({
			items: [
				{ from: '1', to: '2', types: ['USER_DEFINED:500'] },
				{ from: '2', to: '3', types: ['USER_DEFINED:500'] },
			],
			parameters: syncParameters({}, { fromObjectType: 'p12345678_cars', toObjectType: '2-3456789', fromObjectId: '={{ $json.from }}', toObjectId: '={{ $json.to }}' }),
			onError: 'continueRegularOutput',
		});
		expect(output.map((item) => item.json.error)).toEqual([undefined, undefined]);
		expect(archived).toEqual([]);
	});
});
