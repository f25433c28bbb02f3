import type { AssociationLabel } from '../helpers/associationLabels';
import { internalLabelName, inverseTypeIds, labelTextKey } from '../helpers/labelNames';
import { knownObjectTypeId } from '../helpers/objectTypes';
import type { HubSpotAnswer, HubSpotClient } from '../transport';
import { createLabel, deleteLabel } from './labelWrites';

export type FailedAnswer = Extract<HubSpotAnswer, { ok: false }>;

export type DirectionLabels = { labels: AssociationLabel[] } | { failed: FailedAnswer };

/**
 * A label a run created, or found after its create failed: `ours` when the failure came after
 * HubSpot may have applied the create (a retry, a 5xx, a reset), `existing` when HubSpot refused
 * it because another run had created it. `planned` in a dry run: a placeholder, not yet created.
 */
export type CreatedLabel =
	| { forward: AssociationLabel; inverse?: AssociationLabel; found?: 'ours' | 'existing'; refused?: FailedAnswer; planned?: boolean }
	| { failed: FailedAnswer };

function directionKey(fromPathType: string, toPathType: string): string {
	return `${knownObjectTypeId(fromPathType) ?? fromPathType} ${knownObjectTypeId(toPathType) ?? toPathType}`;
}

/**
 * The association types of each direction a run touches, read once per direction
 * (`GET .../labels`) and kept up to date with the labels the run creates, renames or deletes.
 * In a dry run, labels to create get placeholder types (negative ids) instead of a request.
 */
export class LabelDirectory {
	private readonly reads = new Map<string, Promise<DirectionLabels>>();
	private readonly creations = new Map<string, Promise<CreatedLabel>>();
	private readonly planned = new Map<number, string>();

	constructor(readonly client: HubSpotClient) {}

	labelsPath(fromPathType: string, toPathType: string): string {
		return this.client.associationsPath(fromPathType, toPathType, 'labels');
	}

	async labels(fromPathType: string, toPathType: string): Promise<DirectionLabels> {
		const key = directionKey(fromPathType, toPathType);
		let read = this.reads.get(key);
		if (!read) {
			read = this.client.request({ method: 'GET', path: this.labelsPath(fromPathType, toPathType) }).then((answer): DirectionLabels => {
				if (!answer.ok) return { failed: answer };
				const results = (answer.body as { results?: unknown } | undefined)?.results ?? [];
				// Labels that are not a list are not "no labels": every name would then fail as unknown.
				if (!Array.isArray(results)) return { failed: { ok: false, statusCode: answer.statusCode, headers: answer.headers, attempts: 1, hubspot: { message: 'the labels it lists are not a list' } } };
				return { labels: (results as Array<AssociationLabel | null>).filter((label): label is AssociationLabel => typeof label === 'object' && label !== null) };
			});
			this.reads.set(key, read);
		}
		return await read;
	}

	/** The labels of a direction as last read, when a read has answered: no request of its own. */
	async known(fromPathType: string, toPathType: string): Promise<AssociationLabel[] | undefined> {
		const read = await this.reads.get(directionKey(fromPathType, toPathType));
		return read && 'labels' in read ? read.labels : undefined;
	}

	/**
	 * The inverse type of each user-defined label of a direction. Between two object types the
	 * other direction's list pairs them; within one object type (contact→contact) both types of a
	 * pair sit in one list and nothing tells which goes with which, so none is paired.
	 */
	async inverses(fromPathType: string, toPathType: string): Promise<Map<number, AssociationLabel> | { failed: FailedAnswer }> {
		if (this.isSameObject(fromPathType, toPathType)) return new Map();
		const forward = await this.labels(fromPathType, toPathType);
		if ('failed' in forward) return forward;
		const backward = await this.labels(toPathType, fromPathType);
		if ('failed' in backward) return backward;
		return inverseTypeIds(forward.labels.filter((label) => label.typeId > 0), backward.labels);
	}

	/** A direction within one object type (contact→contact): its one list holds both types of each label. */
	isSameObject(fromPathType: string, toPathType: string): boolean {
		return directionKey(fromPathType, toPathType) === directionKey(toPathType, fromPathType);
	}

	/** The body of `POST .../labels`: HubSpot also wants an internal name, derived from the text. */
	createBody(label: string, inverseLabel?: string) {
		return { label, name: internalLabelName(label), ...(inverseLabel ? { inverseLabel } : {}) };
	}

	/**
	 * Creates a label (paired when `inverseLabel` differs) and remembers both its types. In a dry
	 * run the direction remembers a placeholder (negative type id) instead, so the rest of the run
	 * plans as a real one would. How a failed create is checked: labelWrites.ts.
	 */
	async create(fromPathType: string, toPathType: string, label: string, inverseLabel?: string, { dryRun = false, acceptExisting = true } = {}): Promise<CreatedLabel> {
		if (dryRun) {
			const placeholder: AssociationLabel = { category: 'USER_DEFINED', typeId: -(this.planned.size + 1), label };
			this.planned.set(placeholder.typeId, label);
			await this.remember(fromPathType, toPathType, placeholder);
			return { forward: placeholder, planned: true };
		}
		return await createLabel(this, fromPathType, toPathType, { label, inverseLabel, acceptExisting });
	}

	/** Reads a direction's labels again (and the other direction's when needed), e.g. after a write whose answer failed. */
	async reread(fromPathType: string, toPathType: string): Promise<DirectionLabels> {
		this.reads.delete(directionKey(fromPathType, toPathType));
		this.reads.delete(directionKey(toPathType, fromPathType));
		return await this.labels(fromPathType, toPathType);
	}

	/** Deletes a user-defined label and forgets it (see labelWrites.ts). */
	async delete(fromPathType: string, toPathType: string, typeId: number): Promise<{ deleted: true } | { failed: FailedAnswer }> {
		return await deleteLabel(this, fromPathType, toPathType, typeId);
	}

	/**
	 * The type of a label by name, created once per run and direction when missing (a single
	 * label, not paired); in a dry run a placeholder stands in for the label to create.
	 */
	async ensure(fromPathType: string, toPathType: string, name: string, dryRun: boolean): Promise<CreatedLabel> {
		const key = `${directionKey(fromPathType, toPathType)} ${labelTextKey(name)}`;
		let creation = this.creations.get(key);
		if (!creation) {
			creation = this.create(fromPathType, toPathType, name, undefined, { dryRun });
			this.creations.set(key, creation);
		}
		return await creation;
	}

	/** The label a dry run would create for a placeholder type id. */
	plannedLabel(typeId: number): string | undefined {
		return this.planned.get(typeId);
	}

	async remember(fromPathType: string, toPathType: string, label: AssociationLabel): Promise<void> {
		const known = await this.reads.get(directionKey(fromPathType, toPathType));
		if (known && 'labels' in known && !findLabelById(known.labels, label.typeId)) known.labels.push(label);
	}

	/** After a rename; the other direction (whose inverse text may have changed) is read again if needed. */
	async rename(fromPathType: string, toPathType: string, typeId: number, label: string): Promise<void> {
		const known = await this.reads.get(directionKey(fromPathType, toPathType));
		const type = known && 'labels' in known ? findLabelById(known.labels, typeId) : undefined;
		if (type) type.label = label;
		this.reads.delete(directionKey(toPathType, fromPathType));
	}

	/** After a delete: this direction forgets the type, the other direction is read again if needed. */
	async forget(fromPathType: string, toPathType: string, typeId: number): Promise<void> {
		const known = await this.reads.get(directionKey(fromPathType, toPathType));
		const index = known && 'labels' in known ? known.labels.findIndex((label) => label.typeId === typeId) : -1;
		if (known && 'labels' in known && index >= 0) known.labels.splice(index, 1);
		this.reads.delete(directionKey(toPathType, fromPathType));
	}
}

function findLabelById(labels: readonly AssociationLabel[], typeId: number): AssociationLabel | undefined {
	return labels.find((label) => label.typeId === typeId);
}
