import type { AssociationLabel } from '../helpers/associationLabels';
import { createdLabelTypes, internalLabelName } from '../helpers/labelNames';
import { knownObjectTypeId } from '../helpers/objectTypes';
import type { HubSpotAnswer, HubSpotClient } from '../transport';

export type FailedAnswer = Extract<HubSpotAnswer, { ok: false }>;

export type DirectionLabels = { labels: AssociationLabel[] } | { failed: FailedAnswer };

export type CreatedLabel = { forward: AssociationLabel; inverse?: AssociationLabel } | { failed: FailedAnswer };

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

	constructor(private readonly client: HubSpotClient) {}

	labelsPath(fromPathType: string, toPathType: string): string {
		return this.client.associationsPath(fromPathType, toPathType, 'labels');
	}

	async labels(fromPathType: string, toPathType: string): Promise<DirectionLabels> {
		const key = directionKey(fromPathType, toPathType);
		let read = this.reads.get(key);
		if (!read) {
			read = this.client.request({ method: 'GET', path: this.labelsPath(fromPathType, toPathType) }).then((answer): DirectionLabels => {
				if (!answer.ok) return { failed: answer };
				return { labels: ((answer.body as { results?: AssociationLabel[] })?.results ?? []).filter(Boolean) };
			});
			this.reads.set(key, read);
		}
		return await read;
	}

	/** Creates a label (paired when `inverseLabel` differs) and remembers both its types. */
	/** The body of `POST .../labels`: HubSpot also wants an internal name, derived from the text. */
	createBody(label: string, inverseLabel?: string) {
		return { label, name: internalLabelName(label), ...(inverseLabel ? { inverseLabel } : {}) };
	}

	async create(fromPathType: string, toPathType: string, label: string, inverseLabel?: string): Promise<CreatedLabel> {
		const body = this.createBody(label, inverseLabel);
		const answer = await this.client.request({ method: 'POST', path: this.labelsPath(fromPathType, toPathType), body });
		if (!answer.ok) return { failed: answer };
		const { forward, inverse } = createdLabelTypes((answer.body as { results?: AssociationLabel[] })?.results ?? [], label, inverseLabel);
		if (!forward) {
			const { statusCode, headers, attempts } = answer;
			return { failed: { ok: false, statusCode, headers, attempts, hubspot: { message: 'the answer names no type id for the new label' } } };
		}
		await this.remember(fromPathType, toPathType, forward);
		if (inverse) await this.remember(toPathType, fromPathType, inverse);
		return { forward, inverse };
	}

	/**
	 * The type of a label by name, created once per run and direction when missing (a single
	 * label, not paired); in a dry run a placeholder stands in for the label to create.
	 */
	async ensure(fromPathType: string, toPathType: string, name: string, dryRun: boolean): Promise<CreatedLabel> {
		const key = `${directionKey(fromPathType, toPathType)} ${name.trim().toLowerCase()}`;
		let creation = this.creations.get(key);
		if (!creation) {
			if (dryRun) {
				const placeholder: AssociationLabel = { category: 'USER_DEFINED', typeId: -(this.planned.size + 1), label: name };
				this.planned.set(placeholder.typeId, name);
				creation = Promise.resolve({ forward: placeholder });
			} else {
				creation = this.create(fromPathType, toPathType, name);
			}
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
