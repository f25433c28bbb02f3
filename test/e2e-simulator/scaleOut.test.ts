import { startSimulator, type HubSpotSimulator } from '../../tools/simulator';
import { batchCreateParameters } from '../harness/runWorkflow';
import { BATCH_CREATE_KIND, expectRunInvariants, freshPairs, runAgainst } from './simulatorRuns';

// Real time on purpose: this is about sharing one account's rate window, not about faults.

let sim: HubSpotSimulator;

beforeAll(async () => {
	sim = await startSimulator({ seed: 5 });
});
afterAll(async () => {
	await sim.close();
});

describe('four executions sharing one HubSpot rate window', () => {
	it('loses nothing and keeps 429s under 5 % of requests', async () => {
		sim.faults.rateWindow({ max: 10, intervalMs: 1000 });
		const executions = [0, 1, 2, 3].map(() => freshPairs(150));
		const started = Date.now();

		const results = await Promise.all(
			executions.map((items) => runAgainst(sim, { items, parameters: batchCreateParameters({ options: { batchSize: 10 } }), onError: 'continueRegularOutput' })),
		);

		const seconds = (Date.now() - started) / 1000;
		results.forEach((result, i) => {
			expect(expectRunInvariants(sim, executions[i], result)).toMatchObject({ succeeded: 150, failed: 0 });
		});
		const sent = sim.requests.filter((request) => request.kind === BATCH_CREATE_KIND);
		const rateLimited = sent.filter((request) => request.status === 429).length;
		process.stdout.write(
			`scale-out: 4 executions, ${sent.length} requests (60 needed), ${rateLimited} answered 429 (${((100 * rateLimited) / sent.length).toFixed(1)} %), ${seconds.toFixed(1)} s (optimum 6.0 s)\n`,
		);
		expect(rateLimited / sent.length).toBeLessThan(0.05);
	});
});
