import { HeldRequests } from '../../../../nodes/HubspotAssociations/actions/heldRequests';
import type { AssociationRequest, AssociationSpec } from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import { planBatches, plannedBatch } from '../../../../nodes/HubspotAssociations/helpers/planning';

const DEFAULT_279: AssociationSpec = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };
const LABEL_36: AssociationSpec = { associationCategory: 'USER_DEFINED', associationTypeId: 36 };

function request(itemIndex: number, from: string, to: string, types: AssociationSpec[], extra: Partial<AssociationRequest> = {}): AssociationRequest {
	return { itemIndex, fromObjectType: 'contacts', toObjectType: '0-2', fromPathType: 'contacts', toPathType: '0-2', fromObjectId: from, toObjectId: to, types, ...extra };
}

/** Plans `requests`, holds them, and tells each item's request again from the input of its batch. */
function heldAndTold(requests: AssociationRequest[]) {
	const batches = planBatches(requests, 100);
	const held = new HeldRequests(requests.length + 1, requests, batches);
	const inputs = batches.map(plannedBatch).flatMap((batch) => batch.inputs);
	const told = (itemIndex: number) => held.of(itemIndex, inputs.find((input) => input.itemIndexes.includes(itemIndex))!);
	return { held, inputs, told };
}

describe('HeldRequests: the requests of a run while its batches wait', () => {
	it('tells an item its request from its input: the same ids, types and object types as read', () => {
		const shared = [DEFAULT_279];
		const requests = [request(0, '1', '10', shared), request(1, '2', '20', shared)];
		const { held, told } = heldAndTold(requests);
		expect(told(0)).toEqual(requests[0]);
		expect(told(1)).toEqual(requests[1]);
		expect(told(1).types).toBe(shared);
		// Nothing is kept whole for the end of the run until asked to.
		expect(held.kept(0)).toBeUndefined();
	});

	it('keeps the request of an item whose types were merged with another item of its pair', () => {
		const requests = [request(0, '1', '10', [DEFAULT_279]), request(1, '1', '10', [LABEL_36])];
		const { inputs, told } = heldAndTold(requests);
		expect(inputs[0].types).toEqual([DEFAULT_279, LABEL_36]);
		expect(told(0).types).toEqual([DEFAULT_279]);
		expect(told(1).types).toEqual([LABEL_36]);
	});

	it('keeps the request of an item that named a record by a property, lookup included', () => {
		const lookedUp = request(0, '1', '10', [DEFAULT_279], { fromLookup: { property: 'email', value: 'a@example.com' } });
		const { told } = heldAndTold([lookedUp]);
		expect(told(0)).toBe(lookedUp);
	});

	it('holds a request whole once asked to keep it, and lets it go once released', () => {
		const requests = [request(0, '1', '10', [DEFAULT_279]), request(1, '2', '20', [DEFAULT_279])];
		const { held, inputs } = heldAndTold(requests);
		held.keep(inputs[0]);
		held.release(1);
		expect(held.kept(0)).toEqual(requests[0]);
		expect(held.kept(1)).toBeUndefined();
	});
});
