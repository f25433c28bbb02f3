/**
 * n8n-workflow with fast-forwarded time, for tests about faults rather than about time:
 * every `sleep` lasts at most 5 ms and `Date.now` and `performance.now` jump ahead by the rest, so retry waits,
 * the throttle's pauses and the simulator's rate window (same process) all see the wait as
 * over. Use it from a test file's module factory:
 *
 *   jest.mock('n8n-workflow', () => require('../harness/fastForward').fastForwardN8nWorkflow());
 */
export const fastForward = { skippedMs: 0, sleeps: 0, /** Set for a spec that needs real waits (e.g. against the simulator's real-time locks). */ paused: false };

export function fastForwardN8nWorkflow(): typeof import('n8n-workflow') {
	const actual = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	const realNow = Date.now.bind(Date);
	Date.now = () => realNow() + fastForward.skippedMs;
	// The client's clock is monotonic (performance.now): it jumps ahead with the wall clock here.
	const realPerformanceNow = performance.now.bind(performance);
	performance.now = () => realPerformanceNow() + fastForward.skippedMs;
	return {
		...actual,
		sleep: async (ms: number) => {
			if (fastForward.paused) return await actual.sleep(ms);
			const real = Math.min(Math.max(0, ms), 5);
			fastForward.skippedMs += Math.max(0, ms - real);
			fastForward.sleeps++;
			await actual.sleep(real);
		},
	};
}
