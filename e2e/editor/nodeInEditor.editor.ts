/**
 * `npm run test:editor`: what a user meets in n8n's editor, in a real browser (Debian's Chromium
 * through playwright-core) against the real n8n 2.41.1 with the packed tarball installed as a
 * community package and the HubSpot simulator behind the credentials. The steps run in order in
 * one browser session; a failing step leaves a screenshot and the page's HTML in
 * test-results/editor/failures/. `npm run screenshots` runs the same suite and copies the README's
 * pictures into docs/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { OPTIONAL_SCOPES, REQUIRED_SCOPES } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { DEV } from '../../tools/dev/simulatorAccount';
import { saveEvidence } from './browser';
import {
	choose,
	chooseCredentialMode,
	closeCredentialDialog,
	closeDropdown,
	createCredentialFromNode,
	credentialField,
	credentialFieldNames,
	openDropdown,
	openNode,
	openNodeCredential,
	openWorkflow,
	optionCollectionNames,
	parameter,
	parameterLines,
	parameterLabels,
	readDropdown,
	selectNodeCredential,
	signIn,
	waitForCredentialName,
} from './n8nEditor';
import { takePicture } from './pictures';
import { OUTPUT_DIR, RUN_NODE, RUN_ROWS, RUN_WORKFLOW_ID, startEditorSession, type EditorSession } from './session';

const log = (line: string) => process.stdout.write(`[editor] ${line}\n`);
let session: EditorSession;
let page: Page;
const started = Date.now();

/** A step of the user's path; when it fails, what the browser showed is saved. */
function step(name: string, body: () => Promise<void>) {
	it(name, { timeout: 300_000 }, async () => {
		try {
			await body();
		} catch (error) {
			if (page) {
				const saved = await saveEvidence(page, join(OUTPUT_DIR, 'failures'), name);
				log(`step failed; saved ${saved.join(', ')}`);
			}
			throw error;
		}
	});
}

/** `expected` appear in `actual` in this order (other entries may sit between them). */
function assertInOrder(actual: string[], expected: string[], what: string) {
	let from = 0;
	for (const name of expected) {
		const at = actual.indexOf(name, from);
		assert.ok(at >= 0, `${what}: expected ${JSON.stringify(expected)} in this order within ${JSON.stringify(actual)} (missing or out of order: ${name})`);
		from = at + 1;
	}
}

const OPERATIONS = [
	'Batch Create Associations',
	'Batch Create Default Associations',
	'Batch Get Associations',
	'Batch Remove Association Labels',
	'Batch Remove Associations',
];
const REQUEST_OPTIONS = ['API Version', 'Requests per 10 Seconds', 'Parallel Requests', 'Max Retries'];
const DIRECTION = ['From Object Type Name or ID', 'To Object Type Name or ID'];
/** Per operation: the fields a user sees in order, the ones that must not be there, and its options. */
const FIELDS: Record<string, { shown: string[]; absent: string[]; options: string[] }> = {
	'Batch Create Associations': {
		shown: [...DIRECTION, 'From Record ID', 'To Record ID', 'Association Type Names or IDs', 'Options'],
		absent: [],
		options: ['Batch Size', 'Keep Existing Labels', ...REQUEST_OPTIONS],
	},
	'Batch Create Default Associations': {
		shown: [...DIRECTION, 'From Record ID', 'To Record ID', 'Options'],
		absent: ['Association Type Names or IDs'],
		options: ['Batch Size', ...REQUEST_OPTIONS],
	},
	'Batch Get Associations': {
		shown: [...DIRECTION, 'From Record ID', 'Options'],
		absent: ['To Record ID', 'Association Type Names or IDs'],
		options: ['Batch Size', ...REQUEST_OPTIONS],
	},
	'Batch Remove Association Labels': {
		shown: [...DIRECTION, 'From Record ID', 'To Record ID', 'Association Type Names or IDs', 'Options'],
		absent: [],
		options: ['Batch Size', ...REQUEST_OPTIONS],
	},
	'Batch Remove Associations': {
		shown: [...DIRECTION, 'From Record ID', 'To Record ID', 'Options'],
		absent: ['Association Type Names or IDs'],
		options: ['Batch Size', ...REQUEST_OPTIONS],
	},
};

/** What n8n names the node added from the "Batch create associations" action. */
const NEW_NODE = 'Batch create associations';

const labelRequests = (from: string, to: string) =>
	session.sim.requests.filter((request) => request.method === 'GET' && request.path.endsWith(`/${from}/${to}/labels`)).length;

describe('the HubSpot Associations node in the n8n editor (Chromium)', () => {
	before(async () => {
		session = await startEditorSession(log);
		page = session.page;
		// Leaving a workflow with unsaved changes asks through the browser: leave.
		page.on('dialog', (dialog) => void dialog.accept());
		try {
			await signIn(page, session.n8n.url, { email: DEV.ownerEmail, password: DEV.ownerPassword });
		} catch (error) {
			log(`sign-in failed; saved ${(await saveEvidence(page, join(OUTPUT_DIR, 'failures'), 'sign in')).join(', ')}`);
			throw error;
		}
		log(`signed in after ${Math.round((Date.now() - started) / 1000)} s`);
	});

	after(async () => {
		await session?.close();
		log(`wall time ${Math.round((Date.now() - started) / 1000)} s`);
	});

	step('the node creator finds "HubSpot Associations" by typing "HubSpot Assoc", with its five actions', async () => {
		await page.goto(`${session.n8n.url}/workflow/new`);
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('HubSpot Assoc');
		const found = page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ has: page.getByText('HubSpot Associations', { exact: true }) });
		await found.waitFor();
		// A new workflow's creator lists triggers first: the package's app shows as its trigger, whose panel then lists the actions.
		assert.match(await found.innerText(), /Starts the workflow when HubSpot records are linked or unlinked/);
		await found.click();
		// The app's panel lists the trigger's events, then its actions in a section that opens on a click.
		const sections = page.getByTestId('node-creator');
		await sections.getByText('On association added').waitFor();
		await sections.getByText(/Actions \(\d+\)/).first().click();

		const actions = page.getByTestId('node-creator').getByTestId('item-iterator-item');
		await actions.filter({ hasText: 'Batch create associations' }).waitFor();
		assertInOrder(
			(await actions.allInnerTexts()).map((text) => text.trim()),
			['Batch create associations', 'Batch create default associations', 'Batch get associations', 'Batch remove association labels', 'Batch remove associations'],
			'actions',
		);
		await actions.filter({ hasText: 'Batch create associations' }).first().click();
		await page.getByTestId('ndv').waitFor();
		assert.equal(await parameter(page, 'operation').locator('input').inputValue(), 'Batch Create Associations');
	});

	step('the node panel shows the operations, and for each its fields, hints and options', async () => {
		const operations = await readDropdown(page, parameter(page, 'operation'));
		assertInOrder(
			operations.map((option) => option.name),
			OPERATIONS,
			'Operation dropdown',
		);
		for (const operation of OPERATIONS) {
			await choose(page, parameter(page, 'operation'), operation);
			const labels = await parameterLabels(page);
			assertInOrder(labels, FIELDS[operation].shown, operation);
			for (const absent of FIELDS[operation].absent) assert.ok(!labels.includes(absent), `${operation} shows ${absent}: ${JSON.stringify(labels)}`);
			assertInOrder(await optionCollectionNames(page), FIELDS[operation].options, `${operation} options`);

			const toHint = operation === 'Batch Get Associations' ? 'Which associated records to read, e.g. companies' : 'What each To Record ID is, e.g. a company';
			assert.ok((await parameterLines(page, 'fromObjectType')).includes('What each From Record ID is, e.g. a contact'), `${operation}: From hint`);
			const toLines = await parameterLines(page, 'toObjectType');
			assert.ok(toLines.includes(toHint), `${operation}: To hint in ${JSON.stringify(toLines)}`);
			assert.ok(!toLines.some((line) => line.startsWith('What each From')), `${operation}: the To field repeats the From hint`);
		}
	});

	step("the From and To Object Type dropdowns list the standard types and the simulator's custom object", async () => {
		await choose(page, parameter(page, 'operation'), 'Batch Create Associations');
		for (const name of ['fromObjectType', 'toObjectType']) {
			const options = await readDropdown(page, parameter(page, name));
			const names = options.map((option) => option.name);
			assertInOrder(names, ['Contacts', 'Companies', 'Deals', 'Tickets', 'Notes', 'Line Items', 'Cars (Custom)'], name);
			assert.match(options.find((option) => option.name === 'Cars (Custom)')!.description, /2-3456789/);
			assert.ok(!names.some((option) => /could not be loaded/i.test(option)), `${name}: ${JSON.stringify(names)}`);
		}
	});

	step("the Association Type dropdown lists this direction's labels, primary marked, and reloads when the direction changes", async () => {
		const contactsToCompanies = await readDropdown(page, parameter(page, 'associationTypes'));
		assert.deepEqual(
			contactsToCompanies.map((option) => option.name),
			['Unlabeled', 'Billing contact', 'Former employee', '⚠ Primary'],
		);
		assert.match(contactsToCompanies[0].description, /HUBSPOT_DEFINED:279/);
		assert.match(contactsToCompanies[3].description, /primary record .*HUBSPOT_DEFINED:1\)/);

		// Through directions HubSpot defines types for (contacts → deals → companies → contacts), as a
		// user would when every step shows a list.
		const before = labelRequests('companies', 'contacts');
		await choose(page, parameter(page, 'toObjectType'), 'Deals');
		await choose(page, parameter(page, 'fromObjectType'), 'Companies');
		await choose(page, parameter(page, 'toObjectType'), 'Contacts');
		await waitFor(() => labelRequests('companies', 'contacts') > before, 'the companies → contacts labels were not asked of HubSpot');
		// A list for an earlier direction may still be arriving on a busy machine: read until it settles.
		let companiesToContacts = await readDropdown(page, parameter(page, 'associationTypes'));
		for (let tries = 0; tries < 5 && !companiesToContacts.some((option) => option.name === 'Former employer'); tries++) {
			await new Promise((resolve) => setTimeout(resolve, 2_000));
			companiesToContacts = await readDropdown(page, parameter(page, 'associationTypes'));
		}
		assert.deepEqual(
			companiesToContacts.map((option) => option.name),
			['Unlabeled', 'Billing contact', 'Former employer', '⚠ Primary'],
		);
		assert.match(companiesToContacts[0].description, /HUBSPOT_DEFINED:280/);
	});

	step('the OAuth2 credential dialog shows its fields, the redirect URL and hint; Connect asks HubSpot for scope and optional_scope', async () => {
		await closeCredentialDialog(page);
		await openNode(page, NEW_NODE);
		// "Create new credential" offers the type of the credential the node holds.
		await selectNodeCredential(page, DEV.oauthCredential.name);
		const dialog = await createCredentialFromNode(page);
		await chooseCredentialMode(page, 'OAuth2');
		await waitForCredentialName(page, 'HubSpot CRM account');
		const redirectUrl = `${session.n8n.url}/rest/oauth2-credential/callback`;
		assert.equal((await dialog.getByTestId('copy-input').innerText()).trim(), redirectUrl);
		await dialog.getByText('In HubSpot CRM, use the URL above when prompted to enter an OAuth callback or redirect URL', { exact: true }).waitFor();
		assertInOrder(await credentialFieldNames(page), ['Client ID', 'Client Secret', 'Scope', 'Optional Scope', 'Base URL'], 'OAuth2 credential fields');
		assert.equal(await credentialField(page, 'scope').inputValue(), REQUIRED_SCOPES.join(' '));
		assert.equal(await credentialField(page, 'optionalScope').inputValue(), OPTIONAL_SCOPES.join(' '));
		assert.equal(await credentialField(page, 'baseUrl').inputValue(), 'https://api.hubapi.com');
		// Scrolled so the picture holds the redirect URL and every field down to Base URL.
		await dialog.getByText('OAuth Redirect URL', { exact: true }).evaluate((label) => label.scrollIntoView({ block: 'start' }));
		await takePicture(page.locator('.el-dialog:visible').filter({ has: dialog }), 'credential-oauth2');

		await credentialField(page, 'clientId').fill(DEV.oauthClientId);
		await credentialField(page, 'clientSecret').fill(DEV.oauthClientSecret);
		await credentialField(page, 'baseUrl').fill(session.sim.baseUrl);
		// HubSpot's consent screen is offline here: its address is sent on to the simulator's stand-in.
		const authorizeUrls: URL[] = [];
		await session.browser.context.route('https://app.hubspot.com/**', async (route) => {
			const asked = new URL(route.request().url());
			authorizeUrls.push(asked);
			await route.fulfill({ status: 302, headers: { location: `${session.sim.baseUrl}/oauth/authorize${asked.search}` } });
		});
		const tokenRequests = () => session.sim.requests.filter((request) => request.kind === 'oauth/token').length;
		const tokensBefore = tokenRequests();
		await dialog.getByRole('button', { name: /^Connect/ }).first().click();
		await dialog.waitFor({ state: 'hidden' });
		await session.browser.context.unroute('https://app.hubspot.com/**');

		assert.equal(authorizeUrls.length, 1);
		assert.equal(authorizeUrls[0].pathname, '/oauth/authorize');
		assert.equal(authorizeUrls[0].searchParams.get('scope'), REQUIRED_SCOPES.join(' '));
		assert.equal(authorizeUrls[0].searchParams.get('optional_scope'), OPTIONAL_SCOPES.join(' '));
		assert.equal(authorizeUrls[0].searchParams.get('redirect_uri'), redirectUrl);
		assert.equal(tokenRequests(), tokensBefore + 1, 'n8n did not exchange the code at the token URL that follows the Base URL');

		const connected = await openNodeCredential(page, 'HubSpot CRM account');
		await connected.getByTestId('oauth-connect-success-banner').waitFor();
		await closeCredentialDialog(page);
	});

	step("the app token credential's Test succeeds against the simulator", async () => {
		await closeCredentialDialog(page);
		await openNode(page, NEW_NODE);
		await selectNodeCredential(page, DEV.appTokenCredential.name);
		const dialog = await createCredentialFromNode(page);
		await chooseCredentialMode(page, 'Service Key or App Token');
		await waitForCredentialName(page, 'HubSpot CRM Service Key or App Token account');
		assertInOrder(await credentialFieldNames(page), ['Service Key or App Token', 'Base URL'], 'app token credential fields');
		await credentialField(page, 'appToken').fill(DEV.appToken);
		await credentialField(page, 'baseUrl').fill(session.sim.baseUrl);
		await page.getByTestId('credential-save-button').click();
		await dialog.waitFor({ state: 'hidden' });

		const reopened = await openNodeCredential(page, 'HubSpot CRM Service Key or App Token account');
		const tested = labelRequests('contacts', 'companies');
		await reopened.getByRole('button', { name: 'Retry' }).or(reopened.getByTitle('Retry credential test')).first().click();
		await reopened.getByTestId('credentials-config-container-test-success').getByText('Connection tested successfully').waitFor();
		await waitFor(() => labelRequests('contacts', 'companies') > tested, 'the Test button did not ask HubSpot');
		const asked = session.sim.requests.filter((request) => request.path.endsWith('/contacts/companies/labels')).at(-1)!;
		assert.equal(asked.status, 200);
		await closeCredentialDialog(page);
	});

	step('running the workflow from the editor shows one output item per input item, the bad item with its error', async () => {
		await openWorkflow(page, session.n8n.url, RUN_WORKFLOW_ID);
		const creates = () => session.sim.requests.filter((request) => request.path.endsWith('/batch/create')).length;
		await page.getByTestId('execute-workflow-button').click();
		const node = page.getByTestId('canvas-node').filter({ hasText: RUN_NODE });
		await node.filter({ hasText: `${RUN_ROWS.length} items` }).waitFor();
		assert.equal(creates(), 1, 'one batch request for every row');
		assert.match(await node.innerText(), /Create: Contacts → Companies/);
		assert.equal(session.sim.state.associationsBetween('0-1', '101', '0-2', '201').length, 2);

		await node.dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		const output = page.getByTestId('output-panel');
		await output.getByText(`${RUN_ROWS.length} items`, { exact: true }).waitFor();
		const rows = output.locator('table tbody > tr');
		assert.equal(await rows.count(), RUN_ROWS.length);
		const headers = (await output.locator('table thead th').allInnerTexts()).map((text) => text.trim());
		const column = (name: string) => headers.indexOf(name);
		const cell = async (row: number, name: string) => (await rows.nth(row).locator(':scope > td').nth(column(name)).innerText()).trim();
		assert.match(await cell(0, 'error'), /^Item 0: HubSpot did not accept contacts 102 → companies 999999: .*COMPANY=999999 is not valid/);
		for (let row = 1; row < RUN_ROWS.length; row++) {
			assert.equal(await cell(row, 'status'), 'created');
			assert.equal(await cell(row, 'fromObjectId'), RUN_ROWS[row].contactId);
			assert.equal(await cell(row, 'toObjectId'), RUN_ROWS[row].companyId);
			assert.match(await cell(row, 'error'), /^(undefined)?$/);
		}
		await takePicture(ndv, 'node-panel-batch-create');

		await openDropdown(page, parameter(page, 'associationTypes'));
		await takePicture(page, 'association-type-dropdown', {
			clip: await around([page.getByTestId('node-parameters'), parameter(page, 'associationTypes'), page.locator('.el-popper:visible')], { onlyHeightOf: 1 }),
		});
		await closeDropdown(page, parameter(page, 'associationTypes'));

		// Widen the output: the parameters panel moves left.
		const handle = (await page.getByTestId('panel-drag-button').boundingBox())!;
		await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await page.mouse.down();
		await page.mouse.move(handle.x - 340, handle.y + handle.height / 2, { steps: 12 });
		await page.mouse.up();
		await takePicture(output, 'output-with-failed-item');
	});
});

async function waitFor(condition: () => boolean, message: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(message);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * The smallest page area holding every element, with a margin; with `onlyHeightOf`, the first
 * `onlyHeightOf` elements give the width alone (a panel around a dropdown) and the others the height.
 */
async function around(elements: Locator[], { onlyHeightOf = 0 }: { onlyHeightOf?: number } = {}) {
	const boxes = (await Promise.all(elements.map((element) => element.first().boundingBox()))).filter((box) => box !== null);
	const margin = 16;
	const horizontal = onlyHeightOf > 0 ? boxes.slice(0, onlyHeightOf) : boxes;
	const vertical = boxes.slice(onlyHeightOf);
	const x = Math.max(0, Math.min(...horizontal.map((box) => box.x)) - (onlyHeightOf > 0 ? 0 : margin));
	const y = Math.max(0, Math.min(...vertical.map((box) => box.y)) - margin);
	const right = Math.max(...horizontal.map((box) => box.x + box.width)) + (onlyHeightOf > 0 ? 0 : margin);
	const bottom = Math.max(...vertical.map((box) => box.y + box.height)) + margin;
	return { x, y, width: right - x, height: bottom - y };
}
