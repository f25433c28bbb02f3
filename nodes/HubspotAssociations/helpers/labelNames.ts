import type { AssociationLabel } from './associationLabels';
import { showValue } from './validation';

/**
 * A label's text as the node compares it: HubSpot shows labels as typed, users type them in any
 * case, with stray spaces, composed or not. The internal name is derived from the same form, so
 * two texts are one label for the node exactly when HubSpot would refuse the second's name.
 */
export function labelTextKey(text: string): string {
	return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function sameLabelText(a: string, b: string): boolean {
	return labelTextKey(a) === labelTextKey(b);
}

/** The labeled type of a direction with this text; a label users created wins over HubSpot's own. */
export function findLabel(labels: readonly AssociationLabel[], name: string): AssociationLabel | undefined {
	const matching = labels.filter((label) => typeof label.label === 'string' && sameLabelText(label.label, name));
	return matching.find((label) => label.category === 'USER_DEFINED') ?? matching[0];
}

/** The end of an "unknown label" message: the labels a user could have meant. */
export function existingLabelsText(labels: readonly AssociationLabel[]): string {
	const texts = [...new Set(labels.map((label) => label.label).filter((text): text is string => typeof text === 'string' && text !== ''))];
	return texts.length > 0 ? `the labels that exist: ${texts.map((text) => showValue(text)).join(', ')}` : 'this direction has no labels';
}

/**
 * The internal `name` HubSpot requires when creating a label, derived from its text
 * ("Decision maker" → "decision_maker"). HubSpot refuses a second label with the same name in a
 * direction, so a text the plain form cannot spell whole (accents, other scripts, emoji, signs,
 * more than 60 characters) gets a stable hash of the whole text after a double underscore, which
 * no plain form holds: "Менеджер" and "Клиент" stay two names, and no plain text spells a hashed one.
 */
export function internalLabelName(label: string): string {
	const text = labelTextKey(label);
	const spelled = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	const plain = spelled.slice(0, 60).replace(/_+$/, '');
	if (/^[a-z0-9 ]*$/.test(text) && plain !== '' && plain === spelled) return plain;
	return `${plain === '' ? 'label' : plain}__${textHash(text)}`;
}

/** FNV-1a over the text's UTF-16 units, in base 36: the same text always gets the same name. */
function textHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

/**
 * The inverse type id of each user-defined label, from the labels of both directions.
 * HubSpot's labels endpoint does not link the two ids of a label; it creates them together,
 * so the n-th user-defined type of one direction is read as the inverse of the n-th of the
 * other, by type id. When the counts differ the pairing is unknown and nothing is returned.
 */
export function inverseTypeIds(forward: readonly AssociationLabel[], backward: readonly AssociationLabel[]): Map<number, AssociationLabel> {
	const userDefined = (labels: readonly AssociationLabel[]) => labels.filter((label) => label.category === 'USER_DEFINED').sort((a, b) => a.typeId - b.typeId);
	const [ours, theirs] = [userDefined(forward), userDefined(backward)];
	if (ours.length !== theirs.length) return new Map();
	return new Map(ours.map((label, index) => [label.typeId, theirs[index]]));
}

/** The two type ids of a label HubSpot just created, from its answer to `POST .../labels`. */
export function createdLabelTypes(
	results: readonly AssociationLabel[],
	label: string,
	inverseLabel?: string,
): { forward?: AssociationLabel; inverse?: AssociationLabel } {
	if (inverseLabel !== undefined && !sameLabelText(inverseLabel, label)) {
		const withText = (text: string) => results.find((result) => typeof result.label === 'string' && sameLabelText(result.label, text));
		return { forward: withText(label), inverse: withText(inverseLabel) };
	}
	// A single label has one text both ways: HubSpot lists this direction's type first.
	return { forward: results[0], inverse: results[1] };
}
