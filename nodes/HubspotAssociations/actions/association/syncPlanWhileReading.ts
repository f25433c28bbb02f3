import type { PlannedInput } from '../../helpers/interfaces';
import type { RecordRead } from '../../helpers/recordReads';
import { conflictingPrimaries, SyncPlanner, type SyncPlanSettings } from '../../helpers/syncPlan';
import type { FailedBeforeSending } from '../batchRunner';
import { RemovalHolds } from './syncUnlisted';

/**
 * Plans each from-record of a sync as its read comes in, while later reads are on their way, as
 * if every read succeeds: then the inputs to plan, the primaries they ask for on two pairs and the
 * failed items that keep a record's pairs (`RemovalHolds`) are those the sync finds once all reads
 * are in, and so is the plan. After a failed read it is not used: the sync plans again.
 */
export class PlanWhileReading {
	private started?: { conflicts: Map<PlannedInput, string>; planner: SyncPlanner };

	constructor(
		private readonly inputs: PlannedInput[],
		private readonly failedBefore: FailedBeforeSending,
		private readonly sameObjectType: boolean,
		private readonly settingsFor: (holds: RemovalHolds) => SyncPlanSettings,
	) {}

	/** For `readAssociations`: plans a record read completely. */
	readonly recordRead = (fromObjectId: string, read: RecordRead): void => {
		if (read.kind !== 'read') return;
		this.started ??= this.start();
		this.started.planner.addRecord(fromObjectId, read.associations);
	};

	/** The conflicts and the planner, once every read succeeded (undefined when no record was read). */
	get whenEveryRead(): { conflicts: Map<PlannedInput, string>; planner: SyncPlanner } | undefined {
		return this.started;
	}

	private start() {
		const conflicts = conflictingPrimaries(this.inputs);
		const holds = new RemovalHolds(this.failedBefore, this.sameObjectType);
		holds.addFailed(new Map([...conflicts.keys()].map((input) => [input, { kind: 'failed' }])));
		const readable = conflicts.size > 0 ? this.inputs.filter((input) => !conflicts.has(input)) : this.inputs;
		return { conflicts, planner: new SyncPlanner(readable, this.settingsFor(holds)) };
	}
}
