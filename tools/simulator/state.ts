import { AssociationDefinitions, type AssociationCategory } from './associationDefinitions';
import { AssociationStore } from './associationStore';
import { OBJECT_TYPES, resolveObjectType, type ObjectTypeInfo } from './objectTypes';
import { PropertyStore } from './propertyStore';
import { RecordStore } from './records';
import { TokenStore } from './tokens';

export interface AssociationSpec {
	associationCategory: AssociationCategory;
	associationTypeId: number;
}

export interface SimulatorSettings {
	/** Status of a fully successful 2026-03 batch/create: HubSpot answers 200 since 2025-08, the spec says 201. */
	createSuccessStatus: 200 | 201;
	/**
	 * What batch/read answers for an existing record without associations: an empty `to` list,
	 * or an error per record ("No company is associated with contact 5.") as HubSpot has been seen to do.
	 */
	readWithoutAssociations: 'empty' | 'error';
	/** Associated records per input id and page of batch/read (association types with `readPaging: 'byType'`). */
	readPageSize: number;
	/**
	 * How batch/read cuts a record's associations into pages: whole to-records, or one entry per
	 * association type, so a to-record with several types can be split across two pages and then
	 * appears on both (as HubSpot's pages of association rows can do).
	 */
	readPaging: 'byRecord' | 'byType';
	/**
	 * What batch/create does to a pair's other labels: `replace` drops them (as HubSpot documents
	 * "can" happen), `keep` adds the requested types to them, for specs that must not rely on either.
	 */
	createLabels: 'replace' | 'keep';
}

/** Everything the simulated portal holds; tests seed and inspect it directly. */
export class SimulatorState {
	readonly records = new RecordStore();
	readonly properties = new PropertyStore(this.records);
	readonly definitions = new AssociationDefinitions();
	readonly associations = new AssociationStore();
	readonly tokens: TokenStore;
	readonly settings: SimulatorSettings = { createSuccessStatus: 200, readWithoutAssociations: 'empty', readPageSize: 500, readPaging: 'byRecord', createLabels: 'replace' };

	constructor(tokenLifetimeSeconds: number) {
		this.tokens = new TokenStore(tokenLifetimeSeconds);
	}

	/** Accepts what a path accepts: `contacts`, `contact`, `0-1`, `2-3456789`, `p12345678_cars`. */
	objectType(nameOrId: string): ObjectTypeInfo {
		const type = resolveObjectType(nameOrId);
		if (!type) throw new Error(`the simulator has no object type ${nameOrId}`);
		return type;
	}

	objectTypes(): readonly ObjectTypeInfo[] {
		return OBJECT_TYPES;
	}

	addRecord(objectType: string, id: string): void {
		this.records.add(this.objectType(objectType), id);
	}

	removeRecord(objectType: string, id: string): void {
		this.records.remove(this.objectType(objectType), id);
	}

	/** Gives a record another value of a property, e.g. a domain two companies share. */
	setProperty(objectType: string, id: string, property: string, value: string): void {
		const type = this.objectType(objectType);
		const definition = type.properties.find((candidate) => candidate.name === property);
		if (!definition) throw new Error(`the simulator's ${type.name} have no property ${property}`);
		this.properties.set(type, id, definition, value);
	}

	hasRecord(objectType: string, id: string): boolean {
		return this.records.exists(this.objectType(objectType), id);
	}

	listRecords(objectType: string): string[] {
		return this.records.list(this.objectType(objectType));
	}

	/** The types on the association from one record to another, read in that direction, by type id. */
	associationsBetween(fromObjectType: string, fromId: string, toObjectType: string, toId: string): AssociationSpec[] {
		const from = this.objectType(fromObjectType).objectTypeId;
		const to = this.objectType(toObjectType).objectTypeId;
		return [...this.associations.definitionsOn({ objectTypeId: from, id: fromId }, { objectTypeId: to, id: toId })]
			.map((definition) => this.definitions.directed(definition, from))
			.map((type) => ({ associationCategory: type.category, associationTypeId: type.typeId }))
			.sort((x, y) => x.associationTypeId - y.associationTypeId);
	}

	/** Seeds an association without a request; `typeIds` are read from→to and default to the unlabeled type. */
	associate(fromObjectType: string, fromId: string, toObjectType: string, toId: string, typeIds?: number[]): void {
		const from = this.objectType(fromObjectType).objectTypeId;
		const to = this.objectType(toObjectType).objectTypeId;
		const unlabeled = this.definitions.unlabeled(from, to);
		if (!unlabeled) throw new Error(`no association types from ${from} to ${to}`);
		const types = (typeIds ?? [unlabeled.typeId]).map((typeId) => {
			const type = this.definitions.find(from, to, typeId);
			if (!type) throw new Error(`type ${typeId} is not defined from ${from} to ${to}`);
			return type.definition;
		});
		this.associations.set({ objectTypeId: from, id: fromId }, { objectTypeId: to, id: toId }, [unlabeled.definition, ...types]);
	}

	/** Ids of `toObjectType` records associated with a record. */
	associatedIds(fromObjectType: string, fromId: string, toObjectType: string): string[] {
		const from = this.objectType(fromObjectType).objectTypeId;
		return this.associations.associatedIds({ objectTypeId: from, id: fromId }, this.objectType(toObjectType).objectTypeId);
	}

	/** The association types of one direction, as `GET .../labels` lists them. */
	labels(fromObjectType: string, toObjectType: string): Array<{ category: AssociationCategory; typeId: number; label?: string }> {
		const from = this.objectType(fromObjectType).objectTypeId;
		const to = this.objectType(toObjectType).objectTypeId;
		return this.definitions.forDirection(from, to).map(({ category, typeId, label }) => ({ category, typeId, ...(label === undefined ? {} : { label }) }));
	}

	get associationCount(): number {
		return this.associations.size;
	}

	clearAssociations(): void {
		this.associations.clear();
	}

	addPrivateAppToken(token: string): void {
		this.tokens.addPrivateAppToken(token);
	}

	/** Makes an issued access token expire now, so the next call answers 401. */
	expireToken(accessToken: string): void {
		this.tokens.expire(accessToken);
	}

	expireAllAccessTokens(): void {
		this.tokens.expireAll();
	}

	/** Models an uninstalled app: the refresh grant then answers BAD_REFRESH_TOKEN (see `refreshRefusal`). */
	revokeRefreshToken(refreshToken: string): void {
		this.tokens.revokeRefreshToken(refreshToken);
	}

	/**
	 * How a refused refresh grant answers: HubSpot's `{status: "BAD_REFRESH_TOKEN", message}` (default)
	 * or with OAuth's `error: "invalid_grant"` and `error_description` beside HubSpot's fields, both 400.
	 */
	refreshRefusal: 'BAD_REFRESH_TOKEN' | 'invalid_grant' = 'BAD_REFRESH_TOKEN';
}
