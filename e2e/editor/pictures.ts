/**
 * The README's pictures, taken during the browser suite: always into the test output, and into
 * `EDITOR_PICTURES_DIR` (docs/ under `npm run screenshots`) when set.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { root } from '../../tools/dev/n8nInstance';
import { OUTPUT_DIR } from './session';

const publishDir = process.env.EDITOR_PICTURES_DIR ? resolve(root, process.env.EDITOR_PICTURES_DIR) : undefined;

/** Screenshots `target` (a page, or one element of it) as `<name>.png`; returns the file written in the test output. */
export async function takePicture(target: Page | Locator, name: string, options: { clip?: { x: number; y: number; width: number; height: number } } = {}): Promise<string> {
	const dir = join(OUTPUT_DIR, 'pictures');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${name}.png`);
	await target.screenshot({ path: file, animations: 'disabled', ...(options.clip ? { clip: options.clip } : {}) });
	if (publishDir) {
		mkdirSync(publishDir, { recursive: true });
		copyFileSync(file, join(publishDir, `${name}.png`));
	}
	return file;
}
