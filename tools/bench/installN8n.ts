import { execFileSync } from 'child_process';
import { join } from 'path';

/** Runs tools/e2e/install-n8n.sh (instant once installed) and returns its cache folder. */
export function installN8n(): string {
	const root = join(__dirname, '..', '..');
	const output = execFileSync('bash', [join(root, 'tools', 'e2e', 'install-n8n.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const cache = /^N8N_E2E_READY (.+)$/m.exec(output)?.[1]?.trim();
	if (!cache) throw new Error(`install-n8n.sh did not print N8N_E2E_READY:\n${output}`);
	return cache;
}
