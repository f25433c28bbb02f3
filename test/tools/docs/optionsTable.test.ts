import { readFileSync } from 'fs';
import { join } from 'path';
import { HubspotAssociations } from '../../../nodes/HubspotAssociations/HubspotAssociations.node';
import { optionsOf, optionsPage } from '../../../tools/docs/optionsTable';

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const { properties } = new HubspotAssociations().description;
const batchSizeDefault = (operation: string) => optionsOf(properties, { resource: 'association', value: operation }).find((field) => field.name === 'batchSize')?.default;

describe('docs/options.md', () => {
	it('is the table the node description gives (run `npm run docs:options` after changing an option)', () => {
		expect(read('docs/options.md')).toBe(optionsPage());
	});

	it("gives each operation's own Batch Size default: Batch Get 1,000, Sync and Batch Create 2,000, the others 100", () => {
		expect(batchSizeDefault('batchRead')).toBe(1000);
		expect(batchSizeDefault('batchSync')).toBe(2000);
		expect(batchSizeDefault('batchCreate')).toBe(2000);
		for (const operation of ['batchCreateDefault', 'batchArchive', 'batchArchiveLabels']) expect(batchSizeDefault(operation)).toBe(100);
	});
});

describe("the docs' Batch Size defaults", () => {
	it('agree with the node, operation by operation', () => {
		const row = read('docs/operations.md')
			.split('\n')
			.find((line) => line.startsWith('| Options → Batch Size |'));
		expect(row).toBeDefined();
		const names: Record<string, string> = {
			batchCreate: 'Batch Create',
			batchSync: 'Sync',
			batchRead: 'Batch Get',
			batchCreateDefault: 'Batch Create Default',
			batchArchive: 'Batch Remove',
			batchArchiveLabels: 'Batch Remove Labels',
		};
		// "2,000 for Batch Create and Sync; 1,000 for Batch Get; 100 for …": each operation named once, after its default.
		const stated = new Map<string, number>();
		for (const [, amount, list] of row!.matchAll(/(\d[\d,]*) for ([^;)|]+)/g)) {
			for (const name of list.split(/, | and /)) stated.set(name.trim(), Number(amount.replace(/,/g, '')));
		}
		for (const [operation, name] of Object.entries(names)) expect([name, stated.get(name)]).toEqual([name, batchSizeDefault(operation)]);
	});
});
