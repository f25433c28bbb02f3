import { objectTypeName } from './objectTypes';

/**
 * The write scope(s) HubSpot's object APIs list for each object type the dropdown offers (the
 * README's scope table says the same). Engagements (notes, calls, …) use the contacts scopes.
 */
const WRITE_SCOPES: Record<string, string> = {
	contacts: 'crm.objects.contacts.write',
	companies: 'crm.objects.companies.write',
	deals: 'crm.objects.deals.write',
	tickets: 'tickets',
	notes: 'crm.objects.contacts.write',
	products: 'e-commerce',
	line_items: 'e-commerce',
	quotes: 'crm.objects.quotes.write',
	communications: 'crm.objects.contacts.write',
	tasks: 'crm.objects.contacts.write',
	meetings: 'crm.objects.contacts.write',
	calls: 'crm.objects.contacts.write',
	emails: 'crm.objects.contacts.write',
	invoices: 'crm.objects.invoices.write',
	payments: 'crm.objects.commercepayments.write',
	users: 'crm.objects.users.write',
	postal_mail: 'crm.objects.contacts.write',
	orders: 'crm.objects.orders.write',
	leads: 'crm.objects.leads.write',
	carts: 'crm.objects.carts.write',
	services: 'crm.objects.services.write',
	projects: 'crm.objects.projects.write',
};

/** "line items need e-commerce; contacts need crm.objects.contacts.write", for the object types of a refused request. */
export function writeScopesOf(pathTypes: string[]): string | undefined {
	const parts = new Map<string, string>();
	for (const pathType of pathTypes) {
		const name = objectTypeName(pathType) ?? (/^2-\d+$|^p\d+_/.test(pathType) ? 'custom objects' : undefined);
		const scope = name === 'custom objects' ? 'crm.objects.custom.write' : name && WRITE_SCOPES[name];
		if (name && scope) parts.set(name, `${name.replace('_', ' ')} need ${scope}`);
	}
	return parts.size > 0 ? [...parts.values()].join('; ') : undefined;
}
