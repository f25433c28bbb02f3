'use strict';
// Preload for n8n (NODE_OPTIONS=--require) used by tools/bench/trigger.ts: times the steps n8n takes
// between receiving a webhook request and answering it (responseMode 'onReceived' answers only once
// WorkflowRunner.run has returned), and the event loop's delay, as JSON lines appended to the file
// N8N_TIMING_FILE. It measures only; it changes nothing n8n does.
const Module = require('node:module');
const fs = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const file = process.env.N8N_TIMING_FILE;
const write = (record) => fs.appendFileSync(file, `${JSON.stringify(record)}\n`);

// dist file (relative to n8n/dist/) → class exported there → its async methods to time
const targets = {
	'webhooks/live-webhooks.js': ['LiveWebhooks', ['executeWebhook']],
	'webhooks/webhook.service.js': ['WebhookService', ['runWebhook']],
	'workflow-runner.js': ['WorkflowRunner', ['run', 'establishContextForPersistence', 'prepareNewExecution', 'runMainProcess']],
	'active-executions.js': ['ActiveExecutions', ['add']],
	'executions/execution-persistence.js': ['ExecutionPersistence', ['create']],
	'credentials-helper.js': ['CredentialsHelper', ['getDecrypted']],
	'workflows/workflow-static-data.service.js': ['WorkflowStaticDataService', ['saveStaticDataById', 'getStaticDataById']],
};

function wrap(prototype, className, method) {
	const original = prototype[method];
	if (typeof original !== 'function' || original.__timed) return;
	prototype[method] = async function (...args) {
		const started = performance.now();
		try {
			return await original.apply(this, args);
		} finally {
			write({ step: `${className}.${method}`, ms: Math.round((performance.now() - started) * 10) / 10, at: Date.now() });
		}
	};
	prototype[method].__timed = true;
}

let monitoring = false;
function monitorEventLoop() {
	if (monitoring) return;
	monitoring = true;
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	setInterval(() => {
		write({ step: 'eventLoopDelay', max: Math.round(loop.max / 1e6), p99: Math.round(loop.percentile(99) / 1e6), mean: Math.round(loop.mean / 1e6), at: Date.now() });
		loop.reset();
	}, 1_000).unref();
}

if (file) {
	const load = Module._load;
	Module._load = function (request, parent, isMain) {
		const exported = load.apply(this, arguments);
		let resolved = '';
		try {
			resolved = Module._resolveFilename(request, parent, isMain).replace(/\\/g, '/');
		} catch {
			return exported;
		}
		for (const [suffix, [className, methods]] of Object.entries(targets)) {
			if (resolved.endsWith(`/n8n/dist/${suffix}`) && exported?.[className]?.prototype) {
				for (const method of methods) wrap(exported[className].prototype, className, method);
				monitorEventLoop(); // only in n8n's main process, not its task runner
			}
		}
		return exported;
	};
}
