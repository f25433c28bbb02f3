/** Reads what tools/bench/triggerTiming.cjs recorded inside n8n during the deliveries and prints where the time went. */
import { existsSync, readFileSync } from 'node:fs';

interface Record {
	step: string;
	ms?: number;
	max?: number;
	p99?: number;
	at: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

export function printTimings(file: string, from: number, to: number): void {
	if (!existsSync(file)) return console.log('timings: none recorded (the preload did not run)');
	const records = readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Record)
		.filter((record) => record.at >= from && record.at <= to);
	const steps = new Map<string, number[]>();
	for (const record of records) if (record.ms !== undefined) steps.set(record.step, [...(steps.get(record.step) ?? []), record.ms]);
	console.log('inside n8n, per call (ms): step  calls  median  90th  max');
	for (const [step, times] of steps) {
		const sorted = times.sort((a, b) => a - b);
		console.log(`  ${step.padEnd(52)} ${String(sorted.length).padStart(5)} ${String(percentile(sorted, 0.5)).padStart(7)} ${String(percentile(sorted, 0.9)).padStart(7)} ${String(sorted[sorted.length - 1]).padStart(7)}`);
	}
	const loop = records.filter((record) => record.step === 'eventLoopDelay');
	const worst = loop.map((record) => record.max ?? 0).sort((a, b) => a - b);
	if (worst.length > 0) console.log(`n8n event loop delay, per second of the run: median of the maxima ${percentile(worst, 0.5)} ms, worst ${worst[worst.length - 1]} ms`);
}
