import type { Clock } from '../../nodes/HubspotAssociations/transport/throttle';

/** Virtual time: `sleep` parks until `run` moves the clock to the earliest wake-up. */
export class FakeClock implements Clock {
	private time = 0;
	private sleepers: Array<{ at: number; wake: () => void }> = [];

	now(): number {
		return this.time;
	}

	sleep(ms: number): Promise<void> {
		return new Promise((wake) => this.sleepers.push({ at: this.time + Math.max(0, ms), wake }));
	}

	/** Lets every pending promise settle, then wakes sleepers in time order until none is left. */
	async run(until = Infinity): Promise<void> {
		for (;;) {
			await flush();
			if (this.sleepers.length === 0) return;
			this.sleepers.sort((a, b) => a.at - b.at);
			if (this.sleepers[0].at > until) return;
			const { at, wake } = this.sleepers.shift()!;
			this.time = Math.max(this.time, at);
			wake();
		}
	}

	/** Moves time on by `ms`, waking whoever is due on the way. */
	async advance(ms: number): Promise<void> {
		const arrived = this.sleep(ms);
		await this.run(this.time + ms);
		await arrived;
	}
}

export async function flush(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
