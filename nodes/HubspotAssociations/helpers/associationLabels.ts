import type { INodePropertyOptions } from 'n8n-workflow';

/** `AssociationSpecWithLabel` as the labels endpoint returns it. */
export interface AssociationLabel {
	category: string;
	typeId: number;
	label?: string | null;
}

// Type ids HubSpot uses for primary associations (e.g. 1 sets a contact's primary company).
const PRIMARY_TYPE_IDS = new Set([1, 2, 5, 6, 25, 26]);

export function isPrimaryType(label: AssociationLabel): boolean {
	return label.category === 'HUBSPOT_DEFINED' && PRIMARY_TYPE_IDS.has(label.typeId);
}

// A primary type is held once per record on one side: 1, 5, 26 by the from-record (a contact's primary company), 2, 6, 25 by the to-record.
const HELD_BY_TO_RECORD = new Set([2, 6, 25]);

/** The side of a pair whose record holds this primary type towards one record at most. */
export function primaryHolder(typeId: number): 'from' | 'to' {
	return HELD_BY_TO_RECORD.has(typeId) ? 'to' : 'from';
}

/** What a user reads in the list: the label itself; the raw `CATEGORY:id` goes in the description. */
function optionFor(label: AssociationLabel): INodePropertyOptions {
	const code = `${label.category}:${label.typeId}`;
	if (isPrimaryType(label)) {
		const text = label.label || 'Primary';
		return {
			name: `⚠ ${/primary/i.test(text) ? text : `Primary: ${text}`}`,
			value: code,
			description: `Makes the target the primary record of this type, replacing the current primary one (${code})`,
		};
	}
	if (!label.label) return { name: 'Unlabeled', value: code, description: `The plain association, without a label (${code})` };
	return { name: label.label, value: code, description: code };
}

/** Dropdown entries for one direction: the unlabeled default first, primary types last and marked. */
export function associationTypeOptions(labels: AssociationLabel[]): INodePropertyOptions[] {
	const rank = (label: AssociationLabel) => (isPrimaryType(label) ? 2 : label.label ? 1 : 0);
	const options = [...labels].sort((a, b) => rank(a) - rank(b) || a.typeId - b.typeId).map(optionFor);
	// Two types with the same name (e.g. two unlabeled ones) stay told apart by their type id.
	const seen = new Map<string, number>();
	for (const option of options) seen.set(option.name, (seen.get(option.name) ?? 0) + 1);
	return options.map((option) => ((seen.get(option.name) ?? 0) > 1 ? { ...option, name: `${option.name} (${String(option.value).split(':')[1]})` } : option));
}
