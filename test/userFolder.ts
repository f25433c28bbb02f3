import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * n8n-core writes its config under N8N_USER_FOLDER when first required. One folder per jest run
 * (made before the workers start, so they all inherit it) or per script, removed at the end, so
 * runs leave nothing behind in the temp folder.
 */
export function makeUserFolder(): string {
	return mkdtempSync(join(tmpdir(), 'n8n-hubspot-assoc-'));
}

export function removeUserFolder(folder: string | undefined): void {
	if (folder?.startsWith(join(tmpdir(), 'n8n-hubspot-assoc-'))) rmSync(folder, { recursive: true, force: true });
}
