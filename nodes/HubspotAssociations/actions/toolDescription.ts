import type { INodeProperties } from 'n8n-workflow';

const FROM = '{{ $parameter.fromObjectType }}';
const TO = '{{ $parameter.toObjectType }}';
// A side looked up by a property (issue 9's id types) is given by that property's value, not its id.
const keyOf = (side: 'from' | 'to') => `(($parameter.${side}IdType || 'id') === 'id' ? 'HubSpot record ID (digits)' : $parameter.${side}IdType)`;
const IDS = `{{ ($parameter.fromIdType || 'id') === 'id' && ($parameter.toIdType || 'id') === 'id' ? 'Give the HubSpot record ID (digits) of each record.' : 'Give the ' + $parameter.fromObjectType + ' record by its ' + ${keyOf('from')} + ' and the ' + $parameter.toObjectType + ' record by its ' + ${keyOf('to')} + '.' }}`;
const FAILED = 'or status "failed" with the reason, e.g. an ID that names no record.';
// An option as the tool is set up, read when n8n builds the tool (options left unset take the node's default).
const option = (name: string) => `($parameter.options || {}).${name}`;
// A dry run writes nothing: the model must not report a change that did not happen.
const DRY_RUN = `{{ ${option('dryRun')} === true ? ' Dry run: nothing is written in HubSpot; the answer says what would be done.' : '' }}`;
const SYNC_OTHERS = `{{ ${option('removeUnlisted')} === false ? "keeps the record's other links to HubSpot " + $parameter.toObjectType : "REMOVES the record's other links to HubSpot " + $parameter.toObjectType + ' (primary links are kept)' }}`;
const SYNC_ANSWERS = `{{ ${option('removeUnlisted')} === false ? '' : ' and the removed links' }}`;
// Batch create sets a pair's labels to the given ones, unless Keep Existing Labels sends the pair's current ones along.
const CREATE_LABELS = `{{ ${option('keepExistingLabels')} === true ? ' Labels the link already has are kept.' : ' Labels the link already has and this tool does not set are removed (HubSpot replaces them).' }}`;
// Removing HubSpot's unlabeled type (a HUBSPOT_DEFINED one) removes the link with all its labels.
const LABELS_KEEP_LINK = `{{ String($parameter.associationTypes || '').includes('HUBSPOT_DEFINED') ? ": removing HubSpot's unlabeled type, if among them, removes the link itself" : ', keeping the link' }}`;
const LABEL_DIRECTION = `from HubSpot ${FROM} to HubSpot ${TO}`;
const LABEL_FAILED = 'or status "failed" with the reason.';

/** What the model reads about the tool, per resource and operation: what it does, what it needs, what it answers. */
const descriptions: Record<string, Record<string, string>> = {
	association: {
		batchCreate: `Links a record in HubSpot ${FROM} to a record in HubSpot ${TO} (creates the association, with the labels this tool is set up with).${CREATE_LABELS} ${IDS} Answers status "created", ${FAILED}${DRY_RUN}`,
		batchCreateDefault: `Links a record in HubSpot ${FROM} to a record in HubSpot ${TO} with HubSpot's default, unlabeled association. ${IDS} Answers status "created", ${FAILED}${DRY_RUN}`,
		batchRead: `Lists the HubSpot ${TO} records linked to a record in HubSpot ${FROM}, with the labels of each link. Give the ${FROM} record by its {{ ${keyOf('from')} }}. Answers the count and the linked record IDs, ${FAILED}`,
		batchArchiveLabels: `Removes this tool's association labels from the link between a record in HubSpot ${FROM} and a record in HubSpot ${TO}${LABELS_KEEP_LINK}. ${IDS} Answers status "labelsRemoved", ${FAILED}${DRY_RUN}`,
		batchArchive: `Removes every association between a record in HubSpot ${FROM} and a record in HubSpot ${TO}. ${IDS} Answers status "removed", ${FAILED}${DRY_RUN}`,
		batchSync: `Makes a record in HubSpot ${FROM} linked to the given record in HubSpot ${TO}: links it with this tool's labels and ${SYNC_OTHERS}. ${IDS} Answers status "created", "updated" or "unchanged"${SYNC_ANSWERS}, ${FAILED}${DRY_RUN}`,
	},
	label: {
		getAll: `Lists the association labels ${LABEL_DIRECTION}, with the type ID of each. Answers one entry per label, ${LABEL_FAILED}`,
		create: `Creates the association label given for links ${LABEL_DIRECTION} (answers the existing one when it is already there). Answers the label and its type IDs, ${LABEL_FAILED}${DRY_RUN}`,
		update: `Renames an association label ${LABEL_DIRECTION}, one created in the account, given by its type ID. Answers the renamed label, ${LABEL_FAILED}${DRY_RUN}`,
		delete: `Deletes an association label ${LABEL_DIRECTION}, given by its type ID: HubSpot removes it from every link that has it. Answers the deleted label, ${LABEL_FAILED}${DRY_RUN}`,
	},
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
	...Object.entries(descriptions).flatMap(([resource, operations]) =>
		Object.entries(operations).map(
			([operation, text]): INodeProperties => ({
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: `=${text}`,
				required: true,
				typeOptions: { rows: 3 },
				description: 'Explain to the LLM what this tool does, a good, specific description would allow LLMs to produce expected results much more often',
				displayOptions: { show: { '@tool': [true], descriptionType: ['manual'], resource: [resource], operation: [operation] } },
			}),
		),
	),
];
