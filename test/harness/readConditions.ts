import type { HubSpotSimulator } from '../../tools/simulator';

export interface ReadConditions {
	pageSize: number;
	paging: 'byRecord' | 'byType';
	/** The n-th /crm request from now answers 503 (with no retries, it fails). */
	faultAt?: number;
}

/** How the simulator pages batch/read, and which request fails, for property specs. */
export function setReadConditions(sim: HubSpotSimulator, { pageSize, paging, faultAt }: ReadConditions): void {
	sim.faults.clear();
	sim.state.settings.readPageSize = pageSize;
	sim.state.settings.readPaging = paging;
	if (faultAt === undefined) return;
	if (faultAt > 1) sim.faults.next(faultAt - 1, { kind: 'slow', ms: 0 });
	sim.faults.next(1, { status: 503 });
}

export function resetReadConditions(sim: HubSpotSimulator): void {
	sim.faults.clear();
	sim.state.settings.readPageSize = 500;
	sim.state.settings.readPaging = 'byRecord';
}
