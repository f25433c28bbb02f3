import { errorsIn, listIn } from './answerShapes';
import type { AssociatedRecord, AssociationPage } from './associationReads';
import { batchStatusOf, unfinishedReadMessage } from './batchStatus';
import type { HubSpotBatchError, HubSpotErrorInfo } from './interfaces';

/** How the read of one from-record came out: every page read, or failed with HubSpot's reason. */
export type RecordRead = { kind: 'read'; associations: AssociatedRecord[] } | { kind: 'failed'; message: string; hubspot?: HubSpotErrorInfo };

const isReadableType = (type: unknown) => {
	const { category, typeId } = (type ?? {}) as { category?: unknown; typeId?: unknown };
	return typeof type === 'object' && type !== null && typeof category === 'string' && Number.isSafeInteger(typeId);
};

/** A to-record this node can tell the types of: an id, and (when given) a list of types each with a category and an integer id. */
function isReadableRecord(record: unknown): boolean {
	if (typeof record !== 'object' || record === null) return false;
	const { toObjectId, associationTypes } = record as { toObjectId?: unknown; associationTypes?: unknown };
	return (typeof toObjectId === 'string' || typeof toObjectId === 'number') && (associationTypes === undefined || (Array.isArray(associationTypes) && associationTypes.every(isReadableType)));
}

/** One input of a `batch/read` request: a record's first page, or the page after a cursor. */
export interface PageRequest {
	id: string;
	after?: string;
}

interface Reading {
	records: AssociatedRecord[];
	/** Built on a record's second page: where each to-record already read sits. */
	byToId?: Map<string, AssociatedRecord>;
	cursors: Set<string>;
}

/** How an answer's errors are read: the from-ids each names, and whether it says "no associations". */
export interface ErrorReader {
	idsNamed(error: HubSpotBatchError): string[];
	isNoAssociations(error: HubSpotBatchError): boolean;
	failureOf(error: HubSpotBatchError): Extract<RecordRead, { kind: 'failed' }>;
}

/**
 * The one read model of every operation: folds `batch/read` answers into one outcome per
 * from-record. A record is `read` only once its last page arrived; an error naming it, a failed
 * request for one of its pages, an answer that leaves out a later page of it or one whose status
 * is not COMPLETE makes it `failed`, whatever its earlier pages held. A to-record split across pages is one entry, its types merged.
 */
export class RecordReads {
	readonly outcomes = new Map<string, RecordRead>();
	private readonly reading = new Map<string, Reading>();

	constructor(
		private readonly errors: ErrorReader,
		/** Told each record's outcome as soon as it is known, while other reads may still be on their way. */
		private readonly onSettled?: (id: string, outcome: RecordRead) => void,
	) {}

	/**
	 * Folds a 2xx answer to `requested`; returns the pages still to ask for. An answer whose status
	 * is not COMPLETE fails the records it was asked for: what it leaves out may be held all the same.
	 */
	answer(requested: PageRequest[], body: { status?: string; results?: AssociationPage[]; errors?: HubSpotBatchError[] } | undefined): PageRequest[] {
		const status = batchStatusOf(body);
		if (status !== 'COMPLETE') {
			this.fail(requested, { kind: 'failed', message: unfinishedReadMessage(status) });
			return [];
		}
		// HubSpot leaves out a record without associations: from a `results` that is not a list, none could be told apart from those.
		if (body?.results !== undefined && !Array.isArray(body.results)) {
			this.fail(requested, { kind: 'failed', message: 'HubSpot answered the read with results that are not a list: what the record holds could not be read' });
			return [];
		}
		const asked = new Map(requested.map((request) => [request.id, request]));
		const answered = new Set<string>();
		const next: PageRequest[] = [];
		const errors = errorsIn(body?.errors);
		for (const error of errors) {
			const named = this.errors.idsNamed(error).filter((id) => asked.has(id));
			for (const id of named) {
				answered.add(id);
				const firstPage = asked.get(id)!.after === undefined;
				if (firstPage && this.errors.isNoAssociations(error)) this.settle(id, { kind: 'read', associations: [] });
				else this.settle(id, this.errors.failureOf(error));
			}
		}
		for (const page of listIn<AssociationPage | null>(body?.results)) {
			const id = page?.from?.id === undefined ? undefined : String(page.from.id);
			if (id === undefined || !asked.has(id) || this.outcomes.has(id)) continue;
			answered.add(id);
			if (page!.to !== undefined && (!Array.isArray(page!.to) || !page!.to.every(isReadableRecord))) {
				this.settle(id, { kind: 'failed', message: 'HubSpot answered this record with associations it cannot read (not a list of records, each with an id and types): what it holds could not be read' });
				continue;
			}
			const after = page!.paging?.next?.after;
			const reading = this.fold(id, page!.to ?? []);
			if (!after) this.settle(id, { kind: 'read', associations: reading.records });
			else if (reading.cursors.has(after)) this.settle(id, { kind: 'failed', message: `HubSpot answered a paging cursor it had given before (${after}): the read would never end` });
			else {
				reading.cursors.add(after);
				next.push({ id, after });
			}
		}
		const unnamed = errors.filter((error) => !this.errors.isNoAssociations(error) && this.errors.idsNamed(error).every((id) => !asked.has(id)));
		for (const request of requested) {
			if (answered.has(request.id)) continue;
			// HubSpot leaves out a record without associations; an error it could not tie to a record may be this one's.
			if (unnamed.length > 0) this.settle(request.id, this.errors.failureOf(unnamed[0]));
			else if (request.after === undefined) this.settle(request.id, { kind: 'read', associations: [] });
			else this.settle(request.id, { kind: 'failed', message: `HubSpot answered no page after cursor ${request.after}: the read is incomplete` });
		}
		return next;
	}

	/** A request that failed as a whole fails the records it asked pages of; records already read stay read. */
	fail(requested: PageRequest[], failure: Extract<RecordRead, { kind: 'failed' }>): void {
		for (const { id } of requested) this.settle(id, failure);
	}

	private fold(id: string, page: AssociatedRecord[]): Reading {
		const reading = this.reading.get(id);
		if (!reading) {
			// A record's first page is kept as parsed: most records have one.
			const first = { records: page, cursors: new Set<string>() };
			this.reading.set(id, first);
			return first;
		}
		reading.byToId ??= new Map(reading.records.map((record) => [String(record.toObjectId), record]));
		for (const record of page) {
			const toId = String(record.toObjectId);
			const known = reading.byToId.get(toId);
			if (!known) {
				reading.byToId.set(toId, record);
				reading.records.push(record);
				continue;
			}
			const types = known.associationTypes ?? [];
			const held = new Set(types.map((type) => `${type.category}:${type.typeId}`));
			known.associationTypes = [...types, ...(record.associationTypes ?? []).filter((type) => !held.has(`${type.category}:${type.typeId}`))];
		}
		return reading;
	}

	private settle(id: string, outcome: RecordRead): void {
		if (this.outcomes.has(id)) return;
		this.outcomes.set(id, outcome);
		this.reading.delete(id);
		this.onSettled?.(id, outcome);
	}
}
