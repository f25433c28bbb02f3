/// <reference lib="dom" />
/**
 * What a user does in n8n's editor (2.41), in the editor's own terms: sign in, the node creator,
 * the node panel (NDV) and its dropdowns, the credential dialog. Selectors are n8n's
 * data-test-id attributes, as n8n's own Playwright suite uses them.
 */
import type { Locator, Page } from 'playwright-core';

export async function signIn(page: Page, url: string, owner: { email: string; password: string }): Promise<void> {
	await page.goto(`${url}/signin`);
	// The first load of the editor's bundle is the slowest step on a busy machine.
	await page.locator('#emailOrLdapLoginId').waitFor({ timeout: 240_000 });
	await page.locator('#emailOrLdapLoginId').fill(owner.email);
	await page.locator('#password').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((address) => !address.pathname.includes('signin'));
}

/** Opens a workflow; a page left with unsaved changes is left without saving. */
export async function openWorkflow(page: Page, url: string, id: string): Promise<void> {
	await page.goto(`${url}/workflow/${id}`);
	await page.getByTestId('canvas-wrapper').waitFor();
}

// ---- dropdowns: element-plus selects, whose combobox names its list (aria-controls) ----

export interface DropdownOption {
	name: string;
	description: string;
}

const combobox = (trigger: Locator) => trigger.locator('[role=combobox]').first();

async function listOf(page: Page, trigger: Locator): Promise<Locator> {
	const id = await combobox(trigger).getAttribute('aria-controls');
	if (!id) throw new Error('the dropdown names no list (aria-controls)');
	return page.locator(`[id="${id}"] [role=option]`);
}

const expanded = async (trigger: Locator) => (await combobox(trigger).getAttribute('aria-expanded')) === 'true';

/**
 * Opens a dropdown and waits for its options (loaded from HubSpot for the dynamic ones). A click
 * while n8n reloads a dynamic list leaves it closed, so it clicks again until the list shows.
 */
export async function openDropdown(page: Page, trigger: Locator, timeoutMs = 60_000): Promise<Locator> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!(await expanded(trigger))) await trigger.click();
		const options = await listOf(page, trigger);
		try {
			await options.first().waitFor({ timeout: 3_000 });
			return options;
		} catch (error) {
			if (Date.now() > deadline) throw error;
		}
	}
}

export async function closeDropdown(page: Page, trigger: Locator): Promise<void> {
	if (await expanded(trigger)) await trigger.click();
	await page.waitForFunction((element) => element?.getAttribute('aria-expanded') !== 'true', await combobox(trigger).elementHandle());
}

/** Opens a parameter's dropdown and reads its options, as the list shows them. */
export async function readDropdown(page: Page, trigger: Locator): Promise<DropdownOption[]> {
	const options = await openDropdown(page, trigger);
	const read = await options.evaluateAll((items) =>
		items.map((item) => ({
			name: item.querySelector('.option-headline')?.textContent?.trim() ?? item.textContent?.trim() ?? '',
			description: item.querySelector('.option-description')?.textContent?.trim() ?? '',
		})),
	);
	await closeDropdown(page, trigger);
	return read;
}

/** Chooses the option whose name is exactly `name`. */
export async function choose(page: Page, trigger: Locator, name: string): Promise<void> {
	const options = await openDropdown(page, trigger);
	await options.filter({ has: page.locator('.option-headline').getByText(name, { exact: true }) }).click();
	await page.waitForFunction((element) => element?.getAttribute('aria-expanded') !== 'true', await combobox(trigger).elementHandle());
}

// ---- the node panel ----

/** Opens the node's panel from the canvas unless it is open. */
export async function openNode(page: Page, nodeName: string): Promise<void> {
	if (await page.getByTestId('ndv').isVisible()) return;
	await page.getByTestId('canvas-node').filter({ hasText: nodeName }).first().dblclick();
	await page.getByTestId('ndv').waitFor();
}

export const parameter = (page: Page, name: string) => page.getByTestId(`parameter-input-${name}`);

/** The labels of the parameters the panel shows now, top to bottom. */
export async function parameterLabels(page: Page): Promise<string[]> {
	const items = page.getByTestId('node-parameters').getByTestId('parameter-item').filter({ visible: true });
	const labels = await items.evaluateAll((elements) =>
		elements.map((element) => (element.querySelector('[data-test-id=input-label]') as HTMLElement | null)?.innerText.split('\n')[0].trim() ?? ''),
	);
	return labels.filter(Boolean);
}

/** The lines a parameter shows: its label, its value and the hint under it. */
export async function parameterLines(page: Page, name: string): Promise<string[]> {
	const item = page.getByTestId('node-parameters').getByTestId('parameter-item').filter({ has: parameter(page, name) });
	return (await item.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
}

/** The names the Options collection offers in its "Add option" list. */
export async function optionCollectionNames(page: Page): Promise<string[]> {
	const add = page.getByTestId('node-parameters').getByTestId('collection-parameter-add');
	return (await readDropdown(page, add)).map((option) => option.name);
}

// ---- credentials ----

export const credentialDialog = (page: Page) => page.getByTestId('credential-edit-dialog');

/** The node's credential dropdown → "Create new credential": the dialog for the node's first credential type. */
export async function createCredentialFromNode(page: Page): Promise<Locator> {
	await openDropdown(page, page.getByTestId('node-credentials-select'));
	await page.getByTestId('node-credentials-select-item-new').click();
	await credentialDialog(page).waitFor();
	return credentialDialog(page);
}

/** Switches a new credential's dialog to another of the node's authentication methods. */
export async function chooseCredentialMode(page: Page, mode: string): Promise<void> {
	await credentialDialog(page).getByTestId('credential-mode-dropdown-trigger').click();
	await page.getByRole('menu').getByRole('menuitem', { name: mode, exact: true }).click();
	await credentialDialog(page).getByTestId('credential-mode-dropdown-trigger').getByText(mode, { exact: true }).waitFor();
}

/** The labels of the credential's fields, top to bottom. */
export async function credentialFieldNames(page: Page): Promise<string[]> {
	const texts = await credentialDialog(page).getByTestId('credential-connection-parameter').allInnerTexts();
	return texts.map((text) => text.split('\n')[0].replace(/\s*\*$/, '').trim());
}

export const credentialField = (page: Page, name: string) => credentialDialog(page).getByTestId(`parameter-input-${name}`).locator('input, textarea').first();

/** Selects a credential by its name in the node's credential dropdown. */
export async function selectNodeCredential(page: Page, name: string): Promise<void> {
	const select = page.getByTestId('node-credentials-select');
	const options = await openDropdown(page, select);
	await options.filter({ has: page.getByText(name, { exact: true }) }).click();
	await page.waitForFunction((element) => element?.getAttribute('aria-expanded') !== 'true', await combobox(select).elementHandle());
}

/** Selects a credential in the node's credential dropdown and opens its dialog. */
export async function openNodeCredential(page: Page, name: string): Promise<Locator> {
	await selectNodeCredential(page, name);
	await page.getByTestId('credential-edit-button').click();
	await credentialDialog(page).waitFor();
	return credentialDialog(page);
}

export async function closeCredentialDialog(page: Page): Promise<void> {
	if (!(await credentialDialog(page).isVisible())) return;
	await page.locator('.el-dialog').filter({ has: credentialDialog(page) }).getByRole('button', { name: 'Close this dialog' }).click();
	// An unsaved new credential asks first.
	const confirm = page.locator('.el-message-box:visible');
	if (await confirm.waitFor({ timeout: 3_000 }).then(() => true, () => false)) {
		await confirm.getByRole('button', { name: /^(Close|Leave|Discard|Yes)/ }).first().click();
	}
	await credentialDialog(page).waitFor({ state: 'hidden' });
}

/** Waits until the new credential's dialog shows this name (n8n fills it in after the type is known). */
export async function waitForCredentialName(page: Page, name: string): Promise<void> {
	await page
		.getByTestId('credential-name')
		.getByTestId('inline-edit-preview')
		.filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
		.waitFor();
}
