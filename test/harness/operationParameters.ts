import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { HubSpotSimulator } from '../../tools/simulator';

/** Batch Get from contacts to companies (or another direction), the from-id mapped from `contactId`. */
export function batchReadParameters(options: IDataObject = {}, direction = { from: 'contacts', to: 'companies' }): INodeParameters {
	return {
		resource: 'association',
		operation: 'batchRead',
		fromObjectType: direction.from,
		toObjectType: direction.to,
		fromObjectId: '={{ $json.contactId }}',
		options: options as INodeParameters['options'],
	};
}

/** Sync from contacts to companies: ids from `contactId` / `companyId`, types from `types`; `fields` override any of them. */
export function syncParameters(options: IDataObject = {}, fields: INodeParameters = {}): INodeParameters {
	return {
		resource: 'association',
		operation: 'batchSync',
		fromObjectType: 'contacts',
		toObjectType: 'companies',
		fromObjectId: '={{ $json.contactId }}',
		toObjectId: '={{ $json.companyId }}',
		associationTypes: '={{ $json.types }}',
		...fields,
		options: options as INodeParameters['options'],
	};
}

/** The type ids the simulator holds on a pair, read from→to, ascending. */
export function heldTypeIds(sim: HubSpotSimulator, from: string, fromId: string, to: string, toId: string): number[] {
	return sim.state
		.associationsBetween(from, fromId, to, toId)
		.map((held) => held.associationTypeId)
		.sort((a, b) => a - b);
}
