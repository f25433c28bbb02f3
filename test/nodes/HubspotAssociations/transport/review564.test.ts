import { FakeClock } from '../../../harness/fakeClock';
import { runSharedWindow } from '../../../harness/sharedWindow';
import { HUBSPOT_WINDOW as HUBSPOT } from '../../../harness/sharedWindowScenarios';

/**
 * Review of 564b329 (a run holding most of the window counts its own requests halfway to their
 * answers). Halfway is where HubSpot counts a request only when the way there and the way back take
 * as long: a request that took long to get there (a big batch uploading, a slow connection) was
 * counted nearly at its answer, and taken as out of the window half an answer early, it lets the
 * run send into a window that is still full. A run alone on the account met no 429 before.
 */
describe('review 564b329: a run alone on the account, its requests counted by HubSpot later than halfway', () => {
	it('10 per 1 s, 300 ms answers each half drawn 15–285 ms (20 seeds, 300 requests each): no 429 (59 in 6059 at 564b329, none at its parent)', async () => {
		let rateLimited = 0;
		for (let seed = 1; seed <= 20; seed++) {
			const result = await runSharedWindow(new FakeClock(), [{ startAt: 0, requests: 300 }], {
				window: { max: 10, intervalMs: 1_000 },
				latencyMs: 300,
				latencySpread: { spread: 0.9, seed },
			});
			rateLimited += result.rateLimited;
		}
		expect(rateLimited).toBe(0);
	});

	it('100 per 10 s, uploads taking 40–760 ms and answers 40 ms (10 draws of 300 requests): no 429 (10 in 3010 at 564b329, none at its parent)', async () => {
		let rateLimited = 0;
		for (let seed = 1; seed <= 10; seed++) {
			const uploadMs = (sentIndex: number) => {
				const x = Math.sin((sentIndex + 1) * 12.9898 + seed * 78.233) * 43758.5453;
				return Math.round(40 + 720 * (x - Math.floor(x)));
			};
			const result = await runSharedWindow(new FakeClock(), [{ startAt: 0, requests: 300 }], {
				window: HUBSPOT,
				latencyMs: 0,
				halves: (sentIndex) => [uploadMs(sentIndex), 40],
			});
			rateLimited += result.rateLimited;
		}
		expect(rateLimited).toBe(0);
	});
});
