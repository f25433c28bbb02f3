import { objectTypeName } from '../../helpers/objectTypes';

/** The read scope HubSpot asks for to read records of a type (standard types by name, custom ones alike). */
export function readScopeOf(pathType: string): string {
	const name = objectTypeName(pathType);
	if (name === 'tickets') return 'tickets';
	if (name) return `crm.objects.${name}.read`;
	return 'crm.objects.custom.read';
}
