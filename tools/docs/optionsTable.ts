import type { INodeProperties } from 'n8n-workflow';
import '../bench/preferTypeScript';
import { HubspotAssociations } from '../../nodes/HubspotAssociations/HubspotAssociations.node';

/**
 * `docs/options.md`, written from the node's own description so its defaults cannot drift from
 * the node's: `npm run docs:options` rewrites it, and a spec fails while the page is stale.
 */

type Operation = { resource: string; value: string; name: string };

const shows = (property: INodeProperties, key: string, value: string) => {
	const allowed = property.displayOptions?.show?.[key];
	return Array.isArray(allowed) && allowed.includes(value);
};

function operations(properties: INodeProperties[]): Operation[] {
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => {
			const resource = String(property.displayOptions?.show?.resource?.[0]);
			return (property.options ?? []).map((option) => ({ resource, value: String((option as { value: string }).value), name: (option as { name: string }).name }));
		});
}

/** The options collection shown for one operation. */
export function optionsOf(properties: INodeProperties[], { resource, value }: Pick<Operation, 'resource' | 'value'>): INodeProperties[] {
	const collection = properties.find((property) => property.name === 'options' && shows(property, 'resource', resource) && shows(property, 'operation', value));
	return (collection?.options ?? []) as INodeProperties[];
}

function shown(field: INodeProperties): string {
	const value = field.default;
	if (typeof value === 'boolean') return value ? 'on' : 'off';
	if (typeof value === 'number') return value.toLocaleString('en-US');
	if (field.type === 'options') {
		const option = (field.options ?? []).find((entry) => (entry as { value: unknown }).value === value) as { name: string } | undefined;
		return option?.name ?? String(value);
	}
	return String(value);
}

const cell = (text: string | undefined) => (text ?? '').replace(/\|/g, '\\|').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

export function optionsPage(): string {
	const { properties } = new HubspotAssociations().description;
	const lines = [
		'# Options and their defaults',
		'',
		'Written from the node\'s description by `npm run docs:options`; a spec fails while this page and the node disagree.',
		'',
	];
	for (const operation of operations(properties)) {
		const fields = optionsOf(properties, operation);
		if (fields.length === 0) continue;
		lines.push(`## ${operation.name} (\`${operation.resource}\` / \`${operation.value}\`)`, '', '| option | name | default | what it does |', '| --- | --- | --- | --- |');
		for (const field of fields) lines.push(`| ${field.displayName} | \`${field.name}\` | ${shown(field)} | ${cell(field.description)} |`);
		lines.push('');
	}
	return lines.join('\n');
}

if (require.main === module) process.stdout.write(optionsPage());
