/**
 * What the trigger listens to, in the words of a HubSpot project's webhooks component
 * (`src/app/webhooks/*-hsmeta.json`): scripts that write the project read it from here.
 */
export const GENERIC_SUBSCRIPTION = 'object.associationChange';

/** The classic format's subscription types: `contact.associationChange` and its siblings. */
export const CLASSIC_SUBSCRIPTION = /^(?:contact|company|deal|ticket|line_item)\.associationChange$/;

/** The object types a ready project subscribes to, as HubSpot's templates spell them. */
export const SUBSCRIBED_OBJECT_TYPES = ['contact', 'company', 'deal', 'ticket'] as const;

/** The `crmObjects` list of a webhooks component for those object types. */
export function webhookSubscriptions(): Array<{ subscriptionType: string; objectType: string; active: boolean }> {
	return SUBSCRIBED_OBJECT_TYPES.map((objectType) => ({ subscriptionType: GENERIC_SUBSCRIPTION, objectType, active: true }));
}

/** The object types a classic `associationType` names (`CONTACT_TO_COMPANY`), by type id. */
export const CLASSIC_OBJECT_TYPE_IDS: Readonly<Record<string, string>> = {
	CONTACT: '0-1',
	COMPANY: '0-2',
	DEAL: '0-3',
	TICKET: '0-5',
	PRODUCT: '0-7',
	LINE_ITEM: '0-8',
	PARENT_COMPANY: '0-2',
	CHILD_COMPANY: '0-2',
};
