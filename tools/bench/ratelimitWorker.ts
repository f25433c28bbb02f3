/**
 * One execution of `npm run bench:ratelimit` on a worker of its own: a process, as n8n's queue-mode
 * workers are, so another execution finishing (n8n building its output) does not hold this one's
 * event loop. Reads `BENCH_WORKER` (JSON), loads n8n and warms up as a long-lived worker has (one
 * dry run of the same items: no request sent; then, with `warmUp`, one item sent to another
 * simulator, so the credential, the OAuth2 request path and the HTTP agent have been used once, as
 * on a worker that ran the node before, without a request in the measured window), prints `ready`,
 * runs when a line arrives on stdin, and prints one JSON line: each output item's paired index and
 * status.
 */
import './preferTypeScript';
import '../../test/setup-env';
import type { IPairedItemData } from 'n8n-workflow';
import { batchCreateParameters, oauthCredential, runNode, type RunResult } from '../../test/harness/runWorkflow';

export interface Pair {
	contactId: string;
	companyId: string;
}

export function pairs(start: number, count: number): Pair[] {
	return Array.from({ length: count }, (_, i) => ({ contactId: String(start + i + 1), companyId: String(((start + i) % 20_000) + 1) }));
}

export interface WorkerSpec {
	start: number;
	count: number;
	batchSize: number;
	baseUrl: string;
	account: { clientId: string; clientSecret: string; accessToken: string; refreshToken: string };
	/** A simulator of its own for the warm-up's one request (another account: another throttle). */
	warmUp?: { baseUrl: string; account: WorkerSpec['account'] };
}

/** What a worker prints: per output item, its paired input index (-1 when unpaired) and status; whether the run failed. */
export interface WorkerResult {
	items: Array<[number, string]>;
	failed: boolean;
}

/** What an execution output, as a worker reports it. */
export function workerResult(result: RunResult): WorkerResult {
	return {
		items: result.output.map((item) => [(item.pairedItem as IPairedItemData | undefined)?.item ?? -1, String(item.json.status)]),
		failed: result.error !== undefined,
	};
}

async function work(spec: WorkerSpec, dryRun = false): Promise<WorkerResult> {
	const { account } = spec;
	const credential = oauthCredential({
		baseUrl: spec.baseUrl,
		clientId: account.clientId,
		clientSecret: account.clientSecret,
		oauthTokenData: { access_token: account.accessToken, refresh_token: account.refreshToken, token_type: 'bearer' },
	});
	const result = await runNode({
		items: pairs(spec.start, spec.count) as never,
		parameters: batchCreateParameters({ options: { batchSize: spec.batchSize, ...(dryRun ? { dryRun: true } : {}) } }),
		credentials: { hubspotAssociationsOAuth2Api: credential },
		onError: 'continueRegularOutput',
		credentialId: 'cred-worker',
	});
	return workerResult(result);
}

if (process.env.BENCH_WORKER) {
	const spec = JSON.parse(process.env.BENCH_WORKER) as WorkerSpec;
	const warmUp = async () => {
		await work(spec, true);
		if (spec.warmUp) await work({ ...spec, ...spec.warmUp, count: 1 });
	};
	void warmUp().then(() => process.stdout.write('ready\n'));
	process.stdin.once('data', () => {
		process.stdin.pause();
		work(spec)
			.then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
			.catch((error) => {
				process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
				process.exitCode = 1;
			});
	});
}
