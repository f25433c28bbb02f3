import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NODE_NAME, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

const UNLABELED = 279;
const PRIMARY = 1;
const BILLING = 36;
const FORMER = 38;
const spec = (associationTypeId: number) => ({ associationCategory: associationTypeId === BILLING || associationTypeId === FORMER ? 'USER_DEFINED' : 'HUBSPOT_DEFINED', associationTypeId });
const code = (associationTypeId: number) => `${spec(associationTypeId).associationCategory}:${associationTypeId}`;

interface SyncItem extends IDataObject {
	contactId: string;
	companyId: string;
	types: string[];
}
const item = (contactId: number | string, companyId: number | string, typeIds: number[] = [BILLING]): SyncItem => ({
	contactId: String(contactId),
	companyId: String(companyId),
	types: typeIds.map(code),
});

function syncParameters(options: IDataObject = {}): INodeParameters {
	return {
		resource: 'association',
		operation: 'batchSync',
		fromObjectType: 'contacts',
		toObjectType: 'companies',
		fromObjectId: '={{ $json.contactId }}',
		toObjectId: '={{ $json.companyId }}',
		associationTypes: '={{ $json.types }}',
		options: options as INodeParameters['options'],
	};
}

async function sync(items: SyncItem[], options: IDataObject = {}, onError: 'continueRegularOutput' | undefined = 'continueRegularOutput') {
	const result = await runNode({ items, parameters: syncParameters(options), credentials: suite.credentials, onError });
	const hints = result.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? [];
	return { ...result, hints: hints.map((hint) => hint.message) };
}

const typeIds = (contactId: number | string, companyId: number | string) =>
	suite.sim.state
		.associationsBetween('contacts', String(contactId), 'companies', String(companyId))
		.map((held) => held.associationTypeId)
		.sort((a, b) => a - b);
const seed = (contactId: number | string, companyId: number | string, typeIds: number[]) =>
	suite.sim.state.associate('contacts', String(contactId), 'companies', String(companyId), typeIds.filter((id) => id !== UNLABELED));
const pairOf = (contactId: number, companyId: number) => ({
	fromObjectType: 'contacts',
	fromObjectId: String(contactId),
	toObjectType: 'companies',
	toObjectId: String(companyId),
});
const kindsSent = () => suite.sim.requests.map((request) => request.kind.replace('associations/', ''));
const countOf = (kind: string) => kindsSent().filter((sent) => sent === kind).length;
const WRITES = ['batch/create', 'batch/labels/archive', 'batch/archive'];

describe('Sync Associations', () => {
	it('creates missing pairs, relabels differing ones and removes unlisted ones, for one from-record', async () => {
		seed(11, 22, [UNLABELED, FORMER]);
		seed(11, 23, [UNLABELED, BILLING]);
		seed(11, 24, [UNLABELED]);
		seed(11, 25, [UNLABELED, PRIMARY]);

		const { output, error, hints } = await sync([item(11, 21), item(11, 22), item(11, 23)]);

		expect(error).toBeUndefined();
		expect(output.map((out) => out.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual({
			status: 'created',
			...pairOf(11, 21),
			types: [spec(BILLING)],
			removed: [{ toObjectId: '24', types: [spec(UNLABELED)] }],
			kept: [{ toObjectId: '25', types: [spec(UNLABELED), spec(PRIMARY)], reason: 'holds a primary type, which a sync never removes' }],
		});
		expect(output[1].json).toMatchObject({ status: 'updated', typesBefore: [spec(UNLABELED), spec(FORMER)], types: [spec(BILLING), spec(UNLABELED)] });
		expect(output[2].json).toMatchObject({ status: 'unchanged', types: [spec(BILLING), spec(UNLABELED)] });
		expect(output[1].json).not.toHaveProperty('removed');
		expect(typeIds(11, 21)).toEqual([BILLING, UNLABELED]);
		expect(typeIds(11, 22)).toEqual([BILLING, UNLABELED]);
		expect(typeIds(11, 23)).toEqual([BILLING, UNLABELED]);
		expect(typeIds(11, 24)).toEqual([]);
		expect(typeIds(11, 25)).toEqual([PRIMARY, UNLABELED]);
		expect(kindsSent()).toEqual(['batch/read', 'batch/create', 'batch/archive']);
		expect(hints).toContain('Sync: 1 created, 1 updated, 1 unchanged, 1 removed, 1 kept (primary)');
	});
});
