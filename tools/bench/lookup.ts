/**
 * Lookup benchmark: 10,000 items naming contacts by email and companies by domain, on n8n's real
 * engine against the simulator with HubSpot's windows (100 requests / 10 s for everything but
 * search, 5 searches / s). Prints requests sent per kind against the fewest the limits allow, and
 * wall time against the rate-limit-bound optimum. Figures only.
 *
 *   npx tsx tools/bench/lookup.ts [--items 10000] [--emails 8000] [--domains 2000] [--executions 1]
 *
 * `--executions 4` runs four such executions at once on one credential (one n8n process): they
 * share the account's windows, searches included; the figures then add every execution's
 * requests, and the optimum is that of all their work.
 */
import './preferTypeScript';
import '../../test/setup-env';
import type { IPairedItemData } from 'n8n-workflow';
import { batchCreateParameters, runNode, simulatorCredentials } from '../../test/harness/runWorkflow';
import { startSimulator } from '../simulator';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const ITEMS = Number(option('items', '10000'));
const EMAILS = Number(option('emails', '8000'));
const DOMAINS = Number(option('domains', '2000'));
const EXECUTIONS = Number(option('executions', '1'));

// HubSpot's windows (HUBSPOT-API.md, Limits and Search); the node's defaults match them.
const MAIN_PER_SECOND = 10;
const SEARCHES_PER_SECOND = 5;
// What HubSpot documents for a search body and batch sizes, restated here so the minimum is not the node's own arithmetic.
const SEARCH_BODY_CHARS = 3_000;
const READ_INPUTS = 100;
const CREATE_INPUTS = 2_000;

interface Row {
	email: string;
	domain: string;
}

/** Rows with repeated emails and domains, 1 in 200 emails and 1 in 250 domains unknown, one domain two companies share. */
function rows(): Row[] {
	return Array.from({ length: ITEMS }, (_, i) => ({
		email: i % 200 === 199 ? `unknown${i}@example.org` : `c${(i % EMAILS) + 1}@example.com`,
		domain: i % 250 === 249 ? `nowhere${i}.example.net` : i % 1000 === 500 ? 'shared.example.com' : `company${(i % DOMAINS) + 1}.example.com`,
	}));
}

const SEARCH_VALUES_PER_FILTER = 100;

/** A search body as HubSpot takes it: IN filters of at most 100 values, one per filter group. */
function searchBodyLength(values: string[]): number {
	const groups = [];
	for (let start = 0; start < values.length; start += SEARCH_VALUES_PER_FILTER) groups.push(values.slice(start, start + SEARCH_VALUES_PER_FILTER));
	const filterGroups = groups.map((group) => ({ filters: [{ propertyName: 'domain', operator: 'IN', values: group }] }));
	return JSON.stringify({ filterGroups, properties: ['domain'], limit: 200 }).length;
}

/** The fewest searches HubSpot's body limit allows: every body filled until one more value would not fit. */
function fewestSearches(domains: string[]): number {
	let searches = 0;
	let current: string[] = [];
	for (const domain of domains) {
		if (current.length > 0 && searchBodyLength([...current, domain]) > SEARCH_BODY_CHARS) {
			searches++;
			current = [];
		}
		current.push(domain);
	}
	return searches + (current.length > 0 ? 1 : 0);
}

async function main(): Promise<void> {
	const sim = await startSimulator({ seed: 9 });
	try {
		sim.faults.rateWindow({ max: MAIN_PER_SECOND * 10, intervalMs: 10_000 });
		sim.state.setProperty('companies', '19999', 'domain', 'shared.example.com');
		sim.state.setProperty('companies', '20000', 'domain', 'shared.example.com');
		const items = rows();
		const distinctEmails = new Set(items.map((row) => row.email.toLowerCase()));
		const distinctDomains = [...new Set(items.map((row) => row.domain))];
		const resolvable = (row: Row) => !row.email.startsWith('unknown') && !row.domain.startsWith('nowhere') && row.domain !== 'shared.example.com';
		const pairs = new Set(items.filter(resolvable).map((row) => `${row.email}>${row.domain}`));

		const started = Date.now();
		const runs = await Promise.all(
			Array.from({ length: EXECUTIONS }, async () =>
				await runNode({
					items: items as never,
					parameters: batchCreateParameters({ fromIdType: 'email', fromObjectId: '={{ $json.email }}', toIdType: 'domain', toObjectId: '={{ $json.domain }}' }),
					credentials: simulatorCredentials(sim),
					onError: 'continueRegularOutput',
				}),
			),
		);
		const result = runs[0];
		const wallMs = Date.now() - started;

		const kinds = ['objects/batch/read', 'objects/search', 'associations/batch/create'] as const;
		const sentOf = (kind: string) => sim.requests.filter((request) => request.kind === kind);
		const minimum = {
			'objects/batch/read': EXECUTIONS * Math.ceil(distinctEmails.size / READ_INPUTS),
			'objects/search': EXECUTIONS * fewestSearches(distinctDomains),
			'associations/batch/create': EXECUTIONS * Math.ceil(pairs.size / CREATE_INPUTS),
		};
		const mainRequests = minimum['objects/batch/read'] + minimum['associations/batch/create'];
		// Reads and searches count against different limits and can overlap; creates follow both.
		const optimumMs =
			1000 * (Math.max(minimum['objects/batch/read'] / MAIN_PER_SECOND, minimum['objects/search'] / SEARCHES_PER_SECOND) + minimum['associations/batch/create'] / MAIN_PER_SECOND);
		const all = sim.requests.length;
		const at = (request: { at: number } | undefined) => (request ? +((request.at - started) / 1000).toFixed(2) : undefined);
		const phases = {
			firstLookupAt: at(sim.requests[0]),
			lastReadAt: at(sentOf(kinds[0]).at(-1)),
			lastSearchAt: at(sentOf(kinds[1]).at(-1)),
			firstCreateAt: at(sentOf(kinds[2])[0]),
			lastCreateAt: at(sentOf(kinds[2]).at(-1)),
		};
		const rateLimited = sim.requests.filter((request) => request.status === 429).length;

		let lost = 0;
		for (const result of runs) {
			lost += result.output.length === items.length ? 0 : Math.abs(items.length - result.output.length);
			result.output.forEach((item, i) => {
				const paired = (item.pairedItem as IPairedItemData | undefined)?.item === i;
				const expected = resolvable(items[i]) ? 'created' : 'failed';
				const got = item.json.status === 'created' ? 'created' : typeof item.json.error === 'string' ? 'failed' : 'missing';
				const stored = got !== 'created' || sim.state.associationsBetween('contacts', String(item.json.fromObjectId), 'companies', String(item.json.toObjectId)).length > 0;
				if (!paired || got !== expected || !stored) lost++;
			});
		}

		const figures = {
			executions: EXECUTIONS,
			items: ITEMS,
			distinctEmails: distinctEmails.size,
			distinctDomains: distinctDomains.length,
			pairs: pairs.size,
			requests: Object.fromEntries(kinds.map((kind) => [kind, { sent: sentOf(kind).length, minimum: minimum[kind] }])),
			otherRequests: all - kinds.reduce((sum, kind) => sum + sentOf(kind).length, 0),
			mainWindowRequests: { sent: sentOf(kinds[0]).length + sentOf(kinds[2]).length, minimum: mainRequests },
			wallSeconds: +(wallMs / 1000).toFixed(2),
			secondsFromStart: phases,
			// From the first lookup to the last create: the part of the run the rate limits govern.
			sendPhasePercentOfOptimum: +((100 * optimumMs) / Math.max(1, 1000 * ((phases.lastCreateAt ?? 0) - (phases.firstLookupAt ?? 0)))).toFixed(1),
			optimumSeconds: +(optimumMs / 1000).toFixed(2),
			percentOfOptimum: +((100 * optimumMs) / wallMs).toFixed(1),
			share429Percent: +((100 * rateLimited) / Math.max(1, all)).toFixed(2),
			responses429: rateLimited,
			created: result.output.filter((item) => item.json.status === 'created').length,
			failedLookups: result.output.filter((item) => typeof item.json.error === 'string').length,
			lost,
			nodeError: runs.map((run) => run.error?.message).find(Boolean),
		};
		process.stdout.write(`${JSON.stringify(figures, null, 1)}\n`);
	} finally {
		await sim.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
