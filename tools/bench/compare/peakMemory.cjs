// Preloaded into the n8n CLI by `npm run bench:compare` (NODE_OPTIONS=--require …): on exit,
// each Node process writes its peak resident memory (getrusage maxRSS, KiB) to
// $N8N_BENCH_PEAK_DIR/<pid>.json, so the benchmark reads an exact peak instead of sampling.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.N8N_BENCH_PEAK_DIR;
if (dir) {
	process.on('exit', () => {
		try {
			const record = { pid: process.pid, argv: process.argv.slice(1), maxRssKiB: process.resourceUsage().maxRSS };
			fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(record));
		} catch {
			/* best effort: a missing file shows as "n/a" */
		}
	});
}
