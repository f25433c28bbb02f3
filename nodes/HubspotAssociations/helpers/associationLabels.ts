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

/** Dropdown entries for one direction: the unlabeled default first, primary types last and marked. */
export function associationTypeOptions(labels: AssociationLabel[]): INodePropertyOptions[] {
	const rank = (label: AssociationLabel) => (isPrimaryType(label) ? 2 : label.label ? 1 : 0);
	return [...labels]
		.sort((a, b) => rank(a) - rank(b) || a.typeId - b.typeId)
		.map((label) => {
			const code = `${label.category}:${label.typeId}`;
			if (isPrimaryType(label)) {
				return {
					name: `⚠ Primary: ${label.label ?? 'Primary'} (${code})`,
					value: code,
					description: 'Makes the target the primary record of this type: replaces the current primary one',
				};
			}
			if (!label.label) {
				return { name: `Unlabeled (default) (${code})`, value: code, description: 'The plain association, without a label' };
			}
			return { name: `${label.label} (${code})`, value: code };
		});
}
