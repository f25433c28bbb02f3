/**
 * `npm run bench:throughput`: how fast and how lean the node is per item on n8n's engine.
 * Runs N items (default 20,000 and 100,000) through Records → HubSpot Associations against the
 * simulator with no rate limit, and prints time per item (whole run, and inside the node: parameter
 * evaluation, planning, requests and matching; the in-process simulator shares the CPU), requests and
 * heap growth.
 */
import './preferTypeScript';
import '../../test/setup-env';
import { batchCreateParameters, runNode, simulatorCredentials } from '../../test/harness/runWorkflow';
import { startSimulator } from '../simulator';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

async function measure(count: number) {
	const sim = await startSimulator();
	try {
		const items = Array.from({ length: count }, (_, i) => ({ contactId: String(1 + (i % 100000)), companyId: String(1 + ((i * 7) % 20000)) }));
		global.gc?.();
		const heapBefore = process.memoryUsage().heapUsed;
		const started = performance.now();
		const { output, error, run } = await runNode({
			items,
			parameters: batchCreateParameters({ options: { requestsPerTenSeconds: 1000 } }),
			credentials: simulatorCredentials(sim),
		});
		const elapsed = performance.now() - started;
		const heapAfter = process.memoryUsage().heapUsed;
		const creates = sim.requests.filter((request) => request.path.endsWith('/batch/create'));
		if (error) throw new Error(error.message);
		const created = output.filter((item) => item.json.status === 'created').length;
		const nodeMs = run.data.resultData.runData['HubSpot Associations'][0].executionTime;
		console.log(
			[
				`${count.toLocaleString('en')} items`,
				`${(elapsed / 1000).toFixed(2)} s`,
				`${((elapsed * 1000) / count).toFixed(0)} µs/item`,
				`node ${((nodeMs * 1000) / count).toFixed(0)} µs/item`,
				`${creates.length} requests`,
				`${created.toLocaleString('en')} created`,
				`heap +${((heapAfter - heapBefore) / 1048576).toFixed(0)} MiB (incl. input and output items)`,
			].join(' | '),
		);
	} finally {
		await sim.close();
	}
}

async function main() {
	for (const count of sizes.length > 0 ? sizes : [20_000, 100_000]) await measure(count);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exitCode = 1;
});
