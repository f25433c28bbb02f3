import fc from 'fast-check';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { internalLabelName, sameLabelText } from '../../../nodes/HubspotAssociations/helpers/labelNames';
import type { Fault } from '../../../tools/simulator/faults';
import { batchCreateParameters, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

jest.mock('n8n-workflow', () => require('../../harness/fastForward').fastForwardN8nWorkflow());

/**
 * Properties of the writes that touch labels, on random inputs against the simulator: duplicates,
 * case variants, texts in other scripts, ids that fail, and faults on random requests (including
 * writes HubSpot applied and answered with an error). After each run, HubSpot's state is compared
 * with what the items asked and what they answered.
 */
const suite = useSimulator();
const SEED = 20261206;
// About 250 cases in all, some 30 s on a shared 2-core machine; PROPERTY_RUNS=1000 for a longer hunt.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 80);

/** The node's pace is not under test here: hundreds of short runs share one account's window. */
const FAST = 1000;
const CONTACTS = ['11', '12'];
const COMPANIES = ['21', '22', '23'];
const PASS: Fault = { kind: 'slow', ms: 0 };
const FAULTS: Fault[] = [
	{ status: 503 },
	{ status: 429, retryAfterSeconds: 0 },
	{ kind: 'applied-then-500', status: 503 },
	{ kind: 'applied-then-500', status: 502 },
	{ kind: 'applied-then-500', status: 504 },
	{ kind: 'reset' },
	{ kind: 'malformed' },
];
/** Faults for the first requests of a run (a pass leaves one request alone), and the retries allowed. */
const faultPlan = fc.record({ faults: fc.array(fc.oneof(fc.constant(PASS), fc.constantFrom(...FAULTS)), { maxLength: 5 }), maxRetries: fc.constantFrom(0, 1, 3) });

beforeAll(() => {
	for (const id of CONTACTS) suite.sim.state.addRecord('contacts', id);
	for (const id of COMPANIES) suite.sim.state.addRecord('companies', id);
});

/** Faults for the run's first requests. */
function queue(faults: Fault[]) {
	suite.sim.faults.clear();
	for (const fault of faults) suite.sim.faults.next(1, fault);
}

/** After a case: faults off; a deliberately malformed answer or a reset is no exchange for the contract check. */
function endCase() {
	suite.sim.faults.clear();
	const { requests } = suite.sim;
	for (let index = requests.length - 1; index >= 0; index--) if (requests[index].fault === 'malformed' || requests[index].fault === 'reset') requests.splice(index, 1);
}

const held = (contactId: string, companyId: string) => suite.sim.state.associationsBetween('contacts', contactId, 'companies', companyId).map((spec) => spec.associationTypeId);
const ok = (item: INodeExecutionData) => item.json.error === undefined;

/** A pair's types before the run: absent, or the unlabeled type with some labels (one primary per contact at most). */
const preState = fc.array(fc.record({ contact: fc.constantFrom(...CONTACTS), company: fc.constantFrom(...COMPANIES), labels: fc.subarray([36, 38, 1]) }), { maxLength: 5 });
function seed(pairs: Array<{ contact: string; company: string; labels: number[] }>): Map<string, number[]> {
	suite.sim.faults.clear();
	suite.sim.state.clearAssociations();
	const primaries = new Set<string>();
	for (const { contact, company, labels } of pairs) {
		const types = labels.filter((typeId) => typeId !== 1 || !primaries.has(contact));
		if (types.includes(1)) primaries.add(contact);
		suite.sim.state.associate('contacts', contact, 'companies', company, types);
	}
	const before = new Map<string, number[]>();
	for (const contact of CONTACTS) for (const company of COMPANIES) before.set(`${contact} ${company}`, held(contact, company));
	return before;
}

const run = async (items: IDataObject[], parameters: INodeParameters) => await runNode({ items, parameters, credentials: suite.credentials, onError: 'continueRegularOutput' });

describe('property: Batch Create with Keep Existing Labels', () => {
	// Both directions: a contact's primary company is the from-record's primary type (1) one way, the to-record's (2) the other.
	const DIRECTIONS = {
		contactsToCompanies: {
			types: { 'USER_DEFINED:36': 36, 'USER_DEFINED:38': 38, 'HUBSPOT_DEFINED:1': 1, 'billing CONTACT': 36, 'Former Employee': 38 } as Record<string, number>,
			primary: 'HUBSPOT_DEFINED:1',
			parameters: {},
			held: (contact: string, company: string) => held(contact, company),
		},
		companiesToContacts: {
			types: { 'USER_DEFINED:37': 37, 'USER_DEFINED:39': 39, 'HUBSPOT_DEFINED:2': 2, 'billing CONTACT': 37, 'Former EMPLOYER': 39 } as Record<string, number>,
			primary: 'HUBSPOT_DEFINED:2',
			parameters: { fromObjectType: 'companies', toObjectType: 'contacts', fromObjectId: '={{ $json.companyId }}', toObjectId: '={{ $json.contactId }}' },
			held: (contact: string, company: string) => suite.sim.state.associationsBetween('companies', company, 'contacts', contact).map((spec) => spec.associationTypeId),
		},
	};
	const PRIMARY_IDS = [1, 2];
	const item = (types: string[]) =>
		fc.record({
			contactId: fc.constantFrom(...CONTACTS),
			companyId: fc.oneof({ arbitrary: fc.constantFrom(...COMPANIES), weight: 5 }, { arbitrary: fc.constantFrom('99999', '2x'), weight: 1 }),
			types: fc.subarray(types, { minLength: 1 }),
		});
	const casesOf = (name: keyof typeof DIRECTIONS) => fc.tuple(fc.constant(name), fc.array(item(Object.keys(DIRECTIONS[name].types)), { minLength: 1, maxLength: 6 }));

	it('drops no label it was not asked to, and every pair it answers created holds what was asked, in both directions', async () => {
		await fc.assert(
			fc.asyncProperty(preState, fc.oneof(casesOf('contactsToCompanies'), casesOf('companiesToContacts')), faultPlan, fc.constantFrom(1, 100), async (pairs, [name, items], { faults, maxRetries }, batchSize) => {
				const direction = DIRECTIONS[name];
				const heldNow = direction.held;
				const before = seed(pairs);
				const heldBefore = new Map([...before.keys()].map((key) => [key, heldNow(...(key.split(' ') as [string, string]))]));
				queue(faults);
				const options = { keepExistingLabels: true, maxRetries, batchSize, requestsPerTenSeconds: FAST };
				const { output } = await run(items, batchCreateParameters({ ...direction.parameters, associationTypes: '={{ $json.types }}', options }));
				endCase();

				expect(output.map((result) => result.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
				const askedPrimaryOn = (contact: string) => items.filter((asked, index) => asked.contactId === contact && asked.types.includes(direction.primary) && ok(output[index]));
				// A failed item's write may have been applied (a 5xx after HubSpot wrote it, with Max Retries 0).
				const triedPrimaryOn = (contact: string) => items.filter((asked) => asked.contactId === contact && asked.types.includes(direction.primary));
				const isPrimary = (typeId: number) => PRIMARY_IDS.includes(typeId);
				for (const [key, types] of heldBefore) {
					const [contact, company] = key.split(' ');
					const now = heldNow(contact, company);
					// No label dropped unasked: every label a pair held is still there.
					for (const typeId of types.filter((candidate) => !isPrimary(candidate))) expect(now).toContain(typeId);
					// A primary leaves its pair only for a pair an item asked for.
					const primary = types.find(isPrimary);
					if (primary !== undefined && !now.includes(primary)) {
						const holder = COMPANIES.find((candidate) => heldNow(contact, candidate).includes(primary));
						expect(triedPrimaryOn(contact).map((asked) => asked.companyId)).toContain(holder);
					}
				}
				items.forEach((asked, index) => {
					if (!ok(output[index])) return;
					expect(output[index].json.status).toBe('created');
					const now = heldNow(asked.contactId, asked.companyId);
					for (const type of asked.types) {
						const typeId = direction.types[type];
						if (isPrimary(typeId) && !now.includes(typeId)) {
							// Moved on by a later item of the run that succeeded.
							expect(askedPrimaryOn(asked.contactId).some((other) => other.companyId !== asked.companyId)).toBe(true);
						} else expect(now).toContain(typeId);
					}
				});
			}),
			{ seed: SEED, numRuns: RUNS },
		);
	});
});

describe('property: Batch Remove Association Labels', () => {
	const TYPES = ['USER_DEFINED:36', 'USER_DEFINED:38', 'HUBSPOT_DEFINED:279', 'HUBSPOT_DEFINED:1', 'BILLING contact'];
	const TYPE_IDS: Record<string, number> = { 'USER_DEFINED:36': 36, 'USER_DEFINED:38': 38, 'HUBSPOT_DEFINED:279': 279, 'HUBSPOT_DEFINED:1': 1, 'BILLING contact': 36 };
	const item = fc.record({ contactId: fc.constantFrom(...CONTACTS), companyId: fc.constantFrom(...COMPANIES), types: fc.subarray(TYPES, { minLength: 1 }) });

	it('removes only what items asked for, and answers "removed" exactly when the association is gone', async () => {
		await fc.assert(
			fc.asyncProperty(preState, fc.array(item, { minLength: 1, maxLength: 6 }), faultPlan, async (pairs, items, { faults, maxRetries }) => {
				const before = seed(pairs);
				queue(faults);
				const options = { maxRetries, requestsPerTenSeconds: FAST };
				const { output } = await run(items, batchCreateParameters({ operation: 'batchArchiveLabels', associationTypes: '={{ $json.types }}', options }));
				endCase();

				expect(output.map((result) => result.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
				const askedOn = (contact: string, company: string) => items.filter((asked) => asked.contactId === contact && asked.companyId === company).flatMap((asked) => asked.types.map((type) => TYPE_IDS[type]));
				for (const [key, types] of before) {
					const [contact, company] = key.split(' ');
					const now = held(contact, company);
					const asked = askedOn(contact, company);
					// Nothing removed that no item asked for (a failed item's write may have been applied).
					if (!asked.includes(279)) for (const typeId of types) if (!asked.includes(typeId)) expect(now).toContain(typeId);
				}
				items.forEach((asked, index) => {
					if (!ok(output[index])) return;
					const now = held(asked.contactId, asked.companyId);
					const removesAssociation = asked.types.includes('HUBSPOT_DEFINED:279');
					expect(output[index].json.status).toBe(removesAssociation ? 'removed' : 'labelsRemoved');
					if (removesAssociation) expect(now).toEqual([]);
					else for (const type of asked.types) expect(now).not.toContain(TYPE_IDS[type]);
				});
			}),
			{ seed: SEED, numRuns: RUNS },
		);
	});
});

describe('property: labels created by text (Create with Return Existing, Create Missing Labels)', () => {
	// Two long texts alike in their first 60 characters, and a plain text spelling another's hashed internal name.
	const LONG = 'Account executive responsible for the northern region renewals';
	const SPELLS_HASHED_NAME = 'spells the hashed name of Decision-maker';
	const TEXTS = ['Reviewer', 'reviewer', 'REVIEWER ', 'Менеджер', 'менеджер', 'Клиент', '经理', '🤝', 'Geschäftsführer', 'GESCHÄFTSFÜHRER', 'Müller', `${LONG} team`, `${LONG} desk`, 'Decision-maker', SPELLS_HASHED_NAME];
	const textOf = (text: string, suffix: string) => (text === SPELLS_HASHED_NAME ? internalLabelName(`Decision-maker${suffix}`).replace(/_+/g, ' ') : `${text}${suffix}`);
	let round = 0;
	const labelsWithText = (text: string) =>
		suite.sim.state.labels('contacts', 'companies').filter((label) => label.category === 'USER_DEFINED' && typeof label.label === 'string' && sameLabelText(label.label, text));

	it('answers each text with the one label HubSpot holds for it, never two labels for one text, never "already exists" after its own create', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ text: fc.constantFrom(...TEXTS), paired: fc.boolean() }), { minLength: 1, maxLength: 6 }),
				faultPlan,
				fc.constantFrom('create', 'createMissing'),
				async (asked, { faults, maxRetries }, via) => {
					// Fresh texts each case: labels stay in the simulator from case to case.
					const suffix = ` ${++round}`;
					const texts = asked.map(({ text }) => textOf(text, suffix));
					queue(faults);
					const parameters: INodeParameters =
						via === 'create'
							? { resource: 'label', operation: 'create', fromObjectType: 'contacts', toObjectType: 'companies', label: '={{ $json.text }}', inverseLabel: '={{ $json.inverse }}', options: { maxRetries, requestsPerTenSeconds: FAST } }
							: {
									resource: 'association',
									operation: 'batchCreate',
									fromObjectType: 'contacts',
									toObjectType: 'companies',
									fromObjectId: '11',
									toObjectId: '={{ $json.companyId }}',
									associationTypes: '={{ $json.text }}',
									options: { createMissingLabels: true, maxRetries, requestsPerTenSeconds: FAST },
								};
					const items = asked.map(({ paired }, index) => ({ text: texts[index], inverse: paired ? `Inverse of ${texts[index]}` : '', companyId: COMPANIES[index % COMPANIES.length] }));
					const firstRequest = suite.sim.requests.length;
					const { output } = await run(items, parameters);
					// A create HubSpot applied and answered with an error is not sent again: the labels are read first.
					const creates = suite.sim.requests.slice(firstRequest).filter((request) => request.method === 'POST' && request.path.endsWith('/labels'));
					const resent = creates.filter((request, index) => {
						const name = (request.body as { name: string }).name;
						return creates.slice(0, index).some((earlier) => earlier.fault === 'applied-then-500' && (earlier.body as { name: string }).name === name);
					});
					endCase();

					expect(resent).toEqual([]);
					expect(output).toHaveLength(items.length);
					for (const text of texts) expect(labelsWithText(text).length).toBeLessThanOrEqual(1);
					items.forEach(({ text, companyId }, index) => {
						const json = output[index].json;
						expect(String(json.error ?? '')).not.toMatch(/already exists/);
						if (json.error !== undefined) return;
						const [label] = labelsWithText(text);
						expect(label).toBeDefined();
						if (via === 'create') expect(json).toMatchObject({ typeId: label.typeId, label: label.label });
						else expect(held('11', companyId)).toContain(label.typeId);
					});
				},
			),
			{ seed: SEED, numRuns: RUNS },
		);
	});
});
