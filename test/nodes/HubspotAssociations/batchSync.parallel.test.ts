import type { IDataObject } from 'n8n-workflow';
import type { RecordedRequest } from '../../../tools/simulator';
import { heldTypeIds, syncParameters } from '../../harness/operationParameters';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

// Real time: every answer takes LATENCY_MS, so a request that arrives less than that after another was sent while it was in flight.
const suite = useSimulator();
const LATENCY_MS = 300;
const UNLABELED = 'HUBSPOT_DEFINED:279';
const BILLING = 36;

beforeEach(() => {
	suite.sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: LATENCY_MS }] });
	suite.sim.faults.lockConcurrentWrites(true);
});
afterEach(() => suite.sim.faults.clear());

const seed = (contact: number, company: number, typeIds: number[] = []) => suite.sim.state.associate('contacts', String(contact), 'companies', String(company), typeIds);
const item = (contact: number, company: number, types = [UNLABELED]): IDataObject => ({ contactId: String(contact), companyId: String(company), types });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

async function sync(items: IDataObject[], options: IDataObject = {}, onError: 'continueRegularOutput' | 'stopWorkflow' = 'continueRegularOutput') {
	const result = await runNode({ items, parameters: syncParameters({ maxRemovals: 10_000, ...options }), credentials: suite.credentials, onError });
	expect(result.error).toBeUndefined();
	expect(result.output.map((out) => out.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
	return result.output;
}

const sent = (action: string) => suite.sim.requests.filter((request) => request.path.endsWith(`/${action}`));
const writes = () => suite.sim.requests.filter((request) => !request.path.endsWith('/batch/read'));
/** The most of `requests` HubSpot was handling at once. */
const mostInFlight = (requests: RecordedRequest[]) => Math.max(0, ...requests.map((request) => requests.filter((other) => other.at >= request.at && other.at - request.at < LATENCY_MS).length));
/** Whether `later` was sent after `earlier` was answered. */
const after = (later: RecordedRequest, earlier: RecordedRequest) => later.at - earlier.at >= LATENCY_MS;
const inputsOf = (request: RecordedRequest) => (request.body as { inputs: Array<{ from: { id: string }; to?: { id: string }; id?: string }> }).inputs;
const namesContact = (request: RecordedRequest, contact: string) => inputsOf(request).some((input) => (input.from?.id ?? input.id) === contact);

describe('Sync Associations under Parallel Requests Auto (issue 23): it does not wait on itself', () => {
	it('reads the records of different read requests at once', async () => {
		const contacts = range(1, 2500);
		for (const contact of contacts) seed(contact, contact);

		const output = await sync(contacts.map((contact) => item(contact, contact)));

		expect(output.every((out) => out.json.status === 'unchanged')).toBe(true);
		expect(sent('batch/read')).toHaveLength(3);
		expect(mostInFlight(sent('batch/read'))).toBeGreaterThan(1);
		expect(writes()).toHaveLength(0);
	});

	it('sends writes of disjoint records at once, none before the last read is answered, and none of two naming one record together', async () => {
		// Contacts 1–200 get a pair, 201–500 lose a label, 501–800 lose an unlisted pair; each has a company of its own.
		for (const contact of range(201, 300)) seed(contact, contact, [BILLING]);
		for (const contact of range(501, 300)) {
			seed(contact, contact);
			seed(contact, 10_000 + contact);
		}
		const contacts = range(1, 800);

		const output = await sync(contacts.map((contact) => item(contact, contact)), { batchSize: 100 });

		expect(output.map((out) => out.json.status)).toEqual(contacts.map((contact) => (contact <= 200 ? 'created' : contact <= 500 ? 'updated' : 'unchanged')));
		for (const contact of contacts) {
			expect(suite.sim.state.associatedIds('contacts', String(contact), 'companies')).toEqual([String(contact)]);
			expect(heldTypeIds(suite.sim, 'contacts', String(contact), 'companies', String(contact))).toEqual([279]);
		}
		const [read] = sent('batch/read');
		expect(writes().map((request) => request.path.split('/').slice(-2).join('/'))).toEqual(
			expect.arrayContaining(['batch/create', 'labels/archive', 'batch/archive']),
		);
		expect(writes()).toHaveLength(2 + 3 + 3);
		for (const write of writes()) expect(after(write, read)).toBe(true);
		expect(mostInFlight(writes())).toBeGreaterThan(2);
		expect(writes().filter((request) => request.status === 423)).toEqual([]);
	});

	it('removes the unlisted pairs of a record only once its own writes are answered', async () => {
		// Contacts 1–100 get a pair and lose an unlisted one; contacts 101–400 only lose one.
		for (const contact of range(1, 400)) seed(contact, 10_000 + contact);
		for (const contact of range(101, 300)) seed(contact, contact);
		const contacts = range(1, 400);

		await sync(contacts.map((contact) => item(contact, contact)));

		for (const contact of contacts) expect(suite.sim.state.associatedIds('contacts', String(contact), 'companies')).toEqual([String(contact)]);
		const [create] = sent('batch/create');
		const archives = sent('batch/archive');
		const ofWritten = archives.filter((archive) => range(1, 100).some((contact) => namesContact(archive, String(contact))));
		expect(ofWritten.length).toBeGreaterThan(0);
		for (const archive of ofWritten) expect(after(archive, create)).toBe(true);
		// The others need not wait: some go while the create is in flight.
		expect(archives.some((archive) => !after(archive, create))).toBe(true);
	});

	it('without continue-on-fail, removes no unlisted pair before every write is answered', async () => {
		for (const contact of range(1, 400)) seed(contact, 10_000 + contact);
		for (const contact of range(101, 300)) seed(contact, contact, [BILLING]);
		const contacts = range(1, 400);

		await sync(contacts.map((contact) => item(contact, contact)), {}, 'stopWorkflow');

		const archives = sent('batch/archive');
		const otherWrites = writes().filter((request) => !archives.includes(request));
		expect(archives).toHaveLength(4);
		expect(otherWrites).toHaveLength(1 + 3);
		for (const archive of archives) for (const write of otherWrites) expect(after(archive, write)).toBe(true);
		expect(mostInFlight(otherWrites)).toBeGreaterThan(1);
	});

	it('removes a label a create kept only after that create is answered', async () => {
		for (const contact of range(1, 6)) seed(contact, contact, [38]);
		suite.sim.state.settings.createLabels = 'keep';
		try {
			await sync(range(1, 6).map((contact) => item(contact, contact, [`USER_DEFINED:${BILLING}`])), { batchSize: 2 });
		} finally {
			suite.sim.state.settings.createLabels = 'replace';
		}

		for (const contact of range(1, 6)) expect(heldTypeIds(suite.sim, 'contacts', String(contact), 'companies', String(contact))).toEqual([BILLING, 279]);
		const creates = sent('batch/create');
		expect(creates).toHaveLength(3);
		expect(mostInFlight(creates)).toBeGreaterThan(1);
		for (const removal of sent('batch/labels/archive')) {
			for (const input of inputsOf(removal)) {
				const create = creates.find((request) => namesContact(request, input.from.id))!;
				expect(after(removal, create)).toBe(true);
			}
		}
	});

	it('keeps two writes naming one company apart: no 423, and HubSpot holds what was asked', async () => {
		// 5 contacts a company, spread so that every write request names companies the others name too.
		const contacts = range(1, 500);
		const companyOf = (contact: number) => 1 + (contact % 100);
		for (const contact of contacts.filter((contact) => contact % 2 === 0)) seed(contact, companyOf(contact), [BILLING]);

		await sync(contacts.map((contact) => item(contact, companyOf(contact))), { batchSize: 100 });

		for (const contact of contacts) expect(heldTypeIds(suite.sim, 'contacts', String(contact), 'companies', String(companyOf(contact)))).toEqual([279]);
		expect(writes().filter((request) => request.status === 423)).toEqual([]);
	});
});
