import { CARS_OBJECT_TYPE_ID } from './objectTypes';

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED' | 'WORK';

/** One association type as seen from one direction (`typeId` names that direction only). */
export interface DirectedType {
	typeId: number;
	label?: string;
}

/**
 * A pair of association types between object types `a` and `b`: HubSpot defines each
 * association in both directions with two type ids, and one association is readable from
 * either side. `onePerA` marks primary types: each `a` record holds it towards at most one `b`.
 */
export interface AssociationDefinition {
	a: string;
	b: string;
	category: AssociationCategory;
	aToB: DirectedType;
	bToA: DirectedType;
	/** Internal name of user-defined labels (`POST .../labels` `name`). */
	name?: string;
	onePerA?: boolean;
	/**
	 * Same-object pairs (`a === b`) with two type ids: the same association read from its other
	 * end, a definition of its own with the sides swapped (sharing their `DirectedType`s, so a
	 * rename reaches both). A stored pair holds whichever of the two its first end reads.
	 */
	mirror?: AssociationDefinition;
}

/** An association type resolved for one direction. */
export interface DirectionalType {
	definition: AssociationDefinition;
	category: AssociationCategory;
	typeId: number;
	label?: string;
}

function pair(a: string, b: string, aToB: number, bToA: number, extra: Partial<AssociationDefinition> = {}): AssociationDefinition {
	return { a, b, category: 'HUBSPOT_DEFINED', aToB: { typeId: aToB }, bToA: { typeId: bToA }, ...extra };
}

function primary(a: string, b: string, aToB: number, bToA: number): AssociationDefinition {
	return pair(a, b, aToB, bToA, { aToB: { typeId: aToB, label: 'Primary' }, bToA: { typeId: bToA, label: 'Primary' }, onePerA: true });
}

function userLabel(a: string, b: string, aToB: number, bToA: number, label: string, inverseLabel = label): AssociationDefinition {
	return {
		a,
		b,
		category: 'USER_DEFINED',
		aToB: { typeId: aToB, label },
		bToA: { typeId: bToA, label: inverseLabel },
		name: label.toLowerCase().replace(/\W+/g, '_'),
	};
}

/** A same-object pair with two type ids (company parent/child, Manager/Employee) and its mirror. */
function sameObject(definition: AssociationDefinition): AssociationDefinition[] {
	const mirror: AssociationDefinition = { ...definition, aToB: definition.bToA, bToA: definition.aToB, mirror: definition };
	definition.mirror = mirror;
	return [definition, mirror];
}

const CONTACT = '0-1';
const COMPANY = '0-2';
const DEAL = '0-3';
const TICKET = '0-5';
const NOTE = '0-46';
const CAR = CARS_OBJECT_TYPE_ID;

/** The type ids HubSpot documents for the standard objects, plus a few labels and custom-object types. */
export function seededDefinitions(): AssociationDefinition[] {
	return [
		pair(CONTACT, COMPANY, 279, 280),
		pair(CONTACT, CONTACT, 449, 449),
		...sameObject(userLabel(CONTACT, CONTACT, 145, 146, 'Manager', 'Employee')),
		pair(COMPANY, COMPANY, 450, 450),
		...sameObject(pair(COMPANY, COMPANY, 13, 14, { aToB: { typeId: 13, label: 'Parent Company' }, bToA: { typeId: 14, label: 'Child Company' } })),
		primary(CONTACT, COMPANY, 1, 2),
		userLabel(CONTACT, COMPANY, 36, 37, 'Billing contact'),
		userLabel(CONTACT, COMPANY, 38, 39, 'Former employee', 'Former employer'),
		pair(DEAL, CONTACT, 3, 4),
		pair(DEAL, COMPANY, 341, 342),
		primary(DEAL, COMPANY, 5, 6),
		pair(TICKET, CONTACT, 16, 15),
		pair(TICKET, COMPANY, 339, 340),
		primary(TICKET, COMPANY, 26, 25),
		pair(DEAL, TICKET, 27, 28),
		pair(NOTE, CONTACT, 202, 201),
		pair(NOTE, COMPANY, 190, 189),
		pair(NOTE, DEAL, 214, 213),
		pair(NOTE, TICKET, 228, 227),
		pair(CAR, CONTACT, 901, 902),
		pair(CAR, COMPANY, 903, 904),
		pair(CAR, DEAL, 905, 906),
		userLabel(CAR, CONTACT, 907, 908, 'Owner', 'Owned car'),
	];
}

/** The association types of the portal, by direction; user-defined labels can be added and removed. */
export class AssociationDefinitions {
	private readonly definitions: AssociationDefinition[] = seededDefinitions();
	private nextUserTypeId = 100;

	/** Types from `fromTypeId` to `toTypeId`, unlabeled first; empty when the direction does not exist. */
	forDirection(fromTypeId: string, toTypeId: string): DirectionalType[] {
		const found: DirectionalType[] = [];
		for (const definition of this.definitions) {
			const directed = directedSide(definition, fromTypeId, toTypeId);
			if (directed) found.push({ definition, category: definition.category, ...directed });
		}
		return found.sort((x, y) => Number(x.label !== undefined) - Number(y.label !== undefined));
	}

	find(fromTypeId: string, toTypeId: string, typeId: number): DirectionalType | undefined {
		return this.forDirection(fromTypeId, toTypeId).find((type) => type.typeId === typeId);
	}

	/** The default (unlabeled) type of a direction; every existing direction has one. */
	unlabeled(fromTypeId: string, toTypeId: string): DirectionalType | undefined {
		return this.forDirection(fromTypeId, toTypeId).find((type) => type.category === 'HUBSPOT_DEFINED' && type.label === undefined);
	}

	/** Reads a stored definition in the given direction. */
	directed(definition: AssociationDefinition, fromTypeId: string): DirectionalType {
		const side = fromTypeId === definition.a ? definition.aToB : definition.bToA;
		return { definition, category: definition.category, ...side };
	}

	/** The type the other end reads for a definition read from `fromTypeId` (the inverse label). */
	inverse(definition: AssociationDefinition, fromTypeId: string): DirectionalType {
		if (definition.a === definition.b) return this.directed(definition.mirror ?? definition, fromTypeId);
		return this.directed(definition, fromTypeId === definition.a ? definition.b : definition.a);
	}

	createLabel(fromTypeId: string, toTypeId: string, name: string, label: string, inverseLabel?: string): AssociationDefinition {
		const aToB = this.allocateTypeId();
		const bToA = this.allocateTypeId();
		const definition: AssociationDefinition = {
			a: fromTypeId,
			b: toTypeId,
			category: 'USER_DEFINED',
			aToB: { typeId: aToB, label },
			bToA: { typeId: bToA, label: inverseLabel ?? label },
			name,
		};
		this.definitions.push(...(fromTypeId === toTypeId ? sameObject(definition) : [definition]));
		return definition;
	}

	/** Removes a label pair; for a same-object pair, both of its definitions. */
	remove(definition: AssociationDefinition): void {
		for (const each of [definition, definition.mirror]) {
			const index = each ? this.definitions.indexOf(each) : -1;
			if (index >= 0) this.definitions.splice(index, 1);
		}
	}

	private allocateTypeId(): number {
		const used = new Set(this.definitions.flatMap((definition) => [definition.aToB.typeId, definition.bToA.typeId]));
		while (used.has(this.nextUserTypeId)) this.nextUserTypeId++;
		return this.nextUserTypeId++;
	}
}

function directedSide(definition: AssociationDefinition, fromTypeId: string, toTypeId: string): DirectedType | undefined {
	if (definition.a === fromTypeId && definition.b === toTypeId) return definition.aToB;
	if (definition.b === fromTypeId && definition.a === toTypeId) return definition.bToA;
	return undefined;
}
