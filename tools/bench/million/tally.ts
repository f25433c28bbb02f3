/**
 * What the simulator was asked and answered during `bench:million`, kept small: the recorded
 * requests are drained as they come (a million pairs' bodies would otherwise stay in memory),
 * counting per pair how often an accepted batch/create named it.
 */
import type { HubSpotSimulator } from '../../simulator';
import { indexOf } from './source';

const CREATE = 'associations/batch/create';

export interface Slim {
	kind: string;
	status: number;
	at: number;
}

export class RequestTally {
	/** Every request as kind, status and time (for rateFigures). */
	readonly requests: Slim[] = [];
	/** Times each source pair was named by a batch/create HubSpot accepted (2xx). */
	readonly sentPerPair: Uint8Array;
	/** Inputs of accepted batch/creates that are not pairs of the source. */
	foreign = 0;
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly sim: HubSpotSimulator,
		private readonly pairs: number,
	) {
		this.sentPerPair = new Uint8Array(pairs);
	}

	start(): void {
		this.sim.requests.length = 0;
		this.timer = setInterval(() => this.drain(), 250);
	}

	stop(): void {
		clearInterval(this.timer);
		this.drain();
	}

	private drain(): void {
		for (const request of this.sim.requests.splice(0)) {
			const { status } = request;
			this.requests.push({ kind: request.kind, status, at: request.at });
			if (request.kind !== CREATE || status < 200 || status > 299) continue;
			for (const input of (request.body as { inputs: Array<{ from: { id: string }; to: { id: string } }> }).inputs) {
				const index = indexOf(input.from.id, input.to.id, this.pairs);
				if (index < 0) this.foreign++;
				else if (this.sentPerPair[index] < 255) this.sentPerPair[index]++;
			}
		}
	}
}

export interface StoredCheck {
	/** Pairs the simulator holds, all pairs. */
	stored: number;
	/** Source pairs missing from the simulator, or holding other types than the unlabeled one. */
	missing: number;
	wrongTypes: number;
	/** Source pairs accepted more than once, or never. */
	sentTwice: number;
	neverSent: number;
}

/** Each source pair stored once with only the unlabeled type (279), nothing else stored, each sent once. */
export function checkStored(sim: HubSpotSimulator, tally: RequestTally, pairOf: (index: number) => { contactId: string; companyId: string }): StoredCheck {
	let missing = 0;
	let wrongTypes = 0;
	let sentTwice = 0;
	let neverSent = 0;
	for (let index = 0; index < tally.sentPerPair.length; index++) {
		const { contactId, companyId } = pairOf(index);
		const types = sim.state.associationsBetween('0-1', contactId, '0-2', companyId);
		if (types.length === 0) missing++;
		else if (types.length !== 1 || types[0].associationTypeId !== 279) wrongTypes++;
		if (tally.sentPerPair[index] === 0) neverSent++;
		else if (tally.sentPerPair[index] > 1) sentTwice++;
	}
	return { stored: sim.state.associationCount, missing, wrongTypes, sentTwice, neverSent };
}
