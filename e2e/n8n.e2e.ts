/**
 * `npm run test:e2e`: the packed tarball installed into the REAL n8n (2.41.1 on Node 24) the way
 * n8n installs a community package, a credential and each example workflow imported with n8n's
 * CLI, `n8n execute` run against the HubSpot simulator; asserts on the output items and on what
 * the simulator stored. Needs tools/e2e/install-n8n.sh to have run (npm run test:e2e does it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type HubSpotSimulator } from '../tools/simulator';
import { credentialReference, executable, loadExample, loadRunner, packTarball, rowsOf, simulatorCredential, type Json } from './support/examples';
import { runLinkExample } from './support/linkExample';

let sim: HubSpotSimulator;
let tarball: string;
const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-e2e-'));
// Every example refers to the same credential (id and name) as the first one.
const linkCredential = credentialReference(loadExample('link-contacts-to-companies.json'), 'Link contacts to companies');

before(async () => {
	tarball = packTarball(workDir);
	sim = await startSimulator();
});

after(async () => {
	await sim?.close();
	rmSync(workDir, { recursive: true, force: true });
});

describe('the package inside the real n8n', () => {
	it('runs the example workflow: one paired result per row, associations stored, an expired token refreshed', async () => {
		await runLinkExample(sim, tarball);
	});
	it("runs the read-then-relabel example: each contact's companies read, one label removed from each pair", async () => {
		const { runWorkflowInN8n } = await loadRunner();
		const workflow = loadExample('read-companies-then-remove-label.json');
		const contacts = rowsOf(workflow).map((row) => String(row.contactId));
		sim.state.clearAssociations();
		for (const [index, contactId] of contacts.entries()) {
			sim.state.associate('contacts', contactId, 'companies', String(3000 + index), [279, 36]);
			if (index % 2 === 0) sim.state.associate('contacts', contactId, 'companies', String(4000 + index), [279, 36, 38]);
		}
		const token = sim.issueToken();
		const reference = Object.values(workflow.nodes.find((node) => node.credentials)!.credentials!)[0];

		const run = await runWorkflowInN8n({ tarball, credentials: [simulatorCredential(sim, reference, token)], workflow: executable(workflow, 'e2eReadRelabel001') });

		assert.equal(run.status, 'success', `n8n reported ${JSON.stringify(run.error)}`);
		const reads = run.items['Get their companies'];
		assert.deepEqual(
			reads.map((item) => item.count),
			contacts.map((_, index) => (index % 2 === 0 ? 2 : 1)),
		);
		const removed = run.items['Remove the Billing contact label'];
		assert.equal(removed.length, 30, 'one item per (contact, company) pair');
		assert.ok(removed.every((item) => item.status === 'labelsRemoved'));
		for (const [index, contactId] of contacts.entries()) {
			const left = (companyId: number) =>
				sim.state.associationsBetween('contacts', contactId, 'companies', String(companyId)).map((spec) => spec.associationTypeId).sort((a, b) => a - b);
			assert.deepEqual(left(3000 + index), [279], `contact ${contactId} keeps its plain association`);
			if (index % 2 === 0) assert.deepEqual(left(4000 + index), [38, 279]);
		}
	});
	it('runs the email-and-domain example: each value looked up once, unknown and shared values on the error output', async () => {
		const { runWorkflowInN8n } = await loadRunner();
		const workflow = loadExample('link-contacts-to-companies-by-email-and-domain.json');
		const signUps = rowsOf(workflow);
		sim.state.clearAssociations();
		sim.requests.length = 0;
		sim.state.setProperty('companies', '7001', 'domain', 'acme-group.example.com');
		sim.state.setProperty('companies', '7002', 'domain', 'acme-group.example.com');
		const token = sim.issueToken();

		const run = await runWorkflowInN8n({ tarball, credentials: [simulatorCredential(sim, linkCredential, token)], workflow: executable(workflow, 'e2eEmailDomain001') });

		assert.equal(run.status, 'success', `n8n reported ${JSON.stringify(run.error)}`);
		const linked = run.items['Linked'];
		const toFix = run.items['Rows to fix'];
		assert.deepEqual(
			toFix.map((item) => item.error),
			[
				'Item 4: no contact has email new.lead@example.org',
				'Item 5: 2 companies have domain acme-group.example.com: 7001, 7002',
				'Item 6: no company has domain unknown-startup.example.net',
			],
		);
		assert.deepEqual(toFix.map((item) => item.email), ['new.lead@example.org', 'c306@example.com', 'c307@example.com'], 'each error carries its row');
		assert.equal(linked.length, signUps.length - 3);
		for (const item of linked) {
			assert.equal(item.status, 'created');
			assert.deepEqual(sim.state.associationsBetween('contacts', String(item.fromObjectId), 'companies', String(item.toObjectId)).map((spec) => spec.associationTypeId), [279]);
		}
		assert.deepEqual(linked[2], { ...linked[2], fromObjectId: '303', toObjectId: '403', toLookup: { property: 'domain', value: 'company403.example.com' } });
		const kinds = sim.requests.map((request) => request.kind);
		assert.deepEqual(
			['objects/batch/read', 'objects/search', 'associations/batch/create'].map((kind) => kinds.filter((sent) => sent === kind).length),
			[1, 1, 1],
			'one lookup per kind and one create for the whole sheet',
		);
		const emails = (sim.requests.find((request) => request.kind === 'objects/batch/read')!.body as { inputs: unknown[] }).inputs;
		assert.equal(emails.length, 11, 'a repeated email is looked up once');
	});
	it('runs the sync example: each listed contact ends up with exactly its rows, primary links kept', async () => {
		const { runWorkflowInN8n } = await loadRunner();
		const workflow = loadExample('sync-sheet-to-hubspot.json');
		const sheet = rowsOf(workflow).map((row) => ({ contactId: String(row.contactId), companyId: String(row.companyId), billing: row.role === 'billing' }));
		const contacts = [...new Set(sheet.map((row) => row.contactId))];
		sim.state.clearAssociations();
		for (const [index, contactId] of contacts.entries()) {
			sim.state.associate('contacts', contactId, 'companies', String(501 + index)); // unlisted: removed
			sim.state.associate('contacts', contactId, 'companies', String(601 + index), [1]); // unlisted primary: kept
			sim.state.associate('contacts', contactId, 'companies', String(301 + index), [38]); // listed, other label: relabelled
		}
		const token = sim.issueToken();
		sim.requests.length = 0;

		const run = await runWorkflowInN8n({ tarball, credentials: [simulatorCredential(sim, linkCredential, token)], workflow: executable(workflow, 'e2eSyncSheet00001') });

		assert.equal(run.status, 'success', `n8n reported ${JSON.stringify(run.error)}`);
		const output = run.items['Sync contact ↔ company links'];
		assert.equal(output.length, sheet.length, 'one output item per row');
		for (const [index, item] of output.entries()) {
			const row = sheet[index];
			assert.equal(item.toObjectId, row.companyId, `item ${index} is paired to its row`);
			assert.equal(item.status, row.companyId.startsWith('3') ? 'updated' : 'created');
			const first = sheet.findIndex((other) => other.contactId === row.contactId) === index;
			assert.equal(Array.isArray(item.removed) ? (item.removed as unknown[]).length : undefined, first ? 1 : undefined);
		}
		for (const [index, contactId] of contacts.entries()) {
			const listed = sheet.filter((row) => row.contactId === contactId);
			const expected = [...listed.map((row) => row.companyId), String(601 + index)].sort((a, b) => Number(a) - Number(b));
			assert.deepEqual(sim.state.associatedIds('contacts', contactId, 'companies'), expected, `contact ${contactId}'s companies`);
			for (const row of listed) {
				const types = sim.state.associationsBetween('contacts', contactId, 'companies', row.companyId).map((spec) => spec.associationTypeId);
				assert.deepEqual(types, row.billing ? [36, 279] : [279]);
			}
		}
		// Billing rows are relabelled by batch/create, the others lose the extra label by batch/labels/archive.
		const kinds = sim.requests.map((request) => request.path.replace(/^.*\/companies\//, ''));
		assert.deepEqual(kinds, ['batch/read', 'batch/create', 'batch/labels/archive', 'batch/archive']);
	});
	it('runs the ensure-labels example: each role label created once, every contact linked by the role’s name', async () => {
		const { runWorkflowInN8n } = await loadRunner();
		const workflow = loadExample('ensure-labels-then-link-by-name.json');
		const roleRows = rowsOf(workflow);
		sim.state.clearAssociations();
		sim.requests.length = 0;
		const token = sim.issueToken();

		const run = await runWorkflowInN8n({ tarball, credentials: [simulatorCredential(sim, linkCredential, token)], workflow: executable(workflow, 'e2eEnsureLabels01') });

		assert.equal(run.status, 'success', `n8n reported ${JSON.stringify(run.error)}`);
		const ensured = run.items['Make sure the role labels exist'];
		assert.deepEqual(
			ensured.map((item) => item.status),
			roleRows.map((_, index) => (index < 2 ? 'created' : 'exists')),
		);
		const creations = sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/labels'));
		assert.deepEqual(
			creations.map((request) => (request.body as Json).label),
			['Decision maker', 'Champion'],
		);
		const typeIdOf = (role: unknown) => sim.state.labels('contacts', 'companies').find((type) => type.label?.toLowerCase() === String(role).toLowerCase())!.typeId;
		const linked = run.items['Link each contact with its role'];
		assert.equal(linked.length, roleRows.length);
		for (const [index, row] of roleRows.entries()) {
			assert.equal(linked[index].status, 'created', `row ${index}: ${JSON.stringify(linked[index])}`);
			const stored = sim.state.associationsBetween('contacts', String(row.contactId), 'companies', String(row.companyId)).map((spec) => spec.associationTypeId);
			assert.deepEqual(stored.sort((a, b) => a - b), [typeIdOf(row.role), 279].sort((a, b) => a - b));
		}
		const labelReads = sim.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/contacts/companies/labels'));
		assert.equal(labelReads.length, 2, 'one read of the direction per node: Create looks for existing labels, Batch Create resolves the names');
	});
});
