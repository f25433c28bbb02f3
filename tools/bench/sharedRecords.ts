/**
 * Inputs for the latency part of `npm run bench:throughput` in which pairs share records across
 * the input, as CRM exports do: HubSpot locks a record while a write changes it (423), so these
 * show whether parallel batches trade 423s. Seeded: every run sends the same items.
 */
import type { IDataObject } from 'n8n-workflow';
import { SeededRandom } from '../simulator/random';

export type LatencyData = 'distinct' | 'companies' | 'linkedCompanies';

const COMPANIES = 5_000;

/**
 * `companies`: every contact works for one of 5,000 companies (about 20 contacts each), listed in
 * random order, so a company's contacts are spread over the whole input.
 * `linkedCompanies`: the same, but one contact in ten also works for a second company, which links
 * almost every company to every other through some contact (no cut keeps batches apart).
 */
export function sharedRecordItems(count: number, data: Exclude<LatencyData, 'distinct'>): IDataObject[] {
	const random = new SeededRandom(13);
	const pairs: IDataObject[] = [];
	for (let contact = 1; pairs.length < count; contact++) {
		const company = 1 + random.below(COMPANIES);
		pairs.push({ contactId: String(contact), companyId: String(company) });
		if (data === 'linkedCompanies' && contact % 10 === 0 && pairs.length < count) {
			pairs.push({ contactId: String(contact), companyId: String(1 + ((company + random.below(COMPANIES - 1)) % COMPANIES)) });
		}
	}
	return random.shuffle(pairs);
}
