/** A small seeded generator (mulberry32) so shuffles and random faults repeat run to run. */
export class SeededRandom {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [0, below). */
	below(below: number): number {
		return Math.floor(this.next() * below);
	}

	/** Fisher–Yates shuffle in place; HubSpot does not document result order, so callers must not rely on it. */
	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = this.below(i + 1);
			[items[i], items[j]] = [items[j], items[i]];
		}
		return items;
	}
}
