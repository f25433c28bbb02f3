import type { INodeProperties } from 'n8n-workflow';

const FROM = '{{ $parameter.fromObjectType }}';
const TO = '{{ $parameter.toObjectType }}';
// A side looked up by a property (issue 9's id types) is given by that property's value, not its id.
const keyOf = (side: 'from' | 'to') => `(($parameter.${side}IdType || 'id') === 'id' ? 'HubSpot record ID (digits)' : $parameter.${side}IdType)`;
const IDS = `{{ ($parameter.fromIdType || 'id') === 'id' && ($parameter.toIdType || 'id') === 'id' ? 'Give the HubSpot record ID (digits) of each record.' : 'Give the ' + $parameter.fromObjectType + ' record by its ' + ${keyOf('from')} + ' and the ' + $parameter.toObjectType + ' record by its ' + ${keyOf('to')} + '.' }}`;
const FAILED = 'or status "failed" with the reason, e.g. an ID that names no record.';

/** What the model reads about the tool, per operation: what it does, what it needs, what it answers. */
const descriptions: Record<string, string> = {
	batchCreate: `Links a record in HubSpot ${FROM} to a record in HubSpot ${TO} (creates the association, with the labels this tool is set up with; {{ $parameter.options?.keepExistingLabels === false ? "this REPLACES the link's other labels" : "the link's other labels are kept" }}). ${IDS} Answers status "created", ${FAILED}`,
	batchCreateDefault: `Links a record in HubSpot ${FROM} to a record in HubSpot ${TO} with HubSpot's default, unlabeled association. ${IDS} Answers status "created", ${FAILED}`,
	batchRead: `Lists the HubSpot ${TO} records linked to a record in HubSpot ${FROM}, with the labels of each link. Give the ${FROM} record by its {{ ${keyOf('from')} }}. Answers the count and the linked record IDs, ${FAILED}`,
	batchArchiveLabels: `Removes this tool's association labels from the link between a record in HubSpot ${FROM} and a record in HubSpot ${TO}; the link and its other labels stay, except that removing the unlabeled (default) type removes the link itself, with all its labels. ${IDS} Answers status "labelsRemoved", or "removed" when the link itself was removed, ${FAILED}`,
	batchArchive: `Removes every association between a record in HubSpot ${FROM} and a record in HubSpot ${TO}. ${IDS} Answers status "removed", ${FAILED}`,
	batchSync: `Makes a record in HubSpot ${FROM} linked to exactly the given record in HubSpot ${TO}: links it with this tool's labels and REMOVES the record's other links to HubSpot ${TO} (primary links are kept). ${IDS} Answers status "created", "updated" or "unchanged" and the removed links, ${FAILED}`,
};

/**
 * The tool description fields n8n adds to every `…Tool` node (same names, so its editor and
 * engine use them), declared here only to start from a description written for the model
 * instead of n8n's automatic "Batch create associations in HubSpot Associations". Shown only on
 * the tool variant (`@tool`).
 */
export const toolDescriptionFields: INodeProperties[] = [
	{
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto', description: 'Automatically set based on resource and operation' },
			{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
		],
		default: 'manual',
		displayOptions: { show: { '@tool': [true] } },
	},
	...Object.entries(descriptions).map(
		([operation, text]): INodeProperties => ({
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: `=${text}`,
			required: true,
			typeOptions: { rows: 3 },
			description: 'Explain to the LLM what this tool does, a good, specific description would allow LLMs to produce expected results much more often',
			displayOptions: { show: { '@tool': [true], descriptionType: ['manual'], resource: ['association'], operation: [operation] } },
		}),
	),
];
