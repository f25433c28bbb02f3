import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { batchCreateParameters, runNode } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';

const suite = useSimulator();
afterEach(() => {
	suite.sim.faults.clear();
});

const held = (from: string, fromId: string, to: string, toId: string) =>
	suite.sim.state
		.associationsBetween(from, fromId, to, toId)
		.map((spec) => spec.associationTypeId)
		.sort((a, b) => a - b);
const actions = () => suite.sim.requests.map((request) => request.path.split('/').slice(-2).join('/'));

describe('attack: Keep Existing Labels', () => {
	it('does not copy a to-side primary (companies → contacts, type 2) back onto its old pair when another item of the batch moves it', async () => {
		suite.sim.state.associate('companies', '21', 'contacts', '11', [280, 2]);
		const { output } = await runNode({
			items: [
				{ companyId: '22', contactId: '11', types: 'HUBSPOT_DEFINED:2' },
				{ companyId: '21', contactId: '11', types: 'USER_DEFINED:37' },
			],
			parameters: batchCreateParameters({
				fromObjectType: 'companies',
				toObjectType: 'contacts',
				fromObjectId: '={{ $json.companyId }}',
				toObjectId: '={{ $json.contactId }}',
				associationTypes: '={{ $json.types }}',
				options: { keepExistingLabels: true } as never,
			}),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(output.map((item) => item.json.status)).toEqual(['created', 'created']);
		expect(held('companies', '22', 'contacts', '11')).toEqual([2, 280]);
		expect(held('companies', '21', 'contacts', '11')).toEqual([37, 280]);
		// The old pair is written without the primary its contact moves: no write re-asserts it, none has to undo that.
		const creates = suite.sim.requests.filter((request) => request.path.endsWith('/batch/create'));
		expect(creates.map((request) => (request.body as { inputs: Array<{ from: { id: string }; types: Array<{ associationTypeId: number }> }> }).inputs.map((input) => [input.from.id, input.types.map((type) => type.associationTypeId)]))).toEqual([
			[
				['22', [2]],
				['21', [37, 280]],
			],
		]);
	});

	it('does not answer "created" when the check found its label gone and the second write failed', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279]);
		suite.sim.faults.next(2, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { kind: 'slow', ms: 300 });
		suite.sim.faults.next(1, { status: 403 });
		const running = runNode({
			items: [{ contactId: '11', companyId: '21' }],
			parameters: batchCreateParameters({ associationTypes: ['USER_DEFINED:38'], options: { keepExistingLabels: true, maxRetries: 0 } as never }),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});
		while (!actions().includes('batch/create')) await new Promise((resolve) => setTimeout(resolve, 5));
		suite.sim.state.associate('contacts', '11', 'companies', '21', [36]);
		const { output } = await running;

		expect(actions()).toEqual(['batch/read', 'batch/create', 'batch/read', 'batch/create']);
		expect(held('contacts', '11', 'companies', '21')).toEqual([36, 279]);
		expect(output[0].json.status).not.toBe('created');
		expect(output[0].json.error).toMatch(/38|Former employee|again/);
	});

	it('a dry run plans each item with its own pair, and fails an item whose record could not be read as the real run does', async () => {
		const items = [
			{ contactId: '999999', companyId: '21' },
			{ contactId: '12', companyId: '22' },
			{ contactId: '12', companyId: '23' },
		];
		const run = async (dryRun: boolean) =>
			await runNode({
				items,
				parameters: batchCreateParameters({ associationTypes: ['USER_DEFINED:38'], options: { keepExistingLabels: true, dryRun } as never }),
				credentials: suite.credentials,
				onError: 'continueRegularOutput',
			});
		const dry = await run(true);
		expect(dry.output[0].json.error).toMatch(/reading its current labels/);
		const planned = (index: number) => (dry.output[index].json.input as { to?: { id?: string } }).to?.id;
		expect([planned(1), planned(2)]).toEqual(['22', '23']);
	});
});

describe('attack: label internal names', () => {
	async function createLabels(labels: string[], options: IDataObject = {}) {
		const parameters: INodeParameters = { resource: 'label', operation: 'create', fromObjectType: 'contacts', toObjectType: 'companies', label: '={{ $json.label }}', options: options as never };
		return await runNode({ items: labels.map((label) => ({ label })), parameters, credentials: suite.credentials, onError: 'continueRegularOutput' });
	}

	it('creates two long plain texts that differ only after their 60th character as two labels', async () => {
		const prefix = 'Account executive responsible for the northern region renewal';
		const texts = [`${prefix} team alpha`, `${prefix} team beta`];
		const { output } = await createLabels(texts);

		expect(output.map((item) => [item.json.status, item.json.label])).toEqual(texts.map((text) => ['created', text]));
	});

	it('does not answer "created" for a label that existed before the run when Return Existing is off and the create was answered 503 without being applied', async () => {
		suite.sim.faults.next(1, { status: 503 });
		const { output } = await createLabels(['Billing contact'], { returnExisting: false });

		expect(output[0].json.status).not.toBe('created');
	});
});

describe('attack: label dry runs plan as the real run', () => {
	const labelRun = async (operation: string, items: IDataObject[], fields: INodeParameters, dryRun: boolean, options: IDataObject = {}) =>
		await runNode({
			items,
			parameters: { resource: 'label', operation, fromObjectType: 'contacts', toObjectType: 'companies', ...fields, options: { ...options, dryRun } as never },
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});
	const outcome = (json: IDataObject) => (json.error ? 'failed' : json.status);

	it('Create with Return Existing off: a second item with the same text fails in a dry run as in the real run', async () => {
		const items = [{ label: 'Reviewer' }, { label: 'reviewer' }];
		const fields = { label: '={{ $json.label }}' };
		const dry = await labelRun('create', items, fields, true, { returnExisting: false });
		const real = await labelRun('create', items, fields, false, { returnExisting: false });

		expect(real.output.map((item) => outcome(item.json))).toEqual(['created', 'failed']);
		expect(dry.output.map((item) => outcome(item.json))).toEqual(['wouldCreate', 'failed']);
	});

	it('Delete: a second item deleting the same label fails in a dry run as in the real run', async () => {
		const created = await labelRun('create', [{ label: 'Short lived' }], { label: '={{ $json.label }}' }, false);
		const typeId = created.output[0].json.typeId as number;
		const items = [{ typeId }, { typeId }];
		const fields = { associationTypeId: '={{ $json.typeId }}' };
		const dry = await labelRun('delete', items, fields, true);
		const real = await labelRun('delete', items, fields, false);

		expect(real.output.map((item) => outcome(item.json))).toEqual(['deleted', 'failed']);
		expect(dry.output.map((item) => outcome(item.json))).toEqual(['wouldDelete', 'failed']);
	});
});

describe('attack: internal names never collide by construction', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { internalLabelName } = require('../../nodes/HubspotAssociations/helpers/labelNames') as typeof import('../../nodes/HubspotAssociations/helpers/labelNames');

	it('a plain text that spells another text’s hashed name gets another name', () => {
		const hashed = internalLabelName('Decision-maker');
		const spelled = hashed.replace(/_+/g, ' ');
		expect(internalLabelName(spelled)).not.toBe(hashed);
	});
});
