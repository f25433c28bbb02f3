/**
 * `npm run bench:compare`: this node vs the HTTP Request node one call per item vs a Code node
 * building chunks of 100 → HTTP Request, in the real n8n (tools/e2e) against the simulator, at
 * 1,000 / 10,000 / 100,000 rows (the per-item way up to 10,000), then under a HubSpot-shaped
 * rate window. Writes BENCHMARKS.md and prints each figure as it comes.
 *
 *   npm run bench:compare [-- --out BENCHMARKS.md] [--quick]   (--quick: 1,000 rows only, no file)
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { startSimulator } from '../../simulator';
import { installN8n } from '../installN8n';
import { measure, type Measurement, type Scenario } from './measure';
import { benchmarksMarkdown } from './report';
import { HEADER_CREDENTIAL, OAUTH_CREDENTIAL } from './workflows';

const root = join(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outAt = args.indexOf('--out');
const out = join(root, outAt >= 0 ? args[outAt + 1] : 'BENCHMARKS.md');

const SCENARIOS: Scenario[] = quick
	? [
			{ way: 'node', items: 1_000, rateWindow: false },
			{ way: 'perItem', items: 1_000, rateWindow: false },
			{ way: 'chunks', items: 1_000, rateWindow: false },
		]
	: [
			...[1_000, 10_000, 100_000].map((items) => ({ way: 'node' as const, items, rateWindow: false })),
			...[1_000, 10_000].map((items) => ({ way: 'perItem' as const, items, rateWindow: false })),
			...[1_000, 10_000, 100_000].map((items) => ({ way: 'chunks' as const, items, rateWindow: false })),
			{ way: 'node', items: 10_000, rateWindow: true },
			{ way: 'perItem', items: 10_000, rateWindow: true },
			{ way: 'chunks', items: 10_000, rateWindow: true },
			{ way: 'node', items: 100_000, rateWindow: true },
			{ way: 'chunks', items: 100_000, rateWindow: true },
		];

function pack(dir: string): string {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	return join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz'))!);
}

const say = (line: string) => process.stdout.write(`[bench:compare] ${line}\n`);

async function main(): Promise<void> {
	const started = Date.now();
	const cache = installN8n();
	const workDir = mkdtempSync(join(tmpdir(), 'bench-compare-'));
	const sim = await startSimulator({ seed: 11 });
	try {
		const tarball = pack(workDir);
		const token = sim.issueToken({ expiresInSeconds: 24 * 3600 });
		const credentials = [
			{
				...OAUTH_CREDENTIAL,
				type: 'hubspotAssociationsOAuth2Api',
				data: {
					clientId: sim.oauthClient.clientId,
					clientSecret: sim.oauthClient.clientSecret,
					baseUrl: sim.baseUrl,
					oauthTokenData: { access_token: token.accessToken, refresh_token: token.refreshToken, token_type: 'bearer', expires_in: 24 * 3600 },
				},
			},
			{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${token.accessToken}` } },
		];
		// Plain ESM without types: a non-literal specifier keeps tsc from resolving it.
		const runWorkflowModule = '../../e2e/run-workflow.mjs';
		const runner = (await import(runWorkflowModule)) as Parameters<typeof measure>[0];
		const measurements: Measurement[] = [];
		const loadAverages = [loadavg()[0]];
		for (const scenario of SCENARIOS) {
			const m = await measure(runner, sim, scenario, { tarball, credentials, cache, peakPreload: join(__dirname, 'peakMemory.cjs') });
			measurements.push(m);
			loadAverages.push(loadavg()[0]);
			say(
				`${m.way} ${m.items}${m.rateWindow ? ' (rate window)' : ''}: ${m.status}, ${m.requests} requests (${m.rateLimited} × 429), ` +
					`${m.nodesMs} ms in its nodes, ${m.executionMs} ms execution, peak ${m.peakRssMiB?.toFixed(0) ?? 'n/a'} MiB, ` +
					`paired ${m.paired ? 'yes' : 'no'}, ${m.failedRows} failed, ${m.lostRows} lost`,
			);
		}
		if (quick) return;
		const n8nVersion = (JSON.parse(readFileSync(join(cache, 'n8n', 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
		const nodeVersion = execFileSync(join(cache, 'node', 'bin', 'node'), ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
		const markdown = benchmarksMarkdown(
			{
				date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
				machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, ${process.platform}`,
				n8n: n8nVersion,
				node: nodeVersion,
				packageVersion: `${pkg.name} ${pkg.version}`,
				totalMinutes: (Date.now() - started) / 60_000,
				loadAverages,
			},
			measurements,
		);
		writeFileSync(out, markdown);
		say(`wrote ${out}`);
	} finally {
		await sim.close();
		rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error: Error) => {
	process.stderr.write(`[bench:compare] ${error.stack ?? error.message}\n`);
	process.exit(1);
});
