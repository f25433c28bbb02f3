import type { IDataObject } from 'n8n-workflow';
import { heldTypeIds, syncParameters } from '../harness/operationParameters';
import { NODE_NAME, runNode, type RunOptions } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';

const suite = useSimulator();

const COMPANIES = { from: 'companies', to: 'companies' };
const CONTACTS = { from: 'contacts', to: 'companies' };

async function sync(items: IDataObject[], direction = CONTACTS, options: IDataObject = {}, run: Partial<RunOptions> = { onError: 'continueRegularOutput' }) {
	const result = await runNode({
		items,
		parameters: syncParameters(options, { fromObjectType: direction.from, toObjectType: direction.to, fromObjectId: '={{ $json.from }}', toObjectId: '={{ $json.to }}' }),
		credentials: suite.credentials,
		...run,
	});
	const hints = (result.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? []).map((hint) => hint.message);
	return { ...result, hints };
}

const archivesSent = () => suite.sim.requests.filter((request) => request.kind === 'associations/batch/archive');

describe('attack: Sync', () => {
	afterEach(() => suite.sim.faults.clear());

	it('same-object: does not archive (labels) what another item of the run asserts from the other end', async () => {
		// 1 is the parent of 2; the run lists 1 → 2 as parent and 2 → 1 with only the unlabeled type.
		suite.sim.state.associate('companies', '1', 'companies', '2', [13]);
		const { output, error } = await sync(
			[
				{ from: '1', to: '2', types: ['HUBSPOT_DEFINED:13'] },
				{ from: '2', to: '1', types: ['HUBSPOT_DEFINED:450'] },
			],
			COMPANIES,
		);
		expect(error).toBeUndefined();
		const held = heldTypeIds(suite.sim, 'companies', '1', 'companies', '2');
		// Whatever the node does with the contradiction, item 0 must not claim a type HubSpot does not hold.
		if (output[0].json.status !== undefined && output[0].json.error === undefined) {
			const claimed = (output[0].json.types as Array<{ associationTypeId: number }>).map((type) => type.associationTypeId).sort((a, b) => a - b);
			expect(held).toEqual(claimed);
		}
	});

	it('same-object: an association unlisted by both its ends is removed (and counted) once, within Max Removals', async () => {
		suite.sim.state.associate('companies', '1', 'companies', '3', [13]);
		const { output, error, hints } = await sync(
			[
				{ from: '1', to: '2', types: ['HUBSPOT_DEFINED:13'] },
				{ from: '3', to: '4', types: ['HUBSPOT_DEFINED:13'] },
			],
			COMPANIES,
			{ maxRemovals: 1 },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.error)).toEqual([undefined, undefined]);
		expect(heldTypeIds(suite.sim, 'companies', '1', 'companies', '3')).toEqual([]);
		expect(hints).toContainEqual(expect.stringMatching(/ 1 removed/));
		expect(archivesSent().flatMap((request) => (request.body as { inputs: unknown[] }).inputs)).toHaveLength(1);
	});

	it('tool mode: a record whose read failed fails alone; the other records are synced and answered', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '22', [36]);
		const { output, error } = await sync(
			[
				{ from: '999999', to: '22', types: ['USER_DEFINED:36'] },
				{ from: '11', to: '23', types: ['USER_DEFINED:36'] },
			],
			CONTACTS,
			{},
			{ asTool: true },
		);
		expect(error).toBeUndefined();
		expect(JSON.stringify(output[1].json)).not.toMatch(/bug in the node/);
		expect(heldTypeIds(suite.sim, 'contacts', '11', 'companies', '23')).toEqual([36, 279]);
		expect(JSON.stringify(output[1].json)).toMatch(/created/);
	});

	it('tool mode: a create HubSpot refuses fails that item alone; the others are answered with what happened', async () => {
		const { output, error } = await sync(
			[
				{ from: '11', to: '999999', types: ['USER_DEFINED:36'] },
				{ from: '12', to: '23', types: ['USER_DEFINED:36'] },
			],
			CONTACTS,
			{},
			{ asTool: true },
		);
		expect(error).toBeUndefined();
		expect(heldTypeIds(suite.sim, 'contacts', '12', 'companies', '23')).toEqual([36, 279]);
		expect(JSON.stringify(output[1].json)).not.toMatch(/bug in the node/);
		expect(JSON.stringify(output[1].json)).toMatch(/created/);
	});

	it('a primary the input moves to a pair HubSpot refuses stays where it was', async () => {
		// Contact 11's primary company is 21; the run asks for it on 11 → 999999 (no such company) and relabels 11 → 21.
		suite.sim.state.associate('contacts', '11', 'companies', '21', [1]);
		const { output } = await sync([
			{ from: '11', to: '999999', types: ['HUBSPOT_DEFINED:1'] },
			{ from: '11', to: '21', types: ['USER_DEFINED:36'] },
		]);
		expect(output[0].json.error).toBeDefined();
		// The move failed: the contact keeps a primary company.
		expect(heldTypeIds(suite.sim, 'contacts', '11', 'companies', '21')).toContain(1);
	});
});
