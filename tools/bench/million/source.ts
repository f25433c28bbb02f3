/**
 * The large source `bench:million` imports: a PostgreSQL table of contact → company pairs, one
 * row per pair, keyed by `row_id` (what a user exporting from their own database would have).
 * Pair i (0-based) links contact (i mod 100,000) + 1 to a company 2,000 × ⌊i / 100,000⌋ further
 * along: up to 1,000,000 distinct pairs, all between records the simulator seeds (contacts
 * 1–100,000, companies 1–20,000), about 50 contacts per company.
 */
import { spawnSync } from 'child_process';
import type { Postgres } from '../../e2e/services';

const CONTACTS = 100_000;
const COMPANIES = 20_000;
const STEP = 2_000;
export const MAX_PAIRS = CONTACTS * (COMPANIES / STEP);
export const SOURCE_DATABASE = 'import_source';

export function pairOf(index: number): { contactId: string; companyId: string } {
	const contact = index % CONTACTS;
	return { contactId: String(contact + 1), companyId: String(((contact + STEP * Math.floor(index / CONTACTS)) % COMPANIES) + 1) };
}

/** The inverse of pairOf, or -1 for a pair the source does not hold (among its first `pairs`). */
export function indexOf(contactId: string, companyId: string, pairs: number): number {
	const contact = Number(contactId) - 1;
	const offset = (((Number(companyId) - 1 - contact) % COMPANIES) + COMPANIES) % COMPANIES;
	if (!Number.isInteger(contact) || contact < 0 || contact >= CONTACTS || offset % STEP !== 0) return -1;
	const index = (offset / STEP) * CONTACTS + contact;
	return index < pairs ? index : -1;
}

function psql(postgres: Postgres, database: string, sql: string): void {
	const result = spawnSync('psql', ['-h', '127.0.0.1', '-p', String(postgres.port), '-U', postgres.user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], {
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`psql failed (${result.status ?? result.signal}): ${result.stderr}`);
}

/** Creates the source database and fills its table with the first `pairs` pairs (rows 1…pairs). */
export function createSource(postgres: Postgres, pairs: number): void {
	if (!(Number.isInteger(pairs) && pairs >= 1 && pairs <= MAX_PAIRS)) throw new Error(`--pairs must be a whole number from 1 to ${MAX_PAIRS}`);
	psql(postgres, postgres.database, `CREATE DATABASE ${SOURCE_DATABASE}`);
	psql(
		postgres,
		SOURCE_DATABASE,
		`CREATE TABLE contact_company_links (row_id bigint PRIMARY KEY, contact_id bigint NOT NULL, company_id bigint NOT NULL);
		 INSERT INTO contact_company_links
		 SELECT i + 1, i % ${CONTACTS} + 1, (i % ${CONTACTS} + ${STEP} * (i / ${CONTACTS})) % ${COMPANIES} + 1
		 FROM generate_series(0::bigint, ${pairs - 1}) AS i;
		 ANALYZE contact_company_links;`,
	);
}

/** n8n's Postgres credential for the source database (trust authentication: the password is unused). */
export function sourceCredential(postgres: Postgres, reference: { id: string; name: string }) {
	return {
		...reference,
		type: 'postgres',
		data: { host: '127.0.0.1', port: postgres.port, database: SOURCE_DATABASE, user: postgres.user, password: 'unused-trust-auth', ssl: 'disable', maxConnections: 10 },
	};
}
