import type { INodeProperties } from 'n8n-workflow';
import { authenticationField } from '../HubspotAssociations/actions/authenticationFields';
import { objectTypeFields } from '../HubspotAssociations/actions/association/objectTypeFields';

// The action node's object type pickers (standard types, type ids, the account's custom objects), without its display rules.
const objectTypes: INodeProperties[] = objectTypeFields(['trigger'], { resource: 'label' }).map((field) => ({
	...field,
	displayOptions: undefined,
	hint: field.name === 'fromObjectType' ? 'Items read from this side, e.g. contacts' : 'To this side, e.g. companies',
}));

export const triggerFields: INodeProperties[] = [
	{
		...authenticationField,
		description: "The credential's client secret checks that each delivery comes from HubSpot; its token reads label names",
	},
	...objectTypes,
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Association Added', value: 'added', description: 'Two records were linked' },
			{ name: 'Association Removed', value: 'removed', description: 'A link between two records was removed' },
		],
		default: ['added', 'removed'],
		required: true,
	},
	{
		displayName: 'Association Type Names or IDs',
		name: 'associationTypes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAssociationTypes', loadOptionsDependsOn: ['fromObjectType', 'toObjectType'] },
		default: [],
		description:
			'Only changes of these types; none chosen means every type. An expression gives "CATEGORY:typeId" strings (e.g. "USER_DEFINED:36") or label texts (e.g. "Decision maker", matched in any case). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'One Item per Change',
				name: 'onePerChange',
				type: 'boolean',
				default: true,
				description:
					'Whether a change HubSpot reports from both records (and a primary link also as its plain type) gives one item, and a change already emitted in the last 24 hours is not emitted again. Off: one item per HubSpot event.',
			},
			{
				displayName: 'Label Names',
				name: 'labelNames',
				type: 'boolean',
				default: true,
				description: "Whether items carry the label's text, read from HubSpot once per direction and kept a few minutes",
			},
			{
				displayName: 'Accept Legacy Signatures',
				name: 'legacySignatures',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept deliveries signed only with HubSpot\'s v1 signature (older private apps). It has no timestamp, so a captured delivery can be replayed: leave off unless your app sends no v3 signature.',
			},
		],
	},
];
