/**
 * One editor session for the browser suite: the HubSpot simulator, the real n8n (tools/dev's
 * n8nInstance: the packed tarball installed as a community package, a fresh user folder, free
 * ports) with the simulator credentials and the suite's workflow imported, and Debian's Chromium
 * logged in as the owner.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSimulator, type HubSpotSimulator } from '../../tools/simulator';
import { freePort, importIntoN8n, installN8n, packAndInstall, root, startN8n, type RunningN8n } from '../../tools/dev/n8nInstance';
import { acceptDevAccount, DEV, simulatorCredentials } from '../../tools/dev/simulatorAccount';
import { launchBrowser, type Browser } from './browser';

/** Where failing steps leave their screenshot and HTML, and n8n its log. */
export const OUTPUT_DIR = join(root, 'test-results', 'editor');

export const RUN_WORKFLOW_ID = 'editorRunWorkflow01';
export const RUN_NODE = 'Link contacts to companies';

/**
 * The example users import (examples/link-contacts-to-companies.json) with four pinned rows
 * instead of 500, so the output table fits one picture. The first row names a company that does
 * not exist: its error heads the table's columns.
 */
export const RUN_ROWS = [
	{ email: 'alan@example.com', contactId: '102', companyId: '999999' },
	{ email: 'ada@example.com', contactId: '101', companyId: '201' },
	{ email: 'grace@example.com', contactId: '103', companyId: '203' },
	{ email: 'edsger@example.com', contactId: '104', companyId: '204' },
];

function runWorkflow(): Record<string, unknown> {
	const example = JSON.parse(readFileSync(join(root, 'examples', 'link-contacts-to-companies.json'), 'utf8')) as Record<string, unknown> & {
		pinData: Record<string, unknown>;
	};
	const [pinnedNode] = Object.keys(example.pinData);
	return {
		active: false,
		settings: {},
		...example,
		id: RUN_WORKFLOW_ID,
		pinData: { [pinnedNode]: RUN_ROWS.map((json) => ({ json })) },
	};
}

export interface EditorSession {
	sim: HubSpotSimulator;
	n8n: RunningN8n;
	browser: Browser;
	page: Page;
	close(): Promise<void>;
}

export async function startEditorSession(log: (line: string) => void): Promise<EditorSession> {
	mkdirSync(OUTPUT_DIR, { recursive: true });
	const { cache, env } = installN8n();
	const userFolder = mkdtempSync(join(tmpdir(), 'hubspot-assoc-editor-'));
	let sim: HubSpotSimulator | undefined;
	let n8n: RunningN8n | undefined;
	let browser: Browser | undefined;
	const close = async () => {
		await browser?.close();
		await n8n?.stop(log);
		await sim?.close().catch(() => undefined);
		rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		log('npm pack + install as a community package');
		await packAndInstall(userFolder, env);
		sim = await startSimulator({ port: await freePort() });
		acceptDevAccount(sim);
		log('importing the simulator credentials and the run workflow (n8n CLI)');
		importIntoN8n(userFolder, env, { credentials: simulatorCredentials(sim), workflows: [runWorkflow()] });
		log('starting n8n');
		n8n = await startN8n({
			userFolder,
			port: await freePort(),
			env,
			cache,
			owner: { email: DEV.ownerEmail, password: DEV.ownerPassword },
			logFile: join(OUTPUT_DIR, 'n8n.log'),
		});
		log(`n8n at ${n8n.url}; launching Chromium`);
		browser = await launchBrowser();
		return { sim, n8n, browser, page: browser.page, close };
	} catch (error) {
		await close();
		throw error;
	}
}
