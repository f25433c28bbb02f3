import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { runNode } from '../../../../harness/runWorkflow';
import { useSimulator } from '../../../../harness/simulatorSuite';

jest.mock('n8n-workflow', () => require('../../../../harness/fastForward').fastForwardN8nWorkflow());

const suite = useSimulator();
afterEach(() => suite.sim.faults.clear());

async function create(items: IDataObject[], overrides: INodeParameters = {}, onError: INode['onError'] = 'continueRegularOutput') {
	const parameters = { resource: 'label', operation: 'create', fromObjectType: 'contacts', toObjectType: 'companies', label: '={{ $json.label }}', inverseLabel: '={{ $json.inverseLabel ?? "" }}', ...overrides };
	return await runNode({ items, parameters, credentials: suite.credentials, onError });
}

const posts = () => suite.sim.requests.filter((request) => request.method === 'POST');
const userLabels = (from = 'contacts', to = 'companies') => suite.sim.state.labels(from, to).filter((label) => label.category === 'USER_DEFINED');
/** Lets the next `count` requests through untouched, so a fault queued after them hits a later one. */
const passNext = (count: number) => suite.sim.faults.next(count, { kind: 'slow', ms: 0 });

describe('Association Label: Create, labels in any script', () => {
	it('creates one label per text in Cyrillic, Greek, CJK, Arabic, emoji and German, each with its own internal name', async () => {
		const texts = ['Менеджер', 'Клиент', 'Πελάτης', '经理', '客户', 'مدير', '🤝', '🚀', 'Geschäftsführer', 'Müller'];
		const { output } = await create(texts.map((label) => ({ label })));

		expect(output.map((item) => item.json.status)).toEqual(texts.map(() => 'created'));
		expect(output.map((item) => item.json.label)).toEqual(texts);
		expect(userLabels().map((label) => label.label)).toEqual(expect.arrayContaining(texts));
		const names = posts().map((request) => (request.body as { name: string }).name);
		expect(new Set(names).size).toBe(texts.length);
	});

	it('creates two long plain texts that differ only after their 60th character as two labels', async () => {
		const prefix = 'Account executive responsible for the northern region renewal';
		const texts = [`${prefix} team alpha`, `${prefix} team beta`];
		const { output } = await create(texts.map((label) => ({ label })));

		expect(output.map((item) => [item.json.status, item.json.label])).toEqual(texts.map((text) => ['created', text]));
	});
});

describe('Association Label: Create, a create HubSpot applied but answered with an error', () => {
	it('with Return Existing on, answers the label its first attempt created instead of failing on the retry’s "already exists"', async () => {
		passNext(1);
		suite.sim.faults.next(1, { kind: 'applied-then-500', status: 503 });
		const { output } = await create([{ label: 'Applied once', inverseLabel: 'Applied twice' }]);

		const [forward] = userLabels().filter((label) => label.label === 'Applied once');
		const [inverse] = userLabels('companies', 'contacts').filter((label) => label.label === 'Applied twice');
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			status: 'created',
			fromObjectType: 'contacts',
			toObjectType: 'companies',
			category: 'USER_DEFINED',
			typeId: forward.typeId,
			label: 'Applied once',
			inverseTypeId: inverse.typeId,
			inverseLabel: 'Applied twice',
		});
		expect(userLabels().filter((label) => label.label === 'Applied once')).toHaveLength(1);
		// Read again before sending again: the create went out once.
		expect(posts()).toHaveLength(1);
	});

	it('fails, without sending it again, a create whose labels could not be read to check it, and says so', async () => {
		passNext(1);
		suite.sim.faults.next(1, { kind: 'applied-then-500', status: 503 });
		suite.sim.faults.next(2, { status: 503 });
		const { output } = await create([{ label: 'Unchecked' }], { options: { maxRetries: 1 } });

		expect(output[0].json.error).toMatch(/HubSpot answered 503: .*whether HubSpot applied it could not be checked: the labels could not be read again\)$/);
		expect(posts()).toHaveLength(1);
	});

	it('sends the create again after reading that a 503 was not applied (counterpart)', async () => {
		passNext(1);
		suite.sim.faults.next(1, { status: 503 });
		const { output } = await create([{ label: 'Not applied' }]);

		expect(output[0].json).toMatchObject({ status: 'created', label: 'Not applied' });
		expect(posts()).toHaveLength(2);
	});

	it('with Max Retries 0, fails a create a 503 did not apply, after reading the labels, without sending it again', async () => {
		passNext(1);
		suite.sim.faults.next(1, { status: 503 });
		const { output } = await create([{ label: 'Not retried' }], { options: { maxRetries: 0 } });

		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept the label "Not retried" from contacts to companies: HubSpot answered 503/);
		expect(posts()).toHaveLength(1);
		expect(userLabels().some((label) => label.label === 'Not retried')).toBe(false);
	});

	it('with Return Existing off, still answers the label its own first attempt created', async () => {
		// The labels are read first (to tell a label that was there from this run's), then the create.
		passNext(1);
		suite.sim.faults.next(1, { kind: 'applied-then-500', status: 502 });
		const { output } = await create([{ label: 'Applied off' }], { options: { returnExisting: false } });

		expect(output[0].json).toMatchObject({ status: 'created', label: 'Applied off', typeId: userLabels().find((label) => label.label === 'Applied off')!.typeId });
	});

	it('with Return Existing off, fails a label that existed before the run when a 503 did not apply the create, instead of answering it "created"', async () => {
		passNext(1);
		suite.sim.faults.next(1, { status: 503 });
		const { output } = await create([{ label: 'Billing contact' }], { options: { returnExisting: false } });
		expect(posts()).toHaveLength(1);

		expect(output[0].json.status).toBeUndefined();
		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept the label "Billing contact" from contacts to companies: HubSpot answered/);
	});

	it('with Return Existing off, still fails a label that existed before the run (counterpart)', async () => {
		await create([{ label: 'Existed before' }]);
		const { output } = await create([{ label: 'Existed before' }], { options: { returnExisting: false } });

		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept the label "Existed before" from contacts to companies: HubSpot answered 400/);
	});

	it('with Return Existing on, answers exists for a label another run created between the read and the create', async () => {
		// Another run creates the label while this run's create is on its way.
		passNext(1);
		suite.sim.faults.next(1, { kind: 'slow', ms: 300 });
		const running = create([{ label: 'Created meanwhile' }]);
		while (suite.sim.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		suite.sim.state.definitions.createLabel('0-1', '0-2', 'created_meanwhile', 'Created meanwhile');
		const { output } = await running;

		expect(output[0].json).toMatchObject({ status: 'exists', label: 'Created meanwhile', typeId: userLabels().find((label) => label.label === 'Created meanwhile')!.typeId });
	});

	it('with Create Missing Labels, links every item naming a label whose create was applied and answered 504', async () => {
		suite.sim.state.addRecord('contacts', '11');
		suite.sim.state.addRecord('companies', '21');
		suite.sim.state.addRecord('companies', '22');
		passNext(1);
		suite.sim.faults.next(1, { kind: 'applied-then-500', status: 504 });
		const { output } = await runNode({
			items: [{ to: '21' }, { to: '22' }],
			parameters: {
				resource: 'association',
				operation: 'batchCreate',
				fromObjectType: 'contacts',
				toObjectType: 'companies',
				fromObjectId: '11',
				toObjectId: '={{ $json.to }}',
				associationTypes: 'Missing then applied',
				options: { createMissingLabels: true },
			},
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		const typeId = userLabels().find((label) => label.label === 'Missing then applied')!.typeId;
		expect(output.map((item) => item.json.status)).toEqual(['created', 'created']);
		expect(suite.sim.state.associationsBetween('contacts', '11', 'companies', '22').map((spec) => spec.associationTypeId)).toContain(typeId);
	});
});

describe('Association Label: Create, Return Existing and the inverse asked for', () => {
	it('says when the existing label has another inverse text than the one asked for', async () => {
		await create([{ label: 'Billing owner' }]);
		const { output } = await create([{ label: 'billing owner', inverseLabel: 'Billed company' }]);

		expect(output[0].json).toMatchObject({ status: 'exists', label: 'Billing owner', inverseLabel: 'Billing owner' });
		expect(output[0].json.warning).toBe(
			'The label "Billing owner" exists with the inverse label "Billing owner", not "Billed company" as asked: the existing label is answered unchanged (rename its inverse with the Update operation).',
		);
	});

	it('adds no warning when the existing label has the inverse asked for, in any case (counterpart)', async () => {
		const { output } = await create([{ label: 'Former employee', inverseLabel: 'former EMPLOYER' }, { label: 'Billing contact' }]);

		expect(output.map((item) => item.json.status)).toEqual(['exists', 'exists']);
		expect(output.map((item) => item.json.warning)).toEqual([undefined, undefined]);
	});

	it('says when a single label was asked for and the existing one is paired', async () => {
		const { output } = await create([{ label: 'Former employee' }]);

		expect(output[0].json.warning).toMatch(/^The label "Former employee" exists with the inverse label "Former employer", not "Former employee" as asked/);
	});
});

describe('Association Label: Create, dry run', () => {
	it('with Return Existing off, fails a second item with the same text as the real run does', async () => {
		const items = [{ label: 'Dry reviewer' }, { label: 'dry REVIEWER' }];
		const outcome = (json: IDataObject) => (json.error ? 'failed' : json.status);
		const dry = await create(items, { options: { returnExisting: false, dryRun: true } });
		expect(posts()).toHaveLength(0);
		const real = await create(items, { options: { returnExisting: false } });

		expect(real.output.map((item) => outcome(item.json))).toEqual(['created', 'failed']);
		expect(dry.output.map((item) => outcome(item.json))).toEqual(['wouldCreate', 'failed']);
		expect(dry.output[1].json.error).toMatch(/^Item 1: Label \(label\) is "dry REVIEWER": a label with this text is created by an earlier item from contacts to companies, so HubSpot would refuse it/);
	});

	it('plans one create for texts that differ only in case, as the real run sends one', async () => {
		const items = [{ label: 'Reviewer' }, { label: 'reviewer' }, { label: 'REVIEWER ' }];
		const { output: planned } = await create(items, { options: { dryRun: true } });
		expect(posts()).toHaveLength(0);
		suite.sim.requests.length = 0;
		const { output: real } = await create(items);

		expect(real.map((item) => item.json.status)).toEqual(['created', 'exists', 'exists']);
		expect(posts()).toHaveLength(1);
		expect(planned.map((item) => item.json.status)).toEqual(['wouldCreate', 'exists', 'exists']);
		expect(planned.map((item) => (item.json.request as IDataObject | null)?.method ?? null)).toEqual(['POST', null, null]);
		expect(planned[1].json).toMatchObject({ dryRun: true, label: 'Reviewer', typeId: null, created: 'on a real run' });
	});
});

describe('Association Label: Create and Get Many in a same-object direction (contact→contact Manager 145 / Employee 146)', () => {
	const contacts = { fromObjectType: 'contacts', toObjectType: 'contacts' };

	it('answers the existing label without pairing it with itself, and follows the rule Get Many follows', async () => {
		const { output } = await create([{ label: 'manager', inverseLabel: 'Employee' }], contacts);
		const { output: listed } = await runNode({ items: [{}], parameters: { resource: 'label', operation: 'getAll', ...contacts }, credentials: suite.credentials });

		expect(output[0].json).toEqual({ status: 'exists', fromObjectType: 'contacts', toObjectType: 'contacts', category: 'USER_DEFINED', typeId: 145, label: 'Manager' });
		const manager = listed.find((item) => item.json.typeId === 145)!.json;
		expect(manager).toEqual({ fromObjectType: 'contacts', toObjectType: 'contacts', category: 'USER_DEFINED', typeId: 145, label: 'Manager' });
		expect(listed.map((item) => item.json.inverseTypeId)).toEqual(listed.map(() => undefined));
	});

	it('warns when the inverse asked for is no label of the direction', async () => {
		const { output } = await create([{ label: 'Manager', inverseLabel: 'Boss of' }], contacts);

		expect(output[0].json).toMatchObject({ status: 'exists', typeId: 145 });
		expect(output[0].json.warning).toMatch(/^The label "Manager" exists; no label "Boss of" exists from contacts to contacts, so it is not its inverse/);
	});

	it('warns when a single label is asked for and the existing one is paired with another text', async () => {
		const { output } = await create([{ label: 'Manager' }], contacts);

		expect(output[0].json).toMatchObject({ status: 'exists', typeId: 145 });
		expect(output[0].json.warning).toMatch(/^The label "Manager" exists as a paired label \(its other side reads differently\), not as the single label asked for/);
	});

	it('does not warn when the single label asked for exists as a single label there (counterpart)', async () => {
		await create([{ label: 'Colleague' }], contacts);
		const { output } = await create([{ label: 'colleague' }], contacts);

		expect(output[0].json).toMatchObject({ status: 'exists', label: 'Colleague' });
		expect(output[0].json.warning).toBeUndefined();
	});

	it('creates a paired label there and answers both its ids from HubSpot’s answer (counterpart)', async () => {
		const { output } = await create([{ label: 'Mentor', inverseLabel: 'Mentee' }], contacts);

		const ids = Object.fromEntries(suite.sim.state.labels('contacts', 'contacts').map((label) => [label.label, label.typeId]));
		expect(output[0].json).toMatchObject({ status: 'created', typeId: ids.Mentor, label: 'Mentor', inverseTypeId: ids.Mentee, inverseLabel: 'Mentee' });
		expect(ids.Mentor).not.toBe(ids.Mentee);
	});
});
