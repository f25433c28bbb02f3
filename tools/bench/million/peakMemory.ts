/**
 * Peak resident memory of n8n's long-running processes, read from Linux's high-water mark
 * (`VmHWM` in /proc/<pid>/status): exact, no sampling, readable while the process still runs.
 * A worker's task runners (Code nodes run there) are its child processes.
 */
import { readFileSync, readdirSync } from 'fs';

export function peakRssMiB(pid: number): number | undefined {
	try {
		const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

export function childPids(pid: number): number[] {
	const children: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			// The command name (field 2) may hold spaces: the parent pid is the 2nd field after its ')'.
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(name));
		} catch {
			/* gone meanwhile */
		}
	}
	return children;
}

/** The process's own peak and the largest peak among its children (its task runner). */
export function processPeaks(pid: number): { ownMiB: number | undefined; childrenMiB: number | undefined } {
	const children = childPids(pid)
		.map(peakRssMiB)
		.filter((peak): peak is number => peak !== undefined);
	return { ownMiB: peakRssMiB(pid), childrenMiB: children.length ? Math.max(...children) : undefined };
}

/** Samples each process's resident memory (`VmRSS`) once a second: how it moves through the run. */
export class RssSampler {
	private readonly samples: Array<Array<{ at: number; mib: number }>>;
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly pids: number[]) {
		this.samples = pids.map(() => []);
	}

	start(): void {
		this.timer = setInterval(() => {
			this.pids.forEach((pid, index) => {
				try {
					const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
					if (match) this.samples[index].push({ at: Date.now(), mib: Number(match[1]) / 1024 });
				} catch {
					/* gone */
				}
			});
		}, 1_000);
	}

	stop(): void {
		clearInterval(this.timer);
	}

	/** Per process, the highest sample in each quarter of [from, to]: flat when memory does not pile up with chunks. */
	byQuarter(from: number, to: number): number[][] {
		const quarter = (to - from) / 4;
		return this.samples.map((samples) =>
			[0, 1, 2, 3].map((q) => Math.max(0, ...samples.filter((s) => s.at >= from + q * quarter && s.at <= from + (q + 1) * quarter).map((s) => s.mib))),
		);
	}
}
