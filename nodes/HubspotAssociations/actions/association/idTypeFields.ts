import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { RECORD_ID } from '../../helpers/recordLookups';

/**
 * "From/To Record Identified By": the record id (default, as before lookups existed) or a
 * property whose value the record ID field then holds, listed for the side's object type.
 */
export function idTypeField(side: 'from' | 'to', displayOptions: IDisplayOptions): INodeProperties {
	const From = side === 'from' ? 'From' : 'To';
	return {
		displayName: side === 'from' ? 'From Record Identified By' : 'To Record Identified By',
		name: `${side}IdType`,
		type: 'options',
		typeOptions: {
			loadOptionsMethod: side === 'from' ? 'getFromIdTypes' : 'getToIdTypes',
			loadOptionsDependsOn: [`${side}ObjectType`],
		},
		default: RECORD_ID,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: `Record ID, or a property whose value identifies the record: contacts' email, companies' domain, or a unique property. The ${From} Record ID field then holds that value; the node looks the records up in batches.`,
		displayOptions,
	};
}
