import type { IExecuteFunctions } from 'n8n-workflow';
import { readClientSettings, requestOptionFields } from '../../../../nodes/HubspotAssociations/actions/requestOptions';

/** A context whose node holds `options` as n8n saved them. */
function contextWith(options: Record<string, unknown>): IExecuteFunctions {
	return {
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => {
			const key = name.replace(/^options\./, '');
			return key in options ? options[key] : fallback;
		},
	} as unknown as IExecuteFunctions;
}

describe('Parallel Requests (options.concurrency)', () => {
	it('is Auto for a new node, and offers every number a saved workflow may hold', () => {
		const field = requestOptionFields.find((option) => option.name === 'concurrency')!;
		expect(field.default).toBe('auto');
		expect(field.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(['auto', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('keeps the number a saved workflow holds, and reads a workflow saved without the option as auto', () => {
		expect(readClientSettings(contextWith({ concurrency: 3 })).concurrency).toBe(3);
		expect(readClientSettings(contextWith({ concurrency: 1 })).concurrency).toBe(1);
		expect(readClientSettings(contextWith({})).concurrency).toBe('auto');
		expect(readClientSettings(contextWith({ concurrency: 'auto' })).concurrency).toBe('auto');
		expect(readClientSettings(contextWith({ concurrency: '4' })).concurrency).toBe(4);
	});

	it('names the option and the value when it is neither auto nor a whole number from 1 to 10', () => {
		expect(() => readClientSettings(contextWith({ concurrency: 0 }))).toThrow('Parallel Requests (options.concurrency)');
		expect(() => readClientSettings(contextWith({ concurrency: 11 }))).toThrow('must be a whole number from 1 to 10, got 11');
		expect(() => readClientSettings(contextWith({ concurrency: 'fast' }))).toThrow(/got "?fast"?/);
	});
});
