'use strict';
// Print, as one JSON line on stdout, the latest execution of a workflow read from an n8n user
// folder's sqlite database, in the shape `n8n execute` prints ({ status, finished, mode,
// startedAt, stoppedAt, data: IRunExecutionData }).
//
// Must run with the cached Node 24 (it loads n8n's own sqlite3 build and flatted):
//   $CACHE/node/bin/node tools/e2e/read-execution.cjs <userFolder> <workflowId>
// Env: N8N_E2E_CACHE (default ~/.cache/n8n-hubspot-e2e).
//
// Why: `n8n execute` (2.41.1) prints nothing usable when the run fails fast: the execution is
// over before the command asks for its result ("No active execution found"). The database
// always holds it (executions are saved on success and on error by default).
const path = require('node:path');
const os = require('node:os');

const [userFolder, workflowId] = process.argv.slice(2);
if (!userFolder || !workflowId) {
	process.stderr.write('usage: read-execution.cjs <userFolder> <workflowId>\n');
	process.exit(2);
}
const cache = process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-hubspot-e2e');
const nm = path.join(cache, 'n8n', 'node_modules');
const sqlite3 = require(path.join(nm, 'sqlite3'));
const { parse } = require(path.join(nm, 'flatted'));

const db = new sqlite3.Database(path.join(userFolder, '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);
db.get(
	`SELECT e.id, e.status, e.finished, e.mode, e.startedAt, e.stoppedAt, e.storedAt, d.data
	   FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
	  WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1`,
	[workflowId],
	(err, row) => {
		db.close();
		if (err) {
			process.stderr.write(`${err.stack}\n`);
			process.exit(1);
		}
		if (!row) {
			process.stdout.write('null\n');
			return;
		}
		const { data, ...meta } = row;
		const out = {
			...meta,
			executionId: String(row.id),
			finished: Boolean(row.finished),
			data: data ? parse(data) : undefined,
		};
		delete out.id;
		process.stdout.write(JSON.stringify(out) + '\n');
	},
);
