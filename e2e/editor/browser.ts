/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work on
 * these machines), with a fresh profile per run, and the evidence a failing step leaves behind.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

// n8n's editor marks its elements with data-test-id.
selectors.setTestIdAttribute('data-test-id');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
	const profile = mkdtempSync(join(tmpdir(), 'hubspot-assoc-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
	});
	// n8n on two busy cores can take a while to answer; a missing element still fails in 90 s.
	context.setDefaultTimeout(90_000);
	context.setDefaultNavigationTimeout(180_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Saves a screenshot and the page's HTML as `<dir>/<name>.png` and `.html`; returns their paths. */
export async function saveEvidence(page: Page, dir: string, name: string): Promise<string[]> {
	mkdirSync(dir, { recursive: true });
	const base = join(dir, name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase());
	const saved: string[] = [];
	try {
		await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 15_000 });
		saved.push(`${base}.png`);
	} catch {
		/* the page may be gone; the HTML may still be there */
	}
	try {
		writeFileSync(`${base}.html`, await page.content());
		saved.push(`${base}.html`);
	} catch {
		/* nothing more to save */
	}
	return saved;
}
