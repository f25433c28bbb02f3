/**
 * The Sync case of `npm run bench:throughput -- --only sync`: 10,000 contacts in mixed states
 * against companies, 5 contacts a company (so batches share to-records, as HubSpot's record locks
 * care about). By contact id modulo 5: unchanged, to create, a label to add (create), a label to
 * drop (labels/archive), an unlisted pair to remove (archive).
 */
import type { IDataObject } from 'n8n-workflow';
import type { HubSpotSimulator } from '../simulator';

const UNLABELED = 'HUBSPOT_DEFINED:279';
const BILLING = 'USER_DEFINED:36';
const COMPANIES = 2_000;

const companyOf = (contact: number) => 1 + (contact % COMPANIES);
/** The company of a state-4 contact's unlisted pair. */
const unlistedCompanyOf = (contact: number) => COMPANIES + 1 + (contact % COMPANIES);

export function syncStateItems(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => {
		const contact = i + 1;
		return { contactId: String(contact), companyId: String(companyOf(contact)), types: contact % 5 === 2 ? [UNLABELED, BILLING] : [UNLABELED] };
	});
}

/** What HubSpot holds before the run. */
export function seedSyncStates(sim: HubSpotSimulator, count: number): void {
	for (let contact = 1; contact <= count; contact++) {
		const state = contact % 5;
		const seed = (company: number, typeIds: number[]) => sim.state.associate('contacts', String(contact), 'companies', String(company), typeIds);
		if (state === 0 || state === 2 || state === 4) seed(companyOf(contact), []);
		if (state === 3) seed(companyOf(contact), [36]);
		if (state === 4) seed(unlistedCompanyOf(contact), []);
	}
}

/** Requests the sync needs at least: reads of 1,000 records, creates of 2,000 pairs, removals of 100 (the defaults). */
export function syncRequestsNeeded(count: number): Record<string, number> {
	const inState = (state: number) => Array.from({ length: count }, (_, i) => i + 1).filter((contact) => contact % 5 === state).length;
	return {
		'batch/read': Math.ceil(count / 1000),
		'batch/create': Math.ceil((inState(1) + inState(2)) / 2000),
		'batch/labels/archive': Math.ceil(inState(3) / 100),
		'batch/archive': Math.ceil(inState(4) / 100),
	};
}

/** Whether HubSpot holds what the input asked, contact by contact; the first few differences. */
export function syncStateDifferences(sim: HubSpotSimulator, count: number): string[] {
	const differences: string[] = [];
	for (let contact = 1; contact <= count && differences.length < 5; contact++) {
		const held = sim.state.associatedIds('contacts', String(contact), 'companies');
		const types = sim.state.associationsBetween('contacts', String(contact), 'companies', String(companyOf(contact))).map((type) => type.associationTypeId);
		const wanted = contact % 5 === 2 ? [36, 279] : [279];
		if (held.join() !== String(companyOf(contact)) || [...types].sort((a, b) => a - b).join() !== wanted.join()) {
			differences.push(`contact ${contact}: companies ${held.join(',')}, types ${types.join(',')}`);
		}
	}
	return differences;
}
